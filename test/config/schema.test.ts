// schema/pavedpath.schema.json and src/config/schema.ts state one contract: same keys, enums,
// defaults and patterns; the schema helps editors (a title and a description on every property).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  ADVISORY_PATTERN,
  CONFIG_SCHEMA_ID,
  CWE_PATTERN,
  DEFAULT_FAIL_ON,
  DEFAULT_FAIL_ON_SCOPE,
  FAIL_ON_SCOPES,
  FAIL_ON_VALUES,
  IGNORE_ENTRY_KEYS,
  NOT_BLANK_PATTERN,
  PACKAGE_PATTERN,
  SELECTOR_KEYS,
  TOP_LEVEL_KEYS,
  isIsoDate,
} from '../../src/config/schema.js';
import { SEVERITIES } from '../../src/findings/finding.js';
import { REPO_ROOT } from '../support/runner.js';

const addFormats = addFormatsModule.default;
const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', 'pavedpath.schema.json'), 'utf8'));
const entry = schema.$defs.ignoreEntry;

describe('the config JSON Schema', () => {
  it('is draft 2020-12 with the published $id, and compiles in ajv strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    const ajv = new Ajv2020({ strict: true, strictRequired: false });
    addFormats(ajv);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('has the keys of src/config/schema.ts, and no others', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([...TOP_LEVEL_KEYS]);
    expect(entry.additionalProperties).toBe(false);
    expect(Object.keys(entry.properties)).toEqual([...IGNORE_ENTRY_KEYS]);
    expect(entry.required).toEqual(['reason']);
    expect(entry.anyOf).toEqual(SELECTOR_KEYS.map((k) => ({ required: [k] })));
  });

  it('has the same enums and defaults', () => {
    expect(schema.properties['fail-on'].enum).toEqual([...FAIL_ON_VALUES]);
    expect(schema.properties['fail-on'].default).toBe(DEFAULT_FAIL_ON);
    expect(schema.properties['fail-on-scope'].enum).toEqual([...FAIL_ON_SCOPES]);
    expect(schema.properties['fail-on-scope'].default).toBe(DEFAULT_FAIL_ON_SCOPE);
    // fail-on names the finding severities (less "note") and "none".
    expect(FAIL_ON_VALUES).toEqual([...SEVERITIES.filter((s) => s !== 'note'), 'none']);
  });

  it('has the same patterns', () => {
    expect(entry.properties.cwe.anyOf[1].pattern).toBe(CWE_PATTERN);
    expect(entry.properties.advisory.pattern).toBe(ADVISORY_PATTERN);
    expect(entry.properties.package.pattern).toBe(PACKAGE_PATTERN);
    for (const key of ['rule', 'fingerprint', 'reason'])
      expect(entry.properties[key].pattern).toBe(NOT_BLANK_PATTERN);
    expect(entry.properties.path.$ref).toBe('#/$defs/glob');
    expect(schema.properties.exclude.items.$ref).toBe('#/$defs/glob');
    expect(entry.properties.expires.format).toBe('date');
  });

  it('gives every property a title and a description', () => {
    const described = [
      schema,
      entry,
      schema.$defs.glob,
      ...Object.values(schema.properties),
      ...Object.values(entry.properties),
    ];
    for (const node of described) {
      expect(node).toEqual(
        expect.objectContaining({ title: expect.any(String), description: expect.any(String) }),
      );
    }
  });

  it('isIsoDate accepts exactly the dates ajv-formats accepts', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false });
    addFormats(ajv);
    const date = ajv.compile({ type: 'string', format: 'date' });
    const pad = (n: number) => String(n).padStart(2, '0');
    const disagreements: string[] = [];
    let valid = 0;
    for (const year of [1900, 2000, 2026, 2027, 2028]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${pad(month)}-${pad(day)}`;
          if (isIsoDate(text) !== date(text)) disagreements.push(text);
          if (isIsoDate(text)) valid++;
        }
      }
    }
    for (const text of [
      '2027-1-31',
      '27-01-31',
      '2027-01-31T00:00:00Z',
      ' 2027-01-31',
      '2027/01/31',
      '２０２７-01-31',
    ]) {
      if (isIsoDate(text) !== date(text)) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBe(365 * 3 + 366 * 2);
  });
});
