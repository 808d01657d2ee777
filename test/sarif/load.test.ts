import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Diagnostic } from '../../src/sarif/diagnostics.js';
import { formatDiagnostic } from '../../src/sarif/diagnostics.js';
import { type LoadedSarif, loadSarif } from '../../src/sarif/load.js';
import { VENDORED_SARIF } from '../support/real-world.js';
import { encode, type Json, load, log, result, run } from './sarif-builders.js';

const FILE = 'scans/tool.sarif';
const loadText = (text: string, options = {}): LoadedSarif => loadSarif(encode(text), FILE, options);

/** The one diagnostic of a refused file, checked for what every refusal must say. */
function refusal(loaded: LoadedSarif): Diagnostic {
  expect(loaded.loaded).toBe(false);
  expect(loaded.findings).toEqual([]);
  expect(loaded.runs).toEqual([]);
  expect(loaded.diagnostics).toHaveLength(1);
  const d = loaded.diagnostics[0] as Diagnostic;
  expect(d.level).toBe('error');
  expect(d.file).toBe(FILE);
  expect(d.message).not.toBe('');
  expect(d.hint).toEqual(expect.stringMatching(/\w/));
  return d;
}

const ok = (r: Json): Json => ({ ruleId: 'r', message: { text: 'm' }, ...r });

describe('loadSarif: refused files', () => {
  test.each([
    ['empty', ''],
    ['whitespace only', ' \n\t\r\n  '],
    ['a BOM only', '\ufeff'],
    ['a BOM and whitespace', '\ufeff  \n'],
  ])('%s: "the file is empty"', (_name, text) => {
    const d = refusal(loadText(text));
    expect(d.message).toBe('the file is empty');
    expect(d.jsonPath).toBeUndefined();
  });

  test.each([
    ['[]', /found an array/],
    ['42', /found a number \(42\)/],
    ['"sarif"', /found a string/],
    ['null', /found null/],
  ])('%s is not a SARIF log, at $ line 1', (text, message) => {
    const d = refusal(loadText(`\n  ${text}\n`));
    expect(d.message).toMatch(/expected a SARIF log/);
    expect(d.message).toMatch(message);
    expect(d).toMatchObject({ jsonPath: '$', line: 2, column: 3 });
  });

  test('{} has no version', () => {
    const d = refusal(loadText('{}'));
    expect(d).toMatchObject({ jsonPath: 'version', message: expect.stringMatching(/no "version"/) });
    expect(d.hint).toMatch(/2\.1\.0/);
  });

  test.each([
    ['"2.0.0"', '"2.0.0"'],
    ['"2.1.0-rtm.4"', '"2.1.0-rtm.4"'],
    ['2.1', '2.1'],
    ['null', 'null'],
  ])('version %s is refused as unsupported', (version, shown) => {
    const d = refusal(loadText(`{"version": ${version}, "runs": []}`));
    expect(d.jsonPath).toBe('version');
    expect(d.message).toContain(`unsupported SARIF version ${shown}`);
    expect(d.hint).toMatch(/Multitool|Upgrade/);
  });

  test('a version without runs is refused at runs', () => {
    expect(refusal(loadText('{"version": "2.1.0"}')).jsonPath).toBe('runs');
  });

  test.each([
    ['{}', /found an object/],
    ['"x"', /found a string/],
    ['7', /found a number/],
    ['null', /found null/],
  ])('runs as %s is refused at runs, with its line', (value, message) => {
    const d = refusal(loadText(`{\n  "version": "2.1.0",\n  "runs": ${value}\n}`));
    expect(d).toMatchObject({ jsonPath: 'runs', line: 3, column: 11 });
    expect(d.message).toMatch(/"runs" must be an array/);
    expect(d.message).toMatch(message);
  });

  test.each(['7', '"x"', '[]', 'null'])('a run that is %s is refused at runs[i]', (value) => {
    const d = refusal(loadText(`{"version": "2.1.0", "runs": [{"results": []},\n ${value}]}`));
    expect(d).toMatchObject({ jsonPath: 'runs[1]', line: 2, column: 2 });
    expect(d.message).toMatch(/a run must be an object/);
  });

  test.each([
    ['5', /found a number \(5\)/],
    ['"none"', /found a string/],
    ['{"0": {}}', /found an object/],
    ['true', /found a boolean/],
  ])('results as %s are refused at runs[i].results', (value, message) => {
    const d = refusal(
      loadText(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}},\n"results": ${value}}]}`),
    );
    expect(d).toMatchObject({ jsonPath: 'runs[0].results', line: 2, column: 12 });
    expect(d.message).toMatch(/"results" must be an array/);
    expect(d.message).toMatch(message);
  });

  test('results: null is no results', () => {
    const loaded = loadText(
      '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": null}]}',
    );
    expect(loaded).toMatchObject({ loaded: true, findings: [], diagnostics: [] });
    expect(loaded.runs).toEqual([{ index: 0, tool: { name: 't' }, resultCount: 0, notProblems: 0 }]);
  });

  test('trailing garbage is refused at its line and column', () => {
    const d = refusal(loadText('{"version": "2.1.0", "runs": []}\n\n  x'));
    expect(d).toMatchObject({ line: 3, column: 3 });
    expect(d.message).toMatch(/after the end/);
  });

  test('a second document after the first is trailing garbage', () => {
    const doc = JSON.stringify(log(run([])));
    refusal(loadText(`${doc}\n${doc}`));
  });

  test.each([
    ['truncated', '{"version": "2.1.0", "runs": [{"results": [{"ruleId": "a"'],
    ['a stray bracket', '{"version": "2.1.0", "runs": [{"results": []]}'],
    ['a missing comma', '{"version": "2.1.0" "runs": []}'],
    ['a missing colon', '{"version" "2.1.0", "runs": []}'],
    ['an unquoted key', '{version: "2.1.0", "runs": []}'],
    ['a bad literal at the top', '{"version": "2.1.0", "runs": tru}'],
    ['a bad version literal', '{"version": 2.1.0, "runs": []}'],
    [
      'invalid JSON in the tool',
      '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t",}}, "results": []}]}',
    ],
  ])('invalid JSON in the skeleton (%s) is refused with a line', (_name, text) => {
    const d = refusal(loadText(text));
    expect(d.message).toMatch(/JSON|expected|truncated|end of file/i);
    expect(d.line).toBe(1);
    expect(d.column).toEqual(expect.any(Number));
  });

  test.each([
    ['$schema', '{"version": "2.1.0", "$schema": {"x" 1}, "runs": []}'],
    ['inlineExternalProperties', '{"version": "2.1.0", "inlineExternalProperties": garbage, "runs": []}'],
    ['runs[0].properties', '{"version": "2.1.0", "runs": [{"properties": {,}, "results": []}]}'],
    ['runs[0].columnKind', '{"version": "2.1.0", "runs": [{"columnKind": "utf16\u0001", "results": []}]}'],
    ['runs[1].automationDetails', '{"version": "2.1.0", "runs": [{}, {"automationDetails": [1 2]}]}'],
  ])('invalid JSON in a member the loader does not use (%s) still refuses the file', (jsonPath, text) => {
    const d = refusal(loadText(text));
    expect(d.jsonPath).toBe(jsonPath);
    expect(d.message).toMatch(/invalid JSON/);
    expect(d.line).toBe(1);
  });

  test('maxBytes exceeded: refused without reading, naming the size and the limit', () => {
    const text = JSON.stringify(log(run([ok({})])));
    const d = refusal(loadText(text, { maxBytes: 10 }));
    expect(d.message).toMatch(/over the limit/);
    expect(loadText(text, { maxBytes: text.length }).loaded).toBe(true);
  });
});

describe('loadSarif: results skipped, others kept', () => {
  test('a result that is not an object is skipped with an error; the others load', () => {
    const loaded = load(log(run([ok({}), 42, null, 'x', [], ok({ ruleId: 'r2' })])), FILE);
    expect(loaded.loaded).toBe(true);
    expect(loaded.findings.map((f) => [f.rule.id, f.origin.result])).toEqual([
      ['r', 0],
      ['r2', 5],
    ]);
    const errors = loaded.diagnostics.filter((d) => d.level === 'error');
    expect(errors.map((d) => d.jsonPath)).toEqual([
      'runs[0].results[1]',
      'runs[0].results[2]',
      'runs[0].results[3]',
      'runs[0].results[4]',
    ]);
    for (const d of errors) {
      expect(d.file).toBe(FILE);
      expect(d.message).toMatch(/a result must be an object.*skipped/);
      expect(d.hint).toEqual(expect.any(String));
    }
    expect(loaded.runs[0]?.resultCount).toBe(6);
  });

  test('invalid JSON inside one result is an error at its line; the others load', () => {
    const text = [
      '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [',
      '  {"ruleId": "a", "message": {"text": "m"}},',
      '  {"ruleId": "b", "message": {"text": tru}},',
      '  {"ruleId": "c", "message": {"text": "m",}},',
      '  {"ruleId": "d", "message": {"text": "m"}}',
      ']}]}',
    ].join('\n');
    const loaded = loadText(text);
    expect(loaded.loaded).toBe(true);
    expect(loaded.findings.map((f) => f.rule.id)).toEqual(['a', 'd']);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        level: 'error',
        file: FILE,
        jsonPath: 'runs[0].results[1]',
        line: 3,
        column: 3,
      }),
      expect.objectContaining({
        level: 'error',
        file: FILE,
        jsonPath: 'runs[0].results[2]',
        line: 4,
        column: 3,
      }),
    ]);
    for (const d of loaded.diagnostics) {
      expect(d.message).toMatch(/invalid JSON in this result/);
      expect(d.hint).toMatch(/other results were loaded/);
    }
  });

  test('a bad result in a large batch does not lose the batch', () => {
    const many = Array.from({ length: 500 }, (_, i) => JSON.stringify(ok({ ruleId: `r${i}` })));
    many[250] = '{"ruleId": "bad", "message": {"text": 01}}';
    const loaded = loadText(
      `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [${many.join(',\n')}]}]}`,
    );
    expect(loaded.findings).toHaveLength(499);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({ jsonPath: 'runs[0].results[250]', line: 251 }),
    ]);
  });
});

describe('loadSarif: warnings', () => {
  test('a run without a tool: a warning, and the tool is "unknown tool"', () => {
    const loaded = load(log({ results: [ok({})] }), FILE);
    expect(loaded.loaded).toBe(true);
    expect(loaded.findings[0]?.tool).toEqual({ name: 'unknown tool' });
    expect(loaded.findings[0]?.seenBy).toEqual(['unknown tool']);
    expect(loaded.runs).toEqual([
      { index: 0, tool: { name: 'unknown tool' }, resultCount: 1, notProblems: 0 },
    ]);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: FILE,
        jsonPath: 'runs[0].tool',
        hint: expect.any(String),
      }),
    ]);
  });

  test.each([null, 7, 'semgrep'])('a run whose tool is %j: the same warning', (tool) => {
    const loaded = load(log({ tool, results: [ok({})] }), FILE);
    expect(loaded.findings[0]?.tool.name).toBe('unknown tool');
    expect(loaded.diagnostics.map((d) => [d.level, d.jsonPath])).toEqual([['warning', 'runs[0].tool']]);
  });

  test('a tool without a name: a warning at tool.driver.name', () => {
    const loaded = load(log({ tool: { driver: { name: null } }, results: [ok({})] }), FILE);
    expect(loaded.findings[0]?.tool.name).toBe('unknown tool');
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        level: 'warning',
        jsonPath: 'runs[0].tool.driver.name',
        hint: expect.any(String),
      }),
    ]);
  });

  test('a dangling ruleIndex: one warning line for many results, "and N more"', () => {
    const rules = [{ id: 'only' }];
    const results = [5, 6, 7, 8].map((ruleIndex) => ok({ ruleId: undefined, ruleIndex }));
    const loaded = load(log({ tool: { driver: { name: 't', rules } }, results }), FILE);
    expect(loaded.findings).toHaveLength(4);
    expect(loaded.findings.map((f) => f.rule.id)).toEqual([
      'unknown-rule',
      'unknown-rule',
      'unknown-rule',
      'unknown-rule',
    ]);
    expect(loaded.diagnostics).toHaveLength(1);
    const d = loaded.diagnostics[0] as Diagnostic;
    expect(d).toMatchObject({ level: 'warning', file: FILE, jsonPath: 'runs[0].results[0].ruleIndex' });
    expect(d.message).toMatch(/ruleIndex 5 points at a rule that does not exist/);
    expect(d.message).toMatch(/and 3 more/);
  });

  test('a dangling ruleIndex with a ruleId keeps the rule id', () => {
    const loaded = load(log(run([ok({ ruleId: 'mine', ruleIndex: 3 })])), FILE);
    expect(loaded.findings[0]?.rule.id).toBe('mine');
    expect(loaded.diagnostics).toHaveLength(1);
    expect(loaded.diagnostics[0]?.message).not.toMatch(/more/);
  });

  test('warnings collapse per run, not across runs', () => {
    const bad = run([ok({ ruleIndex: 9 }), ok({ ruleIndex: 9 })]);
    const loaded = load(log(bad, bad), FILE);
    expect(loaded.diagnostics.map((d) => d.jsonPath)).toEqual([
      'runs[0].results[0].ruleIndex',
      'runs[1].results[0].ruleIndex',
    ]);
  });

  test('suppressions as an object: a warning, read as a one-element array', () => {
    const loaded = load(
      log(run([ok({ suppressions: { kind: 'inSource', justification: 'test code' } })])),
      FILE,
    );
    expect(loaded.findings[0]?.suppressions).toEqual([{ kind: 'inSource', justification: 'test code' }]);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({ level: 'warning', file: FILE, jsonPath: 'runs[0].results[0].suppressions' }),
    ]);
  });

  test('level "": a warning, and the rule default decides', () => {
    const driver = { name: 't', rules: [{ id: 'r', defaultConfiguration: { level: 'note' } }] };
    const loaded = load(
      log({ tool: { driver }, results: [ok({ level: '' }), ok({ level: 'ERROR' })] }),
      FILE,
    );
    expect(loaded.findings.map((f) => [f.level, f.severity])).toEqual([
      ['note', 'low'],
      ['note', 'low'],
    ]);
    expect(loaded.diagnostics).toHaveLength(1);
    expect(loaded.diagnostics[0]).toMatchObject({
      level: 'warning',
      file: FILE,
      jsonPath: 'runs[0].results[0].level',
      message: expect.stringMatching(/level "" is not one of.*\(and 1 more/),
    });
  });

  test('formatDiagnostic names the file, line, path and hint', () => {
    const d = refusal(loadText('{"version": "2.1.0", "runs": 7}'));
    expect(formatDiagnostic(d)).toMatch(/^scans\/tool\.sarif:1:30 at runs: "runs" must be an array.*\. \w/);
  });
});

describe('loadSarif: BOM', () => {
  test('a UTF-8 BOM before the log is skipped', () => {
    const doc = JSON.stringify(log(run([result('r', 'a.js', 3)])));
    const withBom = loadText(`\ufeff${doc}`);
    const without = loadText(doc);
    expect(withBom.loaded).toBe(true);
    expect(withBom.diagnostics).toEqual([]);
    expect(withBom.findings).toEqual(without.findings);
  });

  test('a BOM, then whitespace, then the log', () => {
    expect(loadText(`\ufeff \n ${JSON.stringify(log(run([])))}`)).toMatchObject({
      loaded: true,
      diagnostics: [],
    });
  });

  test('line numbers after a BOM count from the file start', () => {
    const d = refusal(loadText('\ufeff{"version": "2.1.0",\n "runs": 7}'));
    expect(d).toMatchObject({ line: 2, column: 10 });
  });

  test('a BOM anywhere else is not skipped', () => {
    refusal(loadText(` \ufeff${JSON.stringify(log(run([])))}`));
  });

  test('a real log with a BOM (sarif-sdk GitHub ingestion input) loads', () => {
    const file = path.join(VENDORED_SARIF, 'ghingest-fingerprints.sarif');
    const bytes = new Uint8Array(readFileSync(file));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const loaded = loadSarif(bytes, 'ghingest-fingerprints.sarif');
    expect(loaded.loaded).toBe(true);
    expect(loaded.findings).toHaveLength(1);
  });
});
