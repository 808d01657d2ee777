import { describe, expect, it } from '@jest/globals';
import { parseEngineList, parseVersionOverrides, pinnedVersion } from '../../src/sast/engines.js';
import { parseEngineMap, splitArgs, valueFor } from '../../src/sast/options.js';

describe('engines input', () => {
  it('auto and empty mean detection', () => {
    expect(parseEngineList('auto')).toBeUndefined();
    expect(parseEngineList('  ')).toBeUndefined();
  });

  it('takes names in any separator, in the run order, without duplicates; eslint is an alias', () => {
    expect(parseEngineList('eslint, bandit\ngosec bandit')).toEqual({
      engines: ['gosec', 'bandit', 'eslint-security'],
      errors: [],
    });
  });

  it('names what is wrong', () => {
    expect(parseEngineList('bandit, codeql, auto')?.errors).toEqual([
      "'codeql' is not an engine (expected auto, or some of opengrep, semgrep, gosec, bandit, eslint-security)",
      "'auto' cannot be combined with engine names",
    ]);
  });
});

describe('versions input', () => {
  it('accepts package engines within range and the pinned binary versions', () => {
    expect(parseVersionOverrides('bandit=1.8.6, eslint-security: 9.30.0\ngosec=v2.28.0')).toEqual({
      versions: { bandit: '1.8.6', 'eslint-security': '9.30.0', gosec: '2.28.0' },
      errors: [],
    });
  });

  it('refuses unverified binaries, out-of-range packages and garbage, saying why', () => {
    const { versions, errors } = parseVersionOverrides('gosec=2.20.0\nbandit=1.6.2\nsemgrep\nruff=0.1.0');
    expect(versions).toEqual({});
    expect(errors).toEqual([
      "gosec 2.20.0 is not in Paved Path's table of verified downloads (it pins gosec 2.28.0 with SHA-256 digests); remove the override, or put gosec 2.20.0 on PATH yourself",
      'bandit 1.6.2 is outside the versions Paved Path supports (>=1.7.0 <2.0.0)',
      "'semgrep' is not engine=version (for example: bandit=1.9.4)",
      "'ruff' is not an engine (expected one of opengrep, semgrep, gosec, bandit, eslint-security)",
    ]);
  });

  it('pinned versions come from one table', () => {
    expect(pinnedVersion('bandit')).toBe('1.9.4');
    expect(pinnedVersion('gosec')).toBe('2.28.0');
    expect(pinnedVersion('opengrep')).toBe('1.29.0');
    expect(pinnedVersion('eslint-security')).toBe('9.39.5');
  });
});

describe('per-engine map inputs (config, extra-args)', () => {
  it('reads engine: value and engine=value lines, and one shared line', () => {
    const map = parseEngineMap(
      'bandit: -c .bandit.yml\n# comment\n\neslint=--max-warnings 0\nrules/semgrep',
      'config',
    );
    expect(map).toEqual({
      byEngine: { bandit: '-c .bandit.yml', 'eslint-security': '--max-warnings 0' },
      shared: 'rules/semgrep',
      errors: [],
    });
    expect(valueFor(map, 'bandit')).toBe('-c .bandit.yml');
    expect(valueFor(map, 'opengrep')).toBe('rules/semgrep');
  });

  it('refuses unknown engine names, repeats and two shared lines, with the line number', () => {
    expect(parseEngineMap('codeql: x\nbandit: a\nbandit: b\nx.yml\ny.yml', 'extra-args').errors).toEqual([
      "'extra-args' line 1: 'codeql' is not an engine (expected one of opengrep, semgrep, gosec, bandit, eslint-security, as 'engine: value')",
      "'extra-args' line 3: bandit is given twice",
      "'extra-args' line 5: only one line may omit the engine name; write 'engine: value' lines",
    ]);
  });
});

describe('splitArgs', () => {
  it('splits like a shell without expanding anything', () => {
    expect(splitArgs(`--skip B101,B601 -x "tests dir" 'a b' $HOME c\\ d`)).toEqual([
      '--skip',
      'B101,B601',
      '-x',
      'tests dir',
      'a b',
      '$HOME',
      'c d',
    ]);
    expect(splitArgs('  ')).toEqual([]);
    expect(splitArgs(`--msg "say \\"hi\\""`)).toEqual(['--msg', 'say "hi"']);
    expect(splitArgs(`--empty ''`)).toEqual(['--empty', '']);
  });

  it('throws on an unclosed quote', () => {
    expect(() => splitArgs(`--x "open`)).toThrow(`unclosed " quote in '--x "open'`);
  });
});
