/**
 * The dependency review of a pull request, measured in its own process, on the inputs
 * generate-lockfiles writes to DIR (base and head package-lock.json, a folder of OSV records):
 *
 * - `offline DIR`: the action's path with `offline-db`: read both lockfiles, parse them
 *   (`parsePackageLock`), index the records (`buildOfflineIndex`), and `reviewDependencies`
 *   (diff, look-up of the added and changed components, matching, the review). Reading the
 *   records from disk (`readOsvDatabase`) comes first and is timed apart.
 * - `online DIR`: the same review against the OSV API stand-in (test/support/fake-osv.ts) on
 *   loopback, seeded with the same records, through `createOsvClient` and `createFetchTransport`.
 *   Counts the querybatch and GET /v1/vulns requests the fake received, and works out what they
 *   should be without the code under test: the distinct name@version pairs of the head's lockfile
 *   that the base's has not (read with JSON.parse), and the records `affectedBy` says affect one
 *   of them. Also checks that the online review finds what the offline one finds.
 *
 * Prints one JSON line.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createFetchTransport } from '../src/actions/shared/http.js';
import type { LicensePolicy } from '../src/inventory/licenses.js';
import { parsePackageLock } from '../src/inventory/npm/package-lock.js';
import { readOsvDatabase } from '../src/io/osv-files.js';
import { affectedBy, type MatchComponent } from '../src/vulns/match.js';
import { buildOfflineIndex } from '../src/vulns/offline-db.js';
import { createOsvClient } from '../src/vulns/osv-client.js';
import type { OsvRecord } from '../src/vulns/osv-record.js';
import type { DependencyReview } from '../src/vulns/review-model.js';
import { reviewDependencies } from '../src/vulns/review.js';
import { startFakeOsv } from '../test/support/fake-osv.js';

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'offline' && mode !== 'online') || !dir) {
  process.stderr.write('usage: dependency-review.js offline|online DIR\n');
  process.exit(2);
}
const FILE = 'package-lock.json';
const baseFile = path.join(dir, 'base', FILE);
const headFile = path.join(dir, 'head', FILE);
const osvDir = path.join(dir, 'osv');
// No licence policy: the look-up and the matcher are what is measured.
const policy: LicensePolicy = { allow: [], deny: [] };

const describe = (error: unknown): string => (error instanceof Error ? error.message : JSON.stringify(error));

function counts(review: DependencyReview) {
  const by = (kind: string) => review.changes.filter((c) => c.change === kind).length;
  const advisories = new Set(review.vulnerable.flatMap((v) => v.vulnerabilities.map((x) => x.id)));
  return {
    added: by('added'),
    changed: by('changed'),
    removed: by('removed'),
    lookedUp: review.lookup.components,
    source: review.lookup.source,
    vulnerable: review.vulnerable.length,
    advisories: advisories.size,
    problems: review.problems.length,
  };
}

if (mode === 'offline') {
  const d0 = performance.now();
  const db = readOsvDatabase(osvDir);
  const dbMs = performance.now() - d0;

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const baseText = readFileSync(baseFile, 'utf8');
  const headText = readFileSync(headFile, 'utf8');
  const t1 = performance.now();
  const base = parsePackageLock(baseText, FILE);
  const t2 = performance.now();
  const head = parsePackageLock(headText, FILE);
  const t3 = performance.now();
  const index = buildOfflineIndex(db.records);
  const t4 = performance.now();
  const outcome = await reviewDependencies({
    base: [base],
    head: [head],
    source: index,
    policy,
    includeDev: true,
  });
  const t5 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({
      mode,
      ms: t5 - t0,
      // User + system CPU time of the process (GC helper threads included): less sensitive than
      // the wall-clock time to other processes competing for the CPUs.
      cpuMs: (cpu.user + cpu.system) / 1000,
      parts: { read: t1 - t0, parseBase: t2 - t1, parseHead: t3 - t2, index: t4 - t3, review: t5 - t4 },
      dbMs,
      records: index.size,
      dbProblems: db.problems.length,
      baseBytes: statSync(baseFile).size,
      headBytes: statSync(headFile).size,
      baseComponents: base.components.length,
      headComponents: head.components.length,
      ...counts(outcome.review),
      ...(outcome.lookupError !== undefined ? { lookupError: describe(outcome.lookupError) } : {}),
    })}\n`,
  );
} else {
  const { records } = readOsvDatabase(osvDir);
  const baseText = readFileSync(baseFile, 'utf8');
  const headText = readFileSync(headFile, 'utf8');
  const base = parsePackageLock(baseText, FILE);
  const head = parsePackageLock(headText, FILE);

  // What the client should send, worked out from the raw lockfiles: every name@version the head
  // installs and the base does not (an added package or a changed version), once each.
  const installed = (text: string): Set<string> => {
    const lock = JSON.parse(text) as {
      packages: Record<string, { name?: string; version?: string; link?: boolean }>;
    };
    const out = new Set<string>();
    for (const [key, entry] of Object.entries(lock.packages)) {
      const at = key.lastIndexOf('node_modules/');
      if (at === -1 || entry.link === true || entry.version === undefined) continue;
      out.add(JSON.stringify([entry.name ?? key.slice(at + 'node_modules/'.length), entry.version]));
    }
    return out;
  };
  const before = installed(baseText);
  const subjects = [...installed(headText)]
    .filter((key) => !before.has(key))
    .map((key): MatchComponent => {
      const [name, version] = JSON.parse(key) as [string, string];
      return { ecosystem: 'npm', name, version };
    });
  // And which records it should fetch: those that affect one of them.
  const namesOf = new Map<OsvRecord, Set<string>>();
  const byName = new Map<string, OsvRecord[]>();
  for (const record of records) {
    const names = new Set<string>();
    for (const entry of record.affected ?? [])
      if (entry.package?.ecosystem === 'npm' && entry.package.name) names.add(entry.package.name);
    namesOf.set(record, names);
    for (const name of names) {
      const list = byName.get(name);
      if (list) list.push(record);
      else byName.set(name, [record]);
    }
  }
  const hit = new Set<string>();
  for (const subject of subjects)
    for (const record of byName.get(subject.name) ?? [])
      if (affectedBy(record, subject).affected) hit.add(record.id);

  // The fake asks its matcher about every record for every query: records that do not name the
  // package are turned away before `affectedBy`, which would say no to them too.
  const fake = await startFakeOsv({
    records,
    matcher: (record, component) =>
      namesOf.get(record)?.has(component.name) === true && affectedBy(record, component).affected,
  });
  try {
    const client = createOsvClient({ baseUrl: fake.url, transport: createFetchTransport() });
    const t0 = performance.now();
    const online = await reviewDependencies({
      base: [base],
      head: [head],
      source: client,
      policy,
      includeDev: true,
    });
    const ms = performance.now() - t0;
    const offline = await reviewDependencies({
      base: [base],
      head: [head],
      source: buildOfflineIndex(records),
      policy,
      includeDev: true,
    });
    const batches = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/querybatch');
    const queriesSent = batches.reduce(
      (n, r) => n + ((r.body as { queries?: unknown[] } | undefined)?.queries?.length ?? 0),
      0,
    );
    process.stdout.write(
      `${JSON.stringify({
        mode,
        ms,
        querybatch: fake.count('POST', '/v1/querybatch'),
        vulnGets: fake.count('GET', /^\/v1\/vulns\//),
        queriesSent,
        distinct: subjects.length,
        expectedQuerybatch: Math.ceil(subjects.length / 1000),
        expectedVulnGets: hit.size,
        sameAsOffline: JSON.stringify(online.review.vulnerable) === JSON.stringify(offline.review.vulnerable),
        clientStats: {
          querybatchRequests: client.stats.querybatchRequests,
          vulnRequests: client.stats.vulnRequests,
          cacheHits: client.stats.cacheHits,
          notFound: client.stats.notFound.length,
        },
        ...counts(online.review),
        ...(online.lookupError !== undefined ? { lookupError: describe(online.lookupError) } : {}),
      })}\n`,
    );
  } finally {
    await fake.close();
  }
}
