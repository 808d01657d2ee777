/** Small builders for hand-written SARIF logs in tests. */
import { type LoadedSarif, type LoadOptions, loadSarif } from '../../src/sarif/load.js';

export type Json = Record<string, unknown>;

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A run of tool `name` with the given rules and results, plus any other run members. */
export function run(results: unknown[], extra: Json = {}, name = 'tool'): Json {
  return { tool: { driver: { name, rules: [] } }, results, ...extra };
}

export function log(...runs: unknown[]): Json {
  return { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs };
}

/** A result at `uri`, line `line`, with an optional snippet. */
export function result(ruleId: string, uri: string, line: number, extra: Json = {}, snippet?: string): Json {
  const region: Json = { startLine: line };
  if (snippet !== undefined) region.snippet = { text: snippet };
  return {
    ruleId,
    message: { text: `${ruleId} found here` },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
    ...extra,
  };
}

export function load(doc: unknown, file = 'test.sarif', options: LoadOptions = {}): LoadedSarif {
  return loadSarif(encode(typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2)), file, options);
}
