// The JSON Schema (as editors and ajv read it) and parseConfig judge every file of a corpus alike:
// test/fixtures/config/good/*.yml are valid for both, bad/*.yml invalid for both, and parseConfig
// names the key its first line announces (`# expect: ignore[0].reason`, or `(root)`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../src/config/parse.js';
import { REPO_ROOT } from '../support/runner.js';

const addFormats = addFormatsModule.default;
const CORPUS = path.join(REPO_ROOT, 'test', 'fixtures', 'config');
const TODAY = new Date('2026-11-23T00:00:00Z');

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', 'pavedpath.schema.json'), 'utf8'));
// strictRequired is off: each anyOf branch requires a selector that `properties` declares beside it.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const files = (dir: string) =>
  readdirSync(path.join(CORPUS, dir))
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => [f, readFileSync(path.join(CORPUS, dir, f), 'utf8')] as const);

/** What an editor validates: the YAML as data, an empty document being an empty mapping. */
function ajvValid(text: string): boolean {
  const doc = parseDocument(text, { schema: 'core' });
  expect(doc.errors).toEqual([]);
  return validate(doc.toJS() ?? {});
}

const good = files('good');
const bad = files('bad');

describe('config corpus', () => {
  it('holds at least 15 good and 15 bad files', () => {
    expect(good.length).toBeGreaterThanOrEqual(15);
    expect(bad.length).toBeGreaterThanOrEqual(15);
  });

  it.each(good)('good/%s is valid for the schema and for parseConfig', (file, text) => {
    const valid = ajvValid(text);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(parseConfig(text, file, TODAY).errors).toEqual([]);
  });

  it.each(bad)('bad/%s is invalid for the schema and for parseConfig', (file, text) => {
    expect(ajvValid(text)).toBe(false);
    const { errors } = parseConfig(text, file, TODAY);
    expect(errors.length).toBeGreaterThan(0);
    const expected = /^# expect: (\S+)/.exec(text)?.[1];
    expect(expected).toBeDefined();
    expect(errors.map((e) => e.key ?? '(root)')).toContain(expected);
  });
});
