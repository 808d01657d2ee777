/**
 * The 150 matcher cases of ../shared/fixtures/real-world/osv/cases.json through the whole path,
 * once per OSV source: the online client (`createOsvClient` with the fetch transport against the
 * loopback stand-in of the OSV API, seeded with the real records) and the offline index
 * (`buildOfflineIndex` over the same records, read the way the action reads an offline database:
 * `readOsvDirectory`, JSON and PyPA YAML). For each case, a one-component manifest
 * `{ecosystem, name: package, version}` goes through `reviewDependencies` (a full review), and
 * the case's advisory must be among the vulnerabilities found exactly when the case says
 * `affected: true`. Both sources must give identical vulnerabilities.
 *
 * Alias grouping: `dedupeByAliases` merges records that are one vulnerability under one primary
 * id (a GHSA before a GO-/PYSEC- id), so an affected case's id may be the group's id or one of its
 * aliases (PYSEC-2023-74 shows as GHSA-j8r2-6x86-q33q, with PYSEC-2023-74 among the aliases). For
 * a case that is not affected, the id must not be a group's id, and it may only be among the
 * aliases of a group when another record of the group that names it is itself affected (that is
 * checked too, record by record, with `affectedBy` over the candidates the source returned).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Ecosystem, type ParsedManifest, purlFor } from '../../src/inventory/component.js';
import { readOsvDirectory } from '../../src/io/osv-files.js';
import { createFetchTransport } from '../../src/actions/shared/http.js';
import { affectedBy } from '../../src/vulns/match.js';
import { buildOfflineIndex } from '../../src/vulns/offline-db.js';
import { createOsvClient } from '../../src/vulns/osv-client.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import type { OsvSource } from '../../src/vulns/osv-source.js';
import { reviewDependencies } from '../../src/vulns/review.js';
import type { Vulnerability } from '../../src/vulns/review-model.js';
import { type FakeOsv, startFakeOsv } from '../support/fake-osv.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';

interface Case {
  ecosystem: Ecosystem;
  package: string;
  version: string;
  id: string;
  affected: boolean;
  why: string;
}

const OSV_DIR = path.join(REAL_WORLD, 'osv');
const CASES: Case[] = HAS_REAL_WORLD
  ? (JSON.parse(readFileSync(path.join(OSV_DIR, 'cases.json'), 'utf8')) as Case[])
  : [];

/** What one source makes of one component: the vulnerabilities found, and its raw candidates. */
interface Answer {
  vulnerabilities: Vulnerability[];
  candidates: OsvRecord[];
}

async function review(source: OsvSource, c: Case): Promise<Answer> {
  const manifest = 'cases/lockfile';
  const head: ParsedManifest = {
    file: manifest,
    format: 'test',
    ecosystem: c.ecosystem,
    components: [
      {
        ecosystem: c.ecosystem,
        name: c.package,
        version: c.version,
        purl: purlFor(c.ecosystem, c.package, c.version),
        direct: true,
        scope: 'prod',
        manifest,
      },
    ],
    unpinned: [],
    problems: [],
  };
  const outcome = await reviewDependencies({
    head: [head],
    source,
    policy: { allow: [], deny: [] },
    includeDev: true,
  });
  expect(outcome.lookupError).toBeUndefined();
  expect(outcome.review.mode).toBe('full');
  const found = await source.lookup([{ ecosystem: c.ecosystem, name: c.package, version: c.version }]);
  return {
    vulnerabilities: outcome.review.vulnerable.flatMap((v) => v.vulnerabilities),
    candidates: found.get(0) ?? [],
  };
}

/** Every id a record is known by. */
const idsOf = (r: OsvRecord): string[] => [r.id, ...(r.aliases ?? [])];

function check(c: Case, answer: Answer): void {
  const component = { ecosystem: c.ecosystem, name: c.package, version: c.version };
  const primary = answer.vulnerabilities.map((v) => v.id);
  const known = answer.vulnerabilities.flatMap((v) => [v.id, ...v.aliases]);
  const record = answer.candidates.find((r) => r.id === c.id);
  if (c.affected) {
    expect(known).toContain(c.id);
    // The record itself was a candidate and the matcher says yes (not only an alias of another).
    expect(record).toBeDefined();
    expect(affectedBy(record as OsvRecord, component).affected).toBe(true);
    return;
  }
  expect(primary).not.toContain(c.id);
  if (record) expect(affectedBy(record, component).affected).toBe(false);
  if (known.includes(c.id)) {
    // Only through another affected record of the same vulnerability that names this id.
    const others = answer.candidates.filter(
      (r) => r.id !== c.id && idsOf(r).includes(c.id) && affectedBy(r, component).affected,
    );
    expect(others.map((r) => r.id)).not.toEqual([]);
  }
}

describeRealWorld('real-world OSV cases, online (OSV API stand-in) and offline (index) alike', () => {
  let records: OsvRecord[] = [];
  let fake: FakeOsv;
  let online: OsvSource;
  let offline: OsvSource;

  beforeAll(async () => {
    const db = readOsvDirectory(OSV_DIR);
    records = db.records;
    fake = await startFakeOsv({ records });
    online = createOsvClient({
      baseUrl: fake.url,
      transport: createFetchTransport({ maxAttempts: 1, timeoutMs: 10_000 }),
    });
    offline = buildOfflineIndex(records);
  });

  afterAll(async () => {
    await fake.close();
  });

  it('reads the 40 records (JSON and PyPA YAML) and has 150 cases, 79 affected', () => {
    expect(records).toHaveLength(40);
    expect(records.filter((r) => r.id.startsWith('PYSEC-'))).toHaveLength(8);
    expect(CASES).toHaveLength(150);
    expect(CASES.filter((c) => c.affected)).toHaveLength(79);
    // Every case names a record of the folder.
    const ids = new Set(records.map((r) => r.id));
    expect(CASES.filter((c) => !ids.has(c.id))).toEqual([]);
  });

  it.each(CASES.map((c, i) => ({ ...c, n: i + 1 })))(
    'case $n: $ecosystem $package@$version and $id (affected: $affected)',
    async (c) => {
      const viaApi = await review(online, c);
      const viaIndex = await review(offline, c);
      check(c, viaApi);
      check(c, viaIndex);
      // The same findings whichever source the records came from.
      expect(viaApi.vulnerabilities).toEqual(viaIndex.vulnerabilities);
    },
  );

  it('the online source really asked the API: one querybatch per look-up, GETs for the ids it listed', () => {
    const batches = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/querybatch');
    // Two look-ups per case (reviewDependencies, then source.lookup for the candidates).
    expect(batches).toHaveLength(2 * CASES.length);
    expect(batches.every((r) => r.status === 200)).toBe(true);
    const gets = fake.requests.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((r) => r.status === 200)).toBe(true);
  });
});
