// The OSV matcher: the 150 real-world cases of ../shared/fixtures/real-world/osv/cases.json
// against the 40 real records, de-duplication by aliases over those records, and the evaluation
// rules on small made-up records (limit events, unorderable versions, suffixed ecosystems).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import type { Ecosystem } from '../../src/inventory/component.js';
import {
  affectedBy,
  dedupeByAliases,
  evaluateRange,
  lowestFixAbove,
  lowestUnaffectedFix,
  type MatchComponent,
} from '../../src/vulns/match.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import { parseVersion } from '../../src/vulns/versions/index.js';
import { describeRealWorld, itRealWorld, REAL_WORLD } from '../support/real-world.js';

// The real records and cases of ../shared/fixtures/real-world/osv (MANIFEST.md there): GHSA and Go
// records as JSON, PyPA records as YAML (timestamps kept as strings).
const OSV_DIR = path.join(REAL_WORLD, 'osv');

interface MatcherCase {
  ecosystem: Ecosystem;
  package: string;
  version: string;
  id: string;
  affected: boolean;
  why: string;
}

interface LoadedRecord {
  file: string;
  record: OsvRecord;
}

/** Every record under OSV_DIR, by file (sorted), or none when the folder is missing. */
function loadOsvRecords(): LoadedRecord[] {
  if (!existsSync(OSV_DIR)) return [];
  const files: string[] = [];
  for (const dir of readdirSync(OSV_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(path.join(OSV_DIR, dir.name))) {
      if (/\.(json|ya?ml)$/.test(file)) files.push(path.join(dir.name, file));
    }
  }
  return files.sort().map((file) => {
    const text = readFileSync(path.join(OSV_DIR, file), 'utf8');
    // yaml's default (YAML 1.2 core) schema has no timestamp type, so dates stay strings
    const record = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as OsvRecord;
    return { file, record };
  });
}

function loadMatcherCases(): MatcherCase[] {
  const file = path.join(OSV_DIR, 'cases.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MatcherCase[]) : [];
}

const RECORDS = loadOsvRecords();
const BY_ID = new Map(RECORDS.map(({ record }) => [record.id, record]));
const CASES = loadMatcherCases();

function recordFor(id: string): OsvRecord {
  const record = BY_ID.get(id);
  if (!record) throw new Error(`no record ${id} in the fixtures`);
  return record;
}

describeRealWorld('the real-world OSV cases (cases.json)', () => {
  itRealWorld('has the 40 records and 150 cases the MANIFEST describes', () => {
    expect(RECORDS).toHaveLength(40);
    expect(CASES).toHaveLength(150);
    expect(CASES.filter((c) => c.affected)).toHaveLength(79);
    expect(new Set(CASES.map((c) => c.id))).toEqual(new Set(BY_ID.keys()));
  });

  itRealWorld('loads every YAML record with string timestamps and string versions', () => {
    for (const { file, record } of RECORDS) {
      expect([file, typeof record.modified]).toEqual([file, 'string']);
      for (const entry of record.affected ?? []) {
        for (const version of entry.versions ?? []) expect([file, typeof version]).toEqual([file, 'string']);
        for (const range of entry.ranges ?? []) {
          for (const event of range.events ?? []) {
            for (const value of Object.values(event)) expect([file, typeof value]).toEqual([file, 'string']);
          }
        }
      }
    }
  });

  for (const c of CASES) {
    const name = `${c.id} ${c.ecosystem}:${c.package}@${c.version} is ${c.affected ? 'affected' : 'not affected'} (${c.why})`;
    itRealWorld(name, () => {
      const result = affectedBy(recordFor(c.id), {
        ecosystem: c.ecosystem,
        name: c.package,
        version: c.version,
      });
      expect({ case: name, affected: result.affected }).toEqual({ case: name, affected: c.affected });
      if (result.affected) {
        expect(result.ranges.length).toBeGreaterThan(0);
        expect(result.why).not.toBe('');
      } else {
        expect(result.reason).not.toBe('');
      }
    });
  }

  itRealWorld('never matches a withdrawn record, though its ranges alone would', () => {
    const withdrawn = CASES.filter((c) => recordFor(c.id).withdrawn !== undefined);
    expect(new Set(withdrawn.map((c) => c.id))).toEqual(
      new Set(['GO-2024-2442', 'GO-2024-2730', 'GHSA-76cc-p55w-63g3']),
    );
    for (const c of withdrawn) {
      const component = { ecosystem: c.ecosystem, name: c.package, version: c.version };
      const result = affectedBy(recordFor(c.id), component);
      expect(result).toEqual({
        affected: false,
        reason: expect.stringMatching(
          /was withdrawn \(20\d\d-.*\), so it affects nothing; its ranges alone would match \(/,
        ) as unknown,
      });
      const live = { ...recordFor(c.id) };
      delete live.withdrawn;
      expect(affectedBy(live, component).affected).toBe(true);
    }
  });

  itRealWorld('says which ranges matched and their fixed versions', () => {
    const qs = affectedBy(recordFor('GHSA-hrpp-h998-j3pp'), {
      ecosystem: 'npm',
      name: 'qs',
      version: '6.5.2',
    });
    expect(qs).toMatchObject({
      affected: true,
      fixed: ['6.5.3'],
      ranges: [
        {
          affectedIndex: 5,
          rangeIndex: 0,
          kind: 'ECOSYSTEM',
          introduced: '6.5.0',
          upperBound: { event: 'fixed', version: '6.5.3' },
        },
      ],
      why: 'affected[5]: introduced 6.5.0 <= 6.5.2 < fixed 6.5.3',
    });
    const urllib3 = affectedBy(recordFor('PYSEC-2023-192'), {
      ecosystem: 'PyPI',
      name: 'urllib3',
      version: '2.0.5',
    });
    expect(urllib3).toMatchObject({ affected: true, fixed: ['1.26.17', '2.0.6'] });
    expect(urllib3.affected && urllib3.ranges.map((r) => r.kind)).toEqual(['ECOSYSTEM', 'versions']);
    const request = affectedBy(recordFor('GHSA-p8p7-x288-28g6'), {
      ecosystem: 'npm',
      name: 'request',
      version: '2.88.2',
    });
    expect(request).toMatchObject({
      affected: true,
      fixed: [],
      why: 'introduced 0 <= 2.88.2 <= last_affected 2.88.2',
    });
    const django = affectedBy(recordFor('PYSEC-2024-56'), {
      ecosystem: 'PyPI',
      name: 'Django',
      version: '4.2.14',
    });
    expect(django).toEqual({
      affected: false,
      reason: expect.stringContaining(
        '4.2.14 >= fixed 4.2.14 (interval introduced 4.2); 4.2.14 < introduced 5.0',
      ) as unknown,
    });
  });

  itRealWorld('does not match another package, a suffixed ecosystem, or another ecosystem', () => {
    const lodash = recordFor('GHSA-35jh-r3h4-6jhm');
    expect(affectedBy(lodash, { ecosystem: 'npm', name: 'underscore', version: '1.0.0' })).toEqual({
      affected: false,
      reason: 'GHSA-35jh-r3h4-6jhm has no affected entry for npm:underscore',
    });
    expect(affectedBy(lodash, { ecosystem: 'npm', name: 'Lodash', version: '4.17.20' }).affected).toBe(false);
    expect(affectedBy(lodash, { ecosystem: 'PyPI', name: 'lodash', version: '4.17.20' }).affected).toBe(
      false,
    );
  });

  itRealWorld('groups the records that are one vulnerability, as the MANIFEST lists them', () => {
    const groups = dedupeByAliases(RECORDS.map((r) => r.record));
    expect(groups).toHaveLength(36);
    const shared = groups
      .filter((g) => g.records.length > 1)
      .map((g) => ({ id: g.id, records: g.records.map((r) => r.id), aliases: g.aliases }));
    expect(shared).toEqual(
      expect.arrayContaining([
        {
          id: 'GHSA-2c4m-59x9-fr2g',
          records: ['GHSA-2c4m-59x9-fr2g', 'GO-2023-1737'],
          aliases: ['CVE-2023-29401', 'GO-2023-1737'],
        },
        {
          id: 'GHSA-76cc-p55w-63g3',
          records: ['GHSA-76cc-p55w-63g3', 'GO-2024-2442'],
          aliases: ['GO-2024-2442'],
        },
        {
          id: 'GHSA-j8r2-6x86-q33q',
          records: ['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'],
          aliases: ['CVE-2023-32681', 'PYSEC-2023-74'],
        },
        {
          id: 'GHSA-m2qf-hxjv-5gpq',
          records: ['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62'],
          aliases: ['CVE-2023-30861', 'PYSEC-2023-62'],
        },
      ]),
    );
    expect(shared).toHaveLength(4);
    const go = groups.find((g) => g.id === 'GO-2020-0019');
    expect(go?.aliases).toEqual(['CVE-2020-27813', 'GHSA-3xh2-74w9-5vxm', 'GHSA-jf24-p9p9-4rjh']);
  });

  itRealWorld(
    'finds a fix that the record does not affect (node-fetch 2.6.7 is still inside affected[0])',
    () => {
      const record = recordFor('GHSA-r683-j2x4-v87g');
      const component = { ecosystem: 'npm' as const, name: 'node-fetch', version: '2.6.1' };
      const result = affectedBy(record, component);
      expect(result.affected && result.fixed).toEqual(['2.6.7', '3.1.1']);
      expect(lowestFixAbove('npm', '2.6.1', result.affected ? result.fixed : [])).toBe('2.6.7');
      expect(lowestUnaffectedFix(record, component)).toBe('3.1.1');
      expect(
        lowestUnaffectedFix(recordFor('GHSA-p8p7-x288-28g6'), {
          ecosystem: 'npm',
          name: 'request',
          version: '2.88.2',
        }),
      ).toBeUndefined();
    },
  );
});

function record(affected: OsvRecord['affected'], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id: 'TEST-1', affected, ...extra };
}

function entry(
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  extra: Record<string, unknown> = {},
): NonNullable<OsvRecord['affected']>[number] {
  return { package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }], ...extra };
}

const at = (ecosystem: Ecosystem, name: string, version: string): MatchComponent => ({
  ecosystem,
  name,
  version,
});

describe('affectedBy on made-up records', () => {
  it('sorts events given out of order, introduced "0" first', () => {
    const r = record([
      entry('npm', 'x', [
        { fixed: '3.0.0' },
        { introduced: '2.0.0' },
        { fixed: '1.5.0' },
        { introduced: '0' },
      ]),
    ]);
    expect(affectedBy(r, at('npm', 'x', '1.0.0')).affected).toBe(true);
    expect(affectedBy(r, at('npm', 'x', '1.5.0')).affected).toBe(false);
    expect(affectedBy(r, at('npm', 'x', '2.5.0')).affected).toBe(true);
    expect(affectedBy(r, at('npm', 'x', '3.0.0')).affected).toBe(false);
  });

  it('bounds a range by its limit events', () => {
    const r = record([entry('npm', 'x', [{ introduced: '1.0.0' }, { limit: '2.0.0' }, { limit: '1.5.0' }])]);
    expect(affectedBy(r, at('npm', 'x', '0.9.0')).affected).toBe(false);
    expect(affectedBy(r, at('npm', 'x', '1.9.9')).affected).toBe(true);
    const beyond = affectedBy(r, at('npm', 'x', '2.0.0'));
    expect(beyond).toEqual({
      affected: false,
      reason: expect.stringContaining('not below any limit (2.0.0, 1.5.0)') as unknown,
    });
    const infinite = record([entry('npm', 'x', [{ introduced: '1.0.0' }, { limit: '*' }])]);
    expect(affectedBy(infinite, at('npm', 'x', '99.0.0')).affected).toBe(true);
  });

  it('includes last_affected and excludes what is above it', () => {
    const r = record([entry('Maven', 'g:a', [{ introduced: '0' }, { last_affected: '2.0-beta9' }])]);
    expect(affectedBy(r, at('Maven', 'g:a', '2.0-beta9')).affected).toBe(true);
    expect(affectedBy(r, at('Maven', 'g:a', '2.0-rc1')).affected).toBe(false);
  });

  it('reads an empty interval (introduced = fixed) as not affected', () => {
    const r = record([entry('npm', 'x', [{ introduced: '1.0.0' }, { fixed: '1.0.0' }])]);
    expect(affectedBy(r, at('npm', 'x', '1.0.0')).affected).toBe(false);
  });

  it('checks a version the ecosystem cannot order against versions only, and says so', () => {
    const r = record([
      entry('Packagist', 'vendor/pkg', [{ introduced: '0' }, { fixed: '2.0.0' }], { versions: ['dev-main'] }),
    ]);
    expect(affectedBy(r, at('Packagist', 'vendor/pkg', 'dev-main'))).toMatchObject({
      affected: true,
      ranges: [{ kind: 'versions' }],
      fixed: ['2.0.0'],
    });
    expect(affectedBy(r, at('Packagist', 'vendor/pkg', 'dev-feature'))).toEqual({
      affected: false,
      reason:
        'Packagist:vendor/pkg@dev-feature: Packagist cannot order version "dev-feature", so the range was not evaluated; not listed in versions',
    });
  });

  it('ignores GIT ranges and says when nothing else was there', () => {
    const r = record([
      {
        package: { ecosystem: 'PyPI', name: 'x' },
        ranges: [{ type: 'GIT', repo: 'https://example.com/x', events: [{ introduced: '0' }] }],
      },
    ]);
    expect(affectedBy(r, at('PyPI', 'x', '1.0'))).toEqual({
      affected: false,
      reason: 'PyPI:x@1.0: only GIT ranges, which need the repository; no versions list',
    });
  });

  it('matches versions lists exactly, or as the registry normalises them', () => {
    const py = record([entry('PyPI', 'Foo.Bar', [], { ranges: [], versions: ['1.0', '2.0rc1'] })]);
    expect(affectedBy(py, at('PyPI', 'foo-bar', '1.0.0')).affected).toBe(true);
    expect(affectedBy(py, at('PyPI', 'foo_bar', '2.0-RC1')).affected).toBe(true);
    expect(affectedBy(py, at('PyPI', 'foo_bar', '2.0')).affected).toBe(false);
    const go = record([entry('Go', 'example.com/m', [], { ranges: [], versions: ['1.2.3'] })]);
    expect(affectedBy(go, at('Go', 'example.com/m', 'v1.2.3')).affected).toBe(true);
    const npm = record([entry('npm', 'x', [], { ranges: [], versions: ['1.0.0'] })]);
    expect(affectedBy(npm, at('npm', 'x', 'v1.0.0')).affected).toBe(false);
  });

  it('compares NuGet names case-insensitively and nothing else but PyPI loosely', () => {
    const nuget = record([entry('NuGet', 'Newtonsoft.Json', [{ introduced: '0' }, { fixed: '13.0.1' }])]);
    expect(affectedBy(nuget, at('NuGet', 'newtonsoft.json', '12.0.3')).affected).toBe(true);
    const go = record([entry('Go', 'github.com/Foo/bar', [{ introduced: '0' }])]);
    expect(affectedBy(go, at('Go', 'github.com/foo/bar', 'v1.0.0')).affected).toBe(false);
  });

  it('applies only exact, known ecosystems (a suffix names another registry or release)', () => {
    const r = record([
      entry('Maven:https://maven.google.com', 'g:a', [{ introduced: '0' }]),
      entry('Debian:11', 'g:a', [{ introduced: '0' }]),
    ]);
    expect(affectedBy(r, at('Maven', 'g:a', '1.0')).affected).toBe(false);
  });

  it('survives malformed records', () => {
    const junk = {
      id: 'JUNK',
      affected: [
        null,
        7,
        { package: 'x' },
        {
          package: { ecosystem: 'npm', name: 'x' },
          ranges: [
            null,
            { type: 'ECOSYSTEM', events: 'no' },
            { type: 'ECOSYSTEM', events: [null, { fixed: 3 }] },
          ],
          versions: [1, null],
        },
      ],
    } as unknown as OsvRecord;
    expect(affectedBy(junk, at('npm', 'x', '1.0.0')).affected).toBe(false);
    expect(affectedBy({ id: 'EMPTY' }, at('npm', 'x', '1.0.0')).affected).toBe(false);
  });

  it('skips events the ecosystem cannot order and says so', () => {
    const r = record([entry('npm', 'x', [{ introduced: '0' }, { fixed: 'abcdef0123' }])]);
    const result = affectedBy(r, at('npm', 'x', '1.0.0'));
    expect(result).toMatchObject({ affected: true });
    expect(result.affected && result.why).toContain('cannot order were skipped: fixed abcdef0123');
  });
});

describe('evaluateRange', () => {
  it('explains the deciding events', () => {
    const v = parseVersion('PyPI', '5.4b2');
    if (!v) throw new Error('5.4b2 is PEP 440');
    expect(evaluateRange(v, { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.4' }] })).toEqual({
      affected: true,
      introduced: '0',
      upperBound: { event: 'fixed', version: '5.4' },
      fixed: ['5.4'],
      explanation: 'introduced 0 <= 5.4b2 < fixed 5.4',
    });
  });
});

describe('lowestFixAbove', () => {
  it.each<[Ecosystem, string, string[], string | undefined]>([
    ['npm', '4.17.20', ['4.17.21'], '4.17.21'],
    ['npm', '4.17.21', ['4.17.21'], undefined],
    ['npm', '6.5.2', ['6.10.3', '6.9.7', '6.5.3', '6.2.4'], '6.5.3'],
    ['Maven', '2.0-beta9', ['2.15.0', '2.3.1', '2.12.2'], '2.3.1'],
    ['PyPI', '5.4b2', ['5.4', '5.3.1'], '5.4'],
    ['Go', 'v1.9.0', ['1.9.1'], '1.9.1'],
    ['npm', 'not-a-version', ['1.0.0'], undefined],
    ['npm', '1.0.0', ['junk', '1.0.1'], '1.0.1'],
    ['npm', '1.0.0', [], undefined],
  ])('%s %s with fixes %j → %s', (ecosystem, version, fixed, expected) => {
    expect(lowestFixAbove(ecosystem, version, fixed)).toBe(expected);
  });
});

describe('dedupeByAliases', () => {
  it('joins records transitively and prefers GHSA, then the ecosystem id, then CVE', () => {
    const groups = dedupeByAliases([
      { id: 'CVE-2020-1', aliases: [] },
      { id: 'PYSEC-2020-9', aliases: ['CVE-2020-1'] },
      { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['PYSEC-2020-9'] },
      { id: 'RUSTSEC-2021-1', aliases: ['CVE-2021-5'] },
      { id: 'CVE-2021-5' },
      { id: 'OSV-2022-1', related: ['CVE-2021-5'] },
    ]);
    expect(groups.map((g) => [g.id, g.records.map((r) => r.id), g.aliases])).toEqual([
      [
        'GHSA-aaaa-bbbb-cccc',
        ['GHSA-aaaa-bbbb-cccc', 'CVE-2020-1', 'PYSEC-2020-9'],
        ['CVE-2020-1', 'PYSEC-2020-9'],
      ],
      ['RUSTSEC-2021-1', ['RUSTSEC-2021-1', 'CVE-2021-5'], ['CVE-2021-5']],
      ['OSV-2022-1', ['OSV-2022-1'], []],
    ]);
  });

  it('picks a live record over a withdrawn one', () => {
    const groups = dedupeByAliases([
      { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-1'], withdrawn: '2024-01-01T00:00:00Z' },
      { id: 'GO-2024-1', aliases: ['CVE-1'] },
    ]);
    expect(groups.map((g) => g.id)).toEqual(['GO-2024-1']);
  });
});
