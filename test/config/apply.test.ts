import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SUPPRESSED_BY_TOOL, applyConfig } from '../../src/config/apply.js';
import { parseConfig } from '../../src/config/parse.js';
import { type Config, type IgnoreEntry, defaultConfig } from '../../src/config/schema.js';
import { advisoryMatches, packageMatches, parsePackageRef } from '../../src/config/selectors.js';
import type { Finding } from '../../src/findings/finding.js';
import { loadSarif } from '../../src/sarif/load.js';
import { REPO_ROOT } from '../support/runner.js';
import { createTestFinding as finding } from './finding-builder.js';

const TODAY = new Date('2026-11-23T15:30:00Z');

function config(ignore: Omit<IgnoreEntry, 'id'>[], exclude: string[] = []): Config {
  return { ...defaultConfig(), exclude, ignore: ignore.map((e, i) => ({ id: `ignore[${i}]`, ...e })) };
}

const ids = (findings: readonly Finding[]) => findings.map((f) => f.fingerprint);

describe('applyConfig: expiry', () => {
  const findings = [
    finding({ fingerprint: 'a1', ruleId: 'G101' }),
    finding({ fingerprint: 'a2', ruleId: 'G101' }),
    finding({ fingerprint: 'a3', ruleId: 'G101' }),
    finding({ fingerprint: 'b1', ruleId: 'G104' }),
    finding({ fingerprint: 'c1', ruleId: 'G204' }),
  ];
  const cfg = config([
    { rule: 'G101', reason: 'test keys', expires: '2026-11-22' },
    { rule: 'G104', reason: 'wrapped', expires: '2026-11-23' },
    { rule: 'G204', reason: 'fixed args', expires: '2027-01-31' },
  ]);

  it('on 2026-11-23, an entry that expired on 2026-11-22 no longer applies; one expiring that day still does', () => {
    const result = applyConfig(findings, cfg, TODAY);
    expect(ids(result.kept)).toEqual(['a1', 'a2', 'a3']);
    expect(result.ignored.map((i) => [i.finding.fingerprint, i.ignored])).toEqual([
      ['b1', { reason: 'wrapped', by: 'ignore[1]', expires: '2026-11-23' }],
      ['c1', { reason: 'fixed args', by: 'ignore[2]', expires: '2027-01-31' }],
    ]);
    expect(result.excluded).toBe(0);
    expect(result.notices).toEqual([
      'ignore[0] (rule G101) expired on 2026-11-22: its 3 findings count again; renew or remove it',
    ]);
  });

  it('the day before, all three apply', () => {
    const result = applyConfig(findings, cfg, new Date('2026-11-22T23:59:59Z'));
    expect(result.kept).toEqual([]);
    expect(result.ignored.map((i) => i.ignored.by)).toEqual([
      'ignore[0]',
      'ignore[0]',
      'ignore[0]',
      'ignore[1]',
      'ignore[2]',
    ]);
    expect(result.notices).toEqual([]);
  });

  it('says "1 finding counts" for one', () => {
    const result = applyConfig([finding({ ruleId: 'G101' })], cfg, TODAY);
    expect(result.notices).toEqual([
      'ignore[0] (rule G101) expired on 2026-11-22: its 1 finding counts again; renew or remove it',
      'ignore[1] (rule G104) matches no finding: remove it?',
      'ignore[2] (rule G204) matches no finding: remove it?',
    ]);
  });

  it('an expired entry that matches nothing, or whose findings other entries cover', () => {
    const result = applyConfig(
      [finding({ fingerprint: 'x', ruleId: 'G101', path: 'cmd/a.go' })],
      config([
        { rule: 'G101', reason: 'old', expires: '2026-01-01' },
        { rule: 'G999', reason: 'old', expires: '2026-01-01' },
        { path: 'cmd/**', reason: 'cli only' },
      ]),
      TODAY,
    );
    expect(result.ignored.map((i) => i.ignored.by)).toEqual(['ignore[2]']);
    expect(result.notices).toEqual([
      'ignore[0] (rule G101) expired on 2026-01-01; its 1 finding is still ignored by other entries or the tool: remove it',
      'ignore[1] (rule G999) expired on 2026-01-01 and matches no finding: remove it',
    ]);
  });
});

describe('applyConfig: selectors', () => {
  it('an entry matches only findings that match every selector it gives (AND)', () => {
    const findings = [
      finding({ fingerprint: 'both', ruleId: 'G104', path: 'cmd/tool/main.go' }),
      finding({ fingerprint: 'rule-only', ruleId: 'G104', path: 'pkg/main.go' }),
      finding({ fingerprint: 'path-only', ruleId: 'G101', path: 'cmd/tool/main.go' }),
      finding({ fingerprint: 'no-location', ruleId: 'G104', location: undefined }),
    ];
    const result = applyConfig(
      findings,
      config([{ rule: 'G104', path: 'cmd/**', reason: 'wrapped' }]),
      TODAY,
    );
    expect(ids(result.ignored.map((i) => i.finding))).toEqual(['both']);
    expect(ids(result.kept)).toEqual(['rule-only', 'path-only', 'no-location']);
  });

  it('the first live entry in file order marks the finding', () => {
    const result = applyConfig(
      [finding({ ruleId: 'G104', path: 'cmd/a.go' })],
      config([
        { path: 'cmd/**', reason: 'first' },
        { rule: 'G104', reason: 'second' },
      ]),
      TODAY,
    );
    expect(result.ignored[0]?.ignored).toEqual({ reason: 'first', by: 'ignore[0]' });
    // Both match, so neither is reported as unused.
    expect(result.notices).toEqual([]);
  });

  it('cwe, fingerprint and advisory', () => {
    const findings = [
      finding({ fingerprint: 'sqli', cwes: [89, 564] }),
      finding({ fingerprint: 'xss', cwes: [79] }),
      finding({ fingerprint: 'trivy', ruleId: 'CVE-2021-44228' }),
      finding({ fingerprint: 'grype', ruleId: 'CVE-2021-44228-log4j-core' }),
      finding({ fingerprint: 'other-cve', ruleId: 'CVE-2021-442281' }),
      finding({ fingerprint: 'ghsa', ruleId: 'GHSA-jfh8-c2jp-5v3q' }),
    ];
    const result = applyConfig(
      findings,
      config([
        { cwe: 89, reason: 'orm' },
        { fingerprint: 'xss', reason: 'escaped' },
        { advisory: 'CVE-2021-44228', reason: 'not reachable' },
        { advisory: 'GHSA-JFH8-C2JP-5V3Q', reason: 'dev only' },
      ]),
      TODAY,
    );
    expect(result.ignored.map((i) => [i.finding.fingerprint, i.ignored.by])).toEqual([
      ['sqli', 'ignore[0]'],
      ['xss', 'ignore[1]'],
      ['trivy', 'ignore[2]'],
      ['grype', 'ignore[2]'],
      ['ghsa', 'ignore[3]'],
    ]);
    expect(ids(result.kept)).toEqual(['other-cve']);
  });

  it('package selectors match nothing without packageOf, and what packageOf names with it', () => {
    const findings = [
      finding({ fingerprint: 'lodash-old', ruleId: 'GHSA-p6mc-m468-83gw' }),
      finding({ fingerprint: 'lodash-new', ruleId: 'GHSA-29mw-wpgm-hmr9' }),
      finding({ fingerprint: 'sast' }),
    ];
    const packages: Record<string, string> = {
      'lodash-old': 'pkg:npm/lodash@4.17.15',
      'lodash-new': 'pkg:npm/lodash@4.17.20',
    };
    const cfg = config([
      { package: 'pkg:npm/lodash@4.17.15', reason: 'pinned by a tool' },
      { package: 'lodash', reason: 'dev dependency' },
    ]);
    const without = applyConfig(findings, cfg, TODAY);
    expect(without.ignored).toEqual([]);
    expect(without.notices).toEqual([
      'ignore[0] (package pkg:npm/lodash@4.17.15) matches no finding: remove it?',
      'ignore[1] (package lodash) matches no finding: remove it?',
    ]);
    const withPackages = applyConfig(findings, cfg, TODAY, { packageOf: (f) => packages[f.fingerprint] });
    expect(withPackages.ignored.map((i) => [i.finding.fingerprint, i.ignored.by])).toEqual([
      ['lodash-old', 'ignore[0]'],
      ['lodash-new', 'ignore[1]'],
    ]);
    expect(ids(withPackages.kept)).toEqual(['sast']);
  });
});

describe('package and advisory matching', () => {
  it.each([
    ['lodash', 'pkg:npm/lodash@4.17.20', true],
    ['lodash', 'lodash', true],
    ['lodash', 'pkg:npm/lodash-es@4.17.20', false],
    ['pkg:npm/lodash', 'pkg:npm/lodash@4.17.20', true],
    ['pkg:npm/lodash@4.17.20', 'pkg:npm/lodash@4.17.20', true],
    ['pkg:npm/lodash@4.17.15', 'pkg:npm/lodash@4.17.20', false],
    ['pkg:pypi/lodash', 'pkg:npm/lodash@4.17.20', false],
    ['pkg:NPM/lodash', 'pkg:npm/lodash@1', true],
    ['pkg:npm/lodash', 'lodash', false],
    ['@babel/core', 'pkg:npm/%40babel/core@7.0.0', true],
    ['pkg:npm/%40babel/core', 'pkg:npm/@babel/core@7.0.0', true],
    ['core', 'pkg:npm/%40babel/core@7.0.0', false],
    ['github.com/gin-gonic/gin', 'pkg:golang/github.com/gin-gonic/gin@v1.9.0', true],
    ['Django', 'pkg:pypi/django@4.2', true],
    ['zope.interface', 'pkg:pypi/zope-interface@6.0', true],
    ['org.apache.logging.log4j:log4j-core', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', true],
    ['lodash', 'pkg:npm/lodash@4.17.20?arch=x#sub/path', true],
  ])('package %s against %s is %s', (selector, pkg, expected) => {
    expect(packageMatches(selector, pkg)).toBe(expected);
  });

  it('parses purls', () => {
    expect(parsePackageRef('pkg:npm/%40babel/core@7.0.0?x=y#z')).toEqual({
      type: 'npm',
      name: '@babel/core',
      version: '7.0.0',
    });
    expect(parsePackageRef('pkg:golang/github.com/a/b')).toEqual({ type: 'golang', name: 'github.com/a/b' });
    expect(parsePackageRef('left-pad')).toEqual({ name: 'left-pad' });
  });

  it.each([
    ['CVE-2021-44228', 'CVE-2021-44228', true],
    ['CVE-2021-44228', 'cve-2021-44228', true],
    ['CVE-2021-44228', 'CVE-2021-44228-log4j-core', true],
    ['CVE-2021-4422', 'CVE-2021-44228', false],
    ['GO-2022-0969', 'GO-2022-0969', true],
  ])('advisory %s against rule %s is %s', (advisory, rule, expected) => {
    expect(advisoryMatches(advisory, rule)).toBe(expected);
  });
});

describe('applyConfig: exclude', () => {
  it('drops findings under the globs and counts them', () => {
    const findings = [
      finding({ fingerprint: 'vendored', path: 'vendor/github.com/x/y.go' }),
      finding({ fingerprint: 'test', path: 'pkg/a/b_test.go' }),
      finding({ fingerprint: 'root-test', path: 'main_test.go' }),
      finding({ fingerprint: 'code', path: 'pkg/a/b.go' }),
      finding({ fingerprint: 'no-location', location: undefined }),
      finding({
        fingerprint: 'suppressed-vendored',
        path: 'vendor/z.go',
        suppressions: [{ kind: 'inSource' }],
      }),
    ];
    const result = applyConfig(findings, config([], ['vendor/**', '**/*_test.go']), TODAY);
    expect(result.excluded).toBe(4);
    expect(ids(result.kept)).toEqual(['code', 'no-location']);
    expect(result.ignored).toEqual([]);
    expect(result.notices).toEqual([]);
  });

  it('an entry that only matches excluded findings matches no finding', () => {
    const result = applyConfig(
      [finding({ path: 'vendor/a.go' })],
      config([{ path: 'vendor/**', reason: 'vendored' }], ['vendor/**']),
      TODAY,
    );
    expect(result.notices).toEqual(['ignore[0] (path vendor/**) matches no finding: remove it?']);
  });
});

describe('applyConfig: the tool’s own suppressions', () => {
  it('are ignored by the tool, with its justification as the reason', () => {
    const findings = [
      finding({
        fingerprint: 'nosec',
        suppressions: [{ kind: 'inSource', justification: ' test fixture ' }],
      }),
      finding({ fingerprint: 'accepted', suppressions: [{ kind: 'external', status: 'accepted' }] }),
      finding({ fingerprint: 'review', suppressions: [{ kind: 'external', status: 'underReview' }] }),
      finding({
        fingerprint: 'rejected',
        suppressions: [{ kind: 'inSource', status: 'rejected', justification: 'no' }],
      }),
      finding({ fingerprint: 'plain' }),
    ];
    const result = applyConfig(findings, defaultConfig(), TODAY);
    expect(result.ignored).toEqual([
      { finding: findings[0], ignored: { reason: 'test fixture', by: SUPPRESSED_BY_TOOL } },
      {
        finding: findings[1],
        ignored: {
          reason: 'suppressed by gosec (external) without a justification',
          by: 'suppressed-by-tool',
        },
      },
    ]);
    expect(ids(result.kept)).toEqual(['review', 'rejected', 'plain']);
  });

  it('a config entry that also matches wins, and a finding the tool suppressed does not count again when it expires', () => {
    const suppressed = finding({
      ruleId: 'G104',
      suppressions: [{ kind: 'inSource', justification: 'nosec' }],
    });
    const live = applyConfig([suppressed], config([{ rule: 'G104', reason: 'wrapped' }]), TODAY);
    expect(live.ignored[0]?.ignored).toEqual({ reason: 'wrapped', by: 'ignore[0]' });
    const expired = applyConfig(
      [suppressed],
      config([{ rule: 'G104', reason: 'wrapped', expires: '2026-01-31' }]),
      TODAY,
    );
    expect(expired.ignored[0]?.ignored).toEqual({ reason: 'nosec', by: 'suppressed-by-tool' });
    expect(expired.notices).toEqual([
      'ignore[0] (rule G104) expired on 2026-01-31; its 1 finding is still ignored by other entries or the tool: remove it',
    ]);
  });
});

describe('applyConfig: from the file', () => {
  it('parses a file and applies it', () => {
    const text = [
      'exclude: ["third_party/**"]',
      'ignore:',
      '  - rule: G104',
      '    path: "cmd/**"',
      '    reason: "errors are checked by the wrapper"',
      '    expires: 2027-01-31',
      '  - cwe: CWE-798',
      '    reason: "test credentials"',
      '    expires: 2026-10-01',
      '  - fingerprint: gone',
      '    reason: "fixed long ago"',
      '',
    ].join('\n');
    const { config: cfg, errors } = parseConfig(text, '.github/pavedpath.yml', TODAY);
    expect(errors).toEqual([]);
    const findings = [
      finding({ fingerprint: 'f1', ruleId: 'G104', path: 'cmd/x/main.go' }),
      finding({ fingerprint: 'f2', ruleId: 'G101', cwes: [798], path: 'internal/creds_test.go' }),
      finding({ fingerprint: 'f3', ruleId: 'G104', path: 'third_party/z.go' }),
    ];
    const result = applyConfig(findings, cfg, TODAY);
    expect(result.ignored).toEqual([
      {
        finding: findings[0],
        ignored: { reason: 'errors are checked by the wrapper', by: 'ignore[0]', expires: '2027-01-31' },
      },
    ]);
    expect(ids(result.kept)).toEqual(['f2']);
    expect(result.excluded).toBe(1);
    expect(result.notices).toEqual([
      'ignore[1] (CWE-798) expired on 2026-10-01: its 1 finding counts again; renew or remove it',
      'ignore[2] (fingerprint gone) matches no finding: remove it?',
    ]);
  });

  it('skips, with a notice, a glob that did not come through parseConfig', () => {
    const result = applyConfig(
      [finding({ path: 'a/b.go' })],
      config([{ path: 'a/[', reason: 'x' }], ['/a/**']),
      TODAY,
    );
    expect(result.kept).toHaveLength(1);
    expect(result.notices).toEqual([
      'exclude[0] "/a/**" is not a valid glob and was skipped',
      'ignore[0] (path a/[): the path is not a valid glob; the entry was skipped',
    ]);
  });
});

describe('applyConfig: real findings', () => {
  it('{ rule: G115, path: "pkg/**" } ignores exactly the G115 findings under pkg/ of the gosec log', () => {
    const file = path.resolve(
      REPO_ROOT,
      '..',
      'shared',
      'fixtures',
      'real-world',
      'sarif',
      'gosec-gowaves-large.sarif',
    );
    const bytes = readFileSync(file);
    const loaded = loadSarif(bytes, file);
    expect(loaded.loaded).toBe(true);

    // Independently of the loader and the glob matcher: the raw results, by rule id and URI.
    const sarif = JSON.parse(bytes.toString('utf8'));
    const results: {
      ruleId?: string;
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
    }[] = sarif.runs.flatMap((run: { results?: unknown[] }) => run.results ?? []);
    const expected = results.filter(
      (r) =>
        r.ruleId === 'G115' &&
        (r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '').startsWith('pkg/'),
    ).length;
    const allG115 = results.filter((r) => r.ruleId === 'G115').length;
    expect(expected).toBeGreaterThan(1000);
    expect(expected).toBeLessThan(allG115);

    const cfg = config([{ rule: 'G115', path: 'pkg/**', reason: 'x' }]);
    const result = applyConfig(loaded.findings, cfg, TODAY);
    expect(result.ignored).toHaveLength(expected);
    expect(result.ignored.every((i) => i.ignored.by === 'ignore[0]' && i.ignored.reason === 'x')).toBe(true);
    expect(result.kept).toHaveLength(loaded.findings.length - expected);
    expect(result.notices).toEqual([]);
  });
});
