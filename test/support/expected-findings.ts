/**
 * The example services' ground truth, examples/expected-findings.json: per service its language
 * and the findings it holds on purpose, each with the rule each scanner reports it under.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import { loadSarif, type LoadedSarif } from '../../src/sarif/load.js';
import { REPO_ROOT } from './runner.js';

export interface ExpectedFinding {
  /** Relative to the service's folder. */
  file: string;
  /** 1-based. */
  line: number;
  cwe: number;
  /** A substring of that line. */
  snippet: string;
  /** A scanner → the rule id it reports on that line. */
  rules: Record<string, string | undefined>;
  /** A scanner → the CWE it attaches itself, where that differs from `cwe`. */
  tool_cwe?: Record<string, number | undefined>;
}

export const EXPECTED_FINDINGS = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'examples', 'expected-findings.json'), 'utf8'),
) as { services: Record<string, { language: string; findings: ExpectedFinding[] }> };

/** The findings of the example `service` that `scanner` has a rule for. */
export function expectedFindings(service: string, scanner: string): ExpectedFinding[] {
  return EXPECTED_FINDINGS.services[service]!.findings.filter((f) => f.rules[scanner]);
}

/**
 * Reads `log`, a scanner's SARIF, back with the project's loader (as the summary will), expecting
 * it loaded without a diagnostic and its first run from `toolName`. Returns each of `expected`
 * with the finding the loader gives at its `scanner` rule, file and line, if any.
 */
export function loadExpected(
  log: object,
  scanner: string,
  toolName: string,
  expected: ExpectedFinding[],
): [ExpectedFinding, LoadedSarif['findings'][number] | undefined][] {
  const loaded = loadSarif(Buffer.from(JSON.stringify(log)), `${scanner}.sarif`);
  expect(loaded.loaded).toBe(true);
  expect(loaded.diagnostics).toEqual([]);
  expect(loaded.runs[0]!.tool.name).toBe(toolName);
  return expected.map((f) => [
    f,
    loaded.findings.find(
      (x) => x.rule.id === f.rules[scanner] && x.location?.path === f.file && x.location.startLine === f.line,
    ),
  ]);
}
