import { describe, expect, it } from '@jest/globals';
import { type ConfigError, formatConfigError } from '../../src/config/errors.js';
import { parseConfig } from '../../src/config/parse.js';
import { defaultConfig } from '../../src/config/schema.js';

const FILE = '.github/pavedpath.yml';
const TODAY = new Date('2026-11-23T08:00:00Z');
const parse = (text: string) => parseConfig(text, FILE, TODAY);

/** The one error `text` gives. */
function onlyError(text: string): ConfigError {
  const { errors } = parse(text);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

const error = (line: number, column: number, key: string | undefined, message: string, hint: string) => ({
  file: FILE,
  line,
  column,
  key,
  message,
  hint,
});

describe('parseConfig: valid files', () => {
  it('reads the example of the documentation', () => {
    const text = [
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/pavedpath/pavedpath/v1/schema/pavedpath.schema.json',
      'fail-on: medium',
      'fail-on-scope: all',
      'exclude:',
      '  - "vendor/**"',
      '  - "**/*_test.go"',
      'ignore:',
      '  - rule: G104',
      '    path: "cmd/**"',
      '    reason: "errors are checked by the wrapper"',
      '    expires: 2027-01-31',
      '  - cwe: CWE-89',
      '    advisory: GHSA-jfh8-c2jp-5v3q',
      '    package: pkg:npm/lodash@4.17.20',
      '    fingerprint: abc123',
      '    reason: parameterised upstream',
      '  - cwe: 79',
      '    reason: templates escape',
      '',
    ].join('\n');
    expect(parse(text)).toEqual({
      config: {
        failOn: 'medium',
        failOnScope: 'all',
        exclude: ['vendor/**', '**/*_test.go'],
        ignore: [
          {
            id: 'ignore[0]',
            line: 8,
            rule: 'G104',
            path: 'cmd/**',
            reason: 'errors are checked by the wrapper',
            expires: '2027-01-31',
          },
          {
            id: 'ignore[1]',
            line: 12,
            cwe: 89,
            advisory: 'GHSA-jfh8-c2jp-5v3q',
            package: 'pkg:npm/lodash@4.17.20',
            fingerprint: 'abc123',
            reason: 'parameterised upstream',
          },
          { id: 'ignore[2]', line: 17, cwe: 79, reason: 'templates escape' },
        ],
        explicit: { failOn: true, failOnScope: true },
      },
      errors: [],
      notices: [],
    });
  });

  it.each([
    ['an empty file', ''],
    ['comments only', '# nothing yet\n\n# really\n'],
    ['a bare document marker', '---\n'],
    ['an explicit null', '~\n'],
  ])('reads %s as the default config', (_name, text) => {
    expect(parse(text)).toEqual({ config: defaultConfig(), errors: [], notices: [] });
  });

  it('defaults what the file does not set', () => {
    const { config } = parse('exclude: []\n');
    expect(config).toEqual({ ...defaultConfig(), explicit: { failOn: false, failOnScope: false } });
    expect(config.failOn).toBe('high');
    expect(config.failOnScope).toBe('new');
  });

  it('follows aliases', () => {
    const text =
      'exclude: &paths ["vendor/**"]\nignore:\n  - { path: "vendor/**", reason: &r vendored }\n  - { rule: G1, reason: *r }\n';
    const { config, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(config.ignore.map((e) => e.reason)).toEqual(['vendored', 'vendored']);
  });

  it('reads dates as text even under %YAML 1.1', () => {
    const { config, errors } = parse(
      '%YAML 1.1\n---\nignore:\n  - { rule: G1, reason: x, expires: 2027-01-31 }\n',
    );
    expect(errors).toEqual([]);
    expect(config.ignore[0]?.expires).toBe('2027-01-31');
  });
});

describe('parseConfig: errors, each with file, line, column, key, message and hint', () => {
  it('an unknown key, with the closest known one', () => {
    expect(onlyError('fail_on: high\n')).toEqual(
      error(
        1,
        1,
        'fail_on',
        'unknown key "fail_on"',
        'Did you mean "fail-on"? The keys at the top level are fail-on, fail-on-scope, exclude, ignore',
      ),
    );
    expect(onlyError('fail-on: high\nexlude: []\n')).toMatchObject({
      line: 2,
      key: 'exlude',
      hint: expect.stringMatching(/^Did you mean "exclude"\?/),
    });
  });

  it('an unknown key with nothing close lists the keys', () => {
    expect(onlyError('severity: high\n').hint).toBe(
      'The keys at the top level are fail-on, fail-on-scope, exclude, ignore',
    );
  });

  it('an unknown key in an ignore entry, with its path', () => {
    const text = 'ignore:\n  - rule: G104\n    reason: x\n  - rules: G104\n    reason: y\n';
    expect(onlyError(text)).toEqual(
      error(
        4,
        5,
        'ignore[1].rules',
        'unknown key "rules"',
        'Did you mean "rule"? The keys of an ignore entry are rule, fingerprint, path, cwe, advisory, package, reason, expires',
      ),
    );
  });

  it('an ignore key at the top level says where it belongs', () => {
    expect(onlyError('reason: because\n')).toEqual(
      error(
        1,
        1,
        'reason',
        'unknown key "reason"',
        '"reason" belongs in an entry of ignore:, e.g. ignore: [{ rule: G104, reason: "…" }]',
      ),
    );
  });

  it('a bad enum value lists the allowed ones', () => {
    expect(onlyError('fail-on: hgh\n')).toEqual(
      error(
        1,
        10,
        'fail-on',
        '"hgh" is not one of critical, high, medium, low, none',
        'Did you mean "high"?',
      ),
    );
    expect(onlyError('fail-on-scope: everything\n')).toEqual(
      error(1, 16, 'fail-on-scope', '"everything" is not one of new, all', 'Use one of new, all'),
    );
  });

  it('fail-on: off (or false) points to none', () => {
    const hint = 'Write "none" for a gate that never fails';
    expect(onlyError('fail-on: off\n')).toEqual(
      error(1, 10, 'fail-on', '"off" is not one of critical, high, medium, low, none', hint),
    );
    expect(onlyError('fail-on: false\n')).toEqual(
      error(
        1,
        10,
        'fail-on',
        'expected one of critical, high, medium, low, none, got a boolean (false)',
        hint,
      ),
    );
  });

  it('a wrong type', () => {
    expect(onlyError('fail-on: [high]\n')).toEqual(
      error(
        1,
        10,
        'fail-on',
        'expected one of critical, high, medium, low, none, got a list',
        'Use one of critical, high, medium, low, none',
      ),
    );
    expect(onlyError('exclude: vendor/**\n')).toEqual(
      error(
        1,
        10,
        'exclude',
        'expected a list of path globs, got a string ("vendor/**")',
        'Write it as a list: exclude: ["vendor/**"]',
      ),
    );
    expect(onlyError('exclude:\n  - 5\n')).toEqual(
      error(2, 5, 'exclude[0]', 'expected a string, got a number (5)', 'Quote it: - "5"'),
    );
    expect(onlyError('ignore:\n  rule: G104\n')).toEqual(
      error(
        2,
        3,
        'ignore',
        'expected a list of entries, got a mapping',
        'Start each entry with "- " under ignore:, e.g. - { rule: G104, reason: "…" }',
      ),
    );
    expect(onlyError('ignore:\n  - G104\n')).toEqual(
      error(
        2,
        5,
        'ignore[0]',
        'expected a mapping with a reason and at least one selector, got a string ("G104")',
        'Write an entry such as - { rule: G104, reason: "why these findings are safe" }',
      ),
    );
    expect(onlyError('ignore:\n  - rule: 104\n    reason: x\n')).toEqual(
      error(2, 11, 'ignore[0].rule', 'expected a string, got a number (104)', 'Quote it: rule: "104"'),
    );
    expect(onlyError('ignore:\n  - rule: [G1, G2]\n    reason: x\n')).toEqual(
      error(
        2,
        11,
        'ignore[0].rule',
        'expected a string, got a list',
        'Write one value, for example rule: G104',
      ),
    );
    expect(onlyError('ignore:\n  - cwe: { id: 89 }\n    reason: x\n')).toEqual(
      error(
        2,
        10,
        'ignore[0].cwe',
        'expected a CWE id, got a mapping',
        'Write a CWE number such as 89 or "CWE-89"',
      ),
    );
  });

  it('a key with no value is reported at the key', () => {
    expect(onlyError('fail-on:\n')).toEqual(
      error(
        1,
        1,
        'fail-on',
        'expected one of critical, high, medium, low, none, got no value',
        'Use one of critical, high, medium, low, none',
      ),
    );
    expect(onlyError('ignore:\n  - rule: G1\n    reason:\n')).toEqual(
      error(
        3,
        5,
        'ignore[0].reason',
        'expected a string, got no value',
        'Write one value, for example reason: "why these findings are safe"',
      ),
    );
  });

  it('a missing reason', () => {
    expect(onlyError('ignore:\n  - rule: G104\n    path: "cmd/**"\n')).toEqual(
      error(
        2,
        5,
        'ignore[0].reason',
        'missing reason',
        'Add reason: "…" saying why these findings are safe to ignore',
      ),
    );
  });

  it('a blank reason', () => {
    expect(onlyError('ignore:\n  - rule: G104\n    reason: "  "\n')).toEqual(
      error(3, 13, 'ignore[0].reason', 'the reason is blank', 'Say why these findings are safe to ignore'),
    );
  });

  it('an entry with no selector', () => {
    expect(onlyError('ignore:\n  - reason: all of it is fine\n    expires: 2027-01-31\n')).toEqual(
      error(
        2,
        5,
        'ignore[0]',
        'no selector: the entry would ignore every finding',
        'Add at least one of rule, fingerprint, path, cwe, advisory, package',
      ),
    );
  });

  it('a bad date', () => {
    const hint = 'Write the date as YYYY-MM-DD, e.g. 2027-01-31';
    const entry = (expires: string) => `ignore:\n  - rule: G104\n    reason: x\n    expires: ${expires}\n`;
    expect(onlyError(entry('2027-02-30'))).toEqual(
      error(4, 14, 'ignore[0].expires', '"2027-02-30" is not a date', hint),
    );
    expect(onlyError(entry('31/01/2027'))).toEqual(
      error(4, 14, 'ignore[0].expires', '"31/01/2027" is not a date', hint),
    );
    expect(onlyError(entry('2027-1-31'))).toEqual(
      error(4, 14, 'ignore[0].expires', '"2027-1-31" is not a date', hint),
    );
    expect(onlyError(entry('20270131'))).toEqual(
      error(
        4,
        14,
        'ignore[0].expires',
        'expected a string, got a number (20270131)',
        'Quote it: expires: "20270131"',
      ),
    );
  });

  it('a bad glob, in exclude and in a path selector', () => {
    expect(onlyError('exclude:\n  - "vendor/[ab"\n')).toEqual(
      error(
        2,
        5,
        'exclude[0]',
        '"vendor/[ab" is not a valid glob: "[" is never closed at character 8',
        'A class looks like [abc], [a-z] or [!a-z]; to match "[" itself, write [[]',
      ),
    );
    expect(onlyError('ignore:\n  - path: /cmd/**\n    reason: x\n')).toEqual(
      error(
        2,
        11,
        'ignore[0].path',
        '"/cmd/**" is not a valid glob: starts with "/" at character 1',
        'Paths are relative to the repository root: write cmd/**',
      ),
    );
  });

  it('bad cwe, advisory and package values', () => {
    const entry = (line: string) => `ignore:\n  - ${line}\n    reason: x\n`;
    expect(onlyError(entry('cwe: SQLi'))).toEqual(
      error(2, 10, 'ignore[0].cwe', '"SQLi" is not a CWE id', 'Write a CWE number such as 89 or "CWE-89"'),
    );
    expect(onlyError(entry('cwe: 0'))).toEqual(
      error(2, 10, 'ignore[0].cwe', '0 is not a CWE id', 'Write a CWE number such as 89 or "CWE-89"'),
    );
    expect(onlyError(entry('advisory: GHSA-123'))).toEqual(
      error(
        2,
        15,
        'ignore[0].advisory',
        '"GHSA-123" is not a GHSA, CVE, PYSEC or GO advisory id',
        'Write an id such as GHSA-xxxx-xxxx-xxxx, CVE-2024-12345, PYSEC-2024-1 or GO-2024-1234; for other ids, use rule:',
      ),
    );
    expect(onlyError(entry('package: "pkg:npm"'))).toEqual(
      error(
        2,
        14,
        'ignore[0].package',
        '"pkg:npm" is not a package name or purl',
        'Write a name (lodash) or a purl (pkg:npm/lodash, or pkg:npm/lodash@4.17.20 for one version)',
      ),
    );
  });

  it('a file that is not a mapping', () => {
    const hint = 'Write keys such as fail-on:, fail-on-scope:, exclude:, ignore: at the start of lines';
    expect(onlyError('- vendor/**\n')).toEqual(
      error(1, 1, undefined, 'expected a mapping of settings, got a list', hint),
    );
    expect(onlyError('high\n')).toEqual(
      error(1, 1, undefined, 'expected a mapping of settings, got a string ("high")', hint),
    );
  });

  it('YAML syntax errors, with line and column, and nothing else read', () => {
    expect(parse('fail-on: low\nignore:\n  - rule: G104\n\treason: x\n')).toEqual({
      config: defaultConfig(),
      errors: [error(4, 1, undefined, 'Tabs are not allowed as indentation', 'Indent with spaces, not tabs')],
      notices: [],
    });
    expect(onlyError('fail-on: high\nfail-on: low\n')).toEqual(
      error(2, 1, undefined, 'Map keys must be unique', 'Remove or merge the repeated key'),
    );
    expect(onlyError('fail-on: high\n---\nfail-on: low\n')).toEqual(
      error(
        2,
        1,
        undefined,
        'Source contains multiple documents; please use YAML.parseAllDocuments()',
        'Keep one document: remove the extra "---"',
      ),
    );
    const unclosed = onlyError('exclude: ["vendor/**"\nfail-on: high\n');
    expect(unclosed).toMatchObject({ file: FILE, line: 2 });
    expect(unclosed).not.toHaveProperty('key');
  });

  it('reports every problem of a file, in file order, and keeps the valid parts', () => {
    const text = [
      'fail-on: critical',
      'fail-on-scope: sometimes',
      'exclude: ["ok/**", "bad/["]',
      'ignore:',
      '  - { rule: G1, reason: fine }',
      '  - { rule: G2 }',
      '  - { rule: G3, reason: fine, expires: tomorrow }',
      '  - { path: "x/**", reason: fine }',
      '',
    ].join('\n');
    const { config, errors } = parse(text);
    expect(errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [2, 16, 'fail-on-scope'],
      [3, 20, 'exclude[1]'],
      [6, 5, 'ignore[1].reason'],
      [7, 40, 'ignore[2].expires'],
    ]);
    expect(config.failOn).toBe('critical');
    expect(config.failOnScope).toBe('new');
    expect(config.exclude).toEqual(['ok/**']);
    // Invalid entries are left out, so their findings still count; the others keep their ids.
    expect(config.ignore.map((e) => e.id)).toEqual(['ignore[0]', 'ignore[3]']);
  });

  it('formats an error on one line', () => {
    expect(formatConfigError(onlyError('fail-on: hgh\n'))).toBe(
      '.github/pavedpath.yml:1:10: fail-on: "hgh" is not one of critical, high, medium, low, none. Did you mean "high"?',
    );
    expect(formatConfigError(onlyError('- a\n'))).toBe(
      '.github/pavedpath.yml:1:1: expected a mapping of settings, got a list. Write keys such as fail-on:, fail-on-scope:, exclude:, ignore: at the start of lines',
    );
  });
});

describe('parseConfig: notices', () => {
  const entry = (expires: string) => `ignore:\n  - rule: G104\n    reason: x\n    expires: ${expires}\n`;

  it('warns of an entry that expires within 14 days', () => {
    expect(parse(entry('2026-11-30')).notices).toEqual([
      'ignore[0] (rule G104) expires on 2026-11-30, in 7 days: renew it with a new date, or fix its findings',
    ]);
    expect(parse(entry('2026-11-23')).notices).toEqual([
      'ignore[0] (rule G104) expires on 2026-11-23, today: renew it with a new date, or fix its findings',
    ]);
    expect(parse(entry('2026-11-24')).notices[0]).toContain('2026-11-24, tomorrow:');
  });

  it('says nothing of entries far from expiry, or already expired (applyConfig reports those)', () => {
    expect(parse(entry('2026-12-08')).notices).toEqual([]);
    expect(parse(entry('2026-12-07')).notices).toHaveLength(1);
    expect(parse(entry('2026-11-22')).notices).toEqual([]);
  });

  it('passes on YAML warnings with their place', () => {
    const { errors, notices } = parse('fail-on: !level high\n');
    expect(errors).toEqual([]);
    expect(notices).toEqual(['.github/pavedpath.yml:1:10: Unresolved tag: !level']);
  });
});
