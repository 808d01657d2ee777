import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import { type FakeOsv, loadAffectedBy, type OsvMatcher, startFakeOsv } from './fake-osv.js';
import { REAL_WORLD, itRealWorld } from './real-world.js';

/** For the fake's own mechanics, a matcher simpler than the project's: every record naming the package. */
const byPackage: OsvMatcher = (record, q) =>
  record.affected?.some((a) => a.package?.ecosystem === q.ecosystem && a.package.name === q.name) ?? false;

function record(id: string, name: string, ecosystem = 'npm'): OsvRecord {
  return {
    id,
    modified: '2024-01-02T03:04:05Z',
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
  };
}

// The answers are raw JSON, read freely here and checked by the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function post(url: string, body: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function get(url: string): Promise<{ status: number; json: Json; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, json: await response.json(), headers: response.headers };
}

const q = (name: string, version = '1.0.0', extra: Record<string, unknown> = {}) => ({
  package: { name, ecosystem: 'npm' },
  version,
  ...extra,
});

describe('fake OSV API', () => {
  let fake: FakeOsv | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('listens on 127.0.0.1 only, on a port of its own', async () => {
    fake = await startFakeOsv({ matcher: byPackage });
    const address = fake.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers querybatch in query order, {} for a query without vulns, id and modified only', async () => {
    fake = await startFakeOsv({
      records: [record('GHSA-aaaa', 'left-pad'), record('GHSA-bbbb', 'lodash')],
      matcher: byPackage,
    });
    const { status, json } = await post(`${fake.url}/v1/querybatch`, {
      queries: [q('lodash'), q('express'), q('left-pad')],
    });
    expect(status).toBe(200);
    expect(json).toEqual({
      results: [
        { vulns: [{ id: 'GHSA-bbbb', modified: '2024-01-02T03:04:05Z' }] },
        {},
        { vulns: [{ id: 'GHSA-aaaa', modified: '2024-01-02T03:04:05Z' }] },
      ],
    });
    expect(fake.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/v1/querybatch', 200]]);
  });

  it('passes the queried package and version to the matcher', async () => {
    const seen: unknown[] = [];
    fake = await startFakeOsv({
      records: [record('GHSA-aaaa', 'lodash')],
      matcher: (r, query) => {
        seen.push([r.id, query]);
        return { affected: query.version === '4.17.20' };
      },
    });
    const { json } = await post(`${fake.url}/v1/querybatch`, {
      queries: [q('lodash', '4.17.20'), q('lodash', '4.17.21')],
    });
    expect(json.results).toEqual([{ vulns: [{ id: 'GHSA-aaaa', modified: '2024-01-02T03:04:05Z' }] }, {}]);
    expect(seen).toEqual([
      ['GHSA-aaaa', { ecosystem: 'npm', name: 'lodash', version: '4.17.20' }],
      ['GHSA-aaaa', { ecosystem: 'npm', name: 'lodash', version: '4.17.21' }],
    ]);
  });

  it('pages a long result with next_page_token, only for the queries that have more', async () => {
    const many = ['GHSA-0001', 'GHSA-0002', 'GHSA-0003', 'GHSA-0004', 'GHSA-0005'].map((id) =>
      record(id, 'lodash'),
    );
    fake = await startFakeOsv({
      records: [...many, record('GHSA-9999', 'qs')],
      matcher: byPackage,
      pageSize: 2,
    });
    const first = await post(`${fake.url}/v1/querybatch`, { queries: [q('lodash'), q('qs')] });
    expect(first.json.results[0].vulns.map((v: { id: string }) => v.id)).toEqual(['GHSA-0001', 'GHSA-0002']);
    expect(typeof first.json.results[0].next_page_token).toBe('string');
    expect(first.json.results[1]).toEqual({ vulns: [{ id: 'GHSA-9999', modified: '2024-01-02T03:04:05Z' }] });

    const ids: string[] = [];
    let token: string | undefined = first.json.results[0].next_page_token;
    while (token !== undefined) {
      const next = await post(`${fake.url}/v1/querybatch`, {
        queries: [q('lodash', '1.0.0', { page_token: token })],
      });
      ids.push(...next.json.results[0].vulns.map((v: { id: string }) => v.id));
      token = next.json.results[0].next_page_token;
    }
    expect(ids).toEqual(['GHSA-0003', 'GHSA-0004', 'GHSA-0005']);
  });

  it('refuses a page token of another query, more than 1000 queries, and queries without a package', async () => {
    fake = await startFakeOsv({
      records: [record('GHSA-0001', 'lodash'), record('GHSA-0002', 'lodash')],
      matcher: byPackage,
      pageSize: 1,
    });
    const first = await post(`${fake.url}/v1/querybatch`, { queries: [q('lodash')] });
    const token = first.json.results[0].next_page_token as string;
    expect(
      await post(`${fake.url}/v1/querybatch`, { queries: [q('qs', '1.0.0', { page_token: token })] }),
    ).toEqual({
      status: 400,
      json: { code: 3, message: 'Invalid page token.' },
    });
    const tooMany = Array.from({ length: 1001 }, (_, i) => q(`p${i}`));
    expect(await post(`${fake.url}/v1/querybatch`, { queries: tooMany })).toEqual({
      status: 400,
      json: { code: 3, message: 'Too many queries.' },
    });
    expect((await post(`${fake.url}/v1/querybatch`, { queries: [{ version: '1.0.0' }] })).status).toBe(400);
    expect((await post(`${fake.url}/v1/querybatch`, '{not json')).status).toBe(400);
  });

  it('lists every record of a package for a query without a version (PyPI names normalised)', async () => {
    fake = await startFakeOsv({ records: [record('PYSEC-1', 'PyYAML', 'PyPI'), record('GHSA-1', 'lodash')] });
    const { json } = await post(`${fake.url}/v1/querybatch`, {
      queries: [{ package: { name: 'pyyaml', ecosystem: 'PyPI' } }],
    });
    expect(json.results).toEqual([{ vulns: [{ id: 'PYSEC-1', modified: '2024-01-02T03:04:05Z' }] }]);
  });

  it('serves records by id, 404 {"code":5,"message":"Bug not found."} for an unknown one, 404 JSON elsewhere', async () => {
    const lodash = record('GHSA-35jh-r3h4-6jhm', 'lodash');
    fake = await startFakeOsv({ records: [lodash], matcher: byPackage });
    expect(await get(`${fake.url}/v1/vulns/GHSA-35jh-r3h4-6jhm`)).toMatchObject({
      status: 200,
      json: lodash,
    });
    expect(await get(`${fake.url}/v1/vulns/ghsa-35jh-r3h4-6jhm`)).toMatchObject({
      status: 404,
      json: { code: 5, message: 'Bug not found.' },
    });
    expect(await get(`${fake.url}/v2/whatever`)).toMatchObject({ status: 404, json: { code: 5 } });
    fake.addRecord(record('GHSA-new', 'qs'));
    expect((await get(`${fake.url}/v1/vulns/GHSA-new`)).status).toBe(200);
  });

  it('injects faults: status with Retry-After, raw bodies, delays and resets, each `times` times', async () => {
    fake = await startFakeOsv({ records: [record('GHSA-1', 'lodash')], matcher: byPackage });
    const rule = fake.fault({
      kind: 'status',
      status: 503,
      path: '/v1/vulns/GHSA-1',
      times: 2,
      retryAfter: 3,
    });
    const failed = await get(`${fake.url}/v1/vulns/GHSA-1`);
    expect(failed.status).toBe(503);
    expect(failed.json).toEqual({ code: 14, message: 'The service is currently unavailable.' });
    expect(failed.headers.get('retry-after')).toBe('3');
    expect((await get(`${fake.url}/v1/vulns/GHSA-1`)).status).toBe(503);
    expect((await get(`${fake.url}/v1/vulns/GHSA-1`)).status).toBe(200);
    expect(rule).toMatchObject({ remaining: 0, hits: 2 });

    fake.fault({ kind: 'body', body: '<html>captive portal</html>', method: 'POST' });
    const html = await fetch(`${fake.url}/v1/querybatch`, { method: 'POST', body: '{"queries":[]}' });
    expect([html.status, await html.text()]).toEqual([200, '<html>captive portal</html>']);

    fake.fault({ kind: 'delay', ms: 150, path: /^\/v1\/vulns\// });
    const started = Date.now();
    expect((await get(`${fake.url}/v1/vulns/GHSA-1`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    fake.fault({ kind: 'reset' });
    await expect(fetch(`${fake.url}/v1/vulns/GHSA-1`)).rejects.toThrow('fetch failed');
    expect(fake.requests.map((r) => r.faults)).toEqual([
      ['status'],
      ['status'],
      [],
      ['body'],
      ['delay'],
      ['reset'],
    ]);
    expect(fake.requests.at(-1)?.status).toBeUndefined();
  });

  it('counts requests in flight at once', async () => {
    fake = await startFakeOsv({ records: [record('GHSA-1', 'lodash')], matcher: byPackage });
    fake.fault({ kind: 'delay', ms: 100, times: Infinity });
    await Promise.all(Array.from({ length: 5 }, () => get(`${fake!.url}/v1/vulns/GHSA-1`)));
    expect(fake.maxInFlight).toBe(5);
    expect(fake.inFlight).toBe(0);
    expect(fake.count('GET', /^\/v1\/vulns\//)).toBe(5);
    fake.resetCounters();
    expect([fake.requests.length, fake.maxInFlight]).toEqual([0, 0]);
  });

  it('close() ends pending delays and is idempotent', async () => {
    fake = await startFakeOsv({ matcher: byPackage });
    fake.fault({ kind: 'delay', ms: 60_000 });
    const pending = fetch(`${fake.url}/v1/vulns/X`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fake.close();
    await fake.close();
    expect(await pending).toMatchObject({ message: 'fetch failed' });
  });
});

describe("fake OSV API with the project's matcher", () => {
  it('loads a module by a specifier held in a variable, through the .js to .ts mapping', async () => {
    // src/version.ts exists and has no affectedBy: loaded, then refused for what it lacks.
    await expect(loadAffectedBy('../../src/version.js')).rejects.toThrow(
      'fake-osv: ../../src/version.js has no affectedBy function; pass startFakeOsv({ matcher })',
    );
  });

  // Without `matcher`, the fake answers like the API on the real records.
  itRealWorld('uses affectedBy from src/vulns/match.ts by default', async () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(path.join(REAL_WORLD, 'osv', file), 'utf8')) as OsvRecord;
    const fake = await startFakeOsv({
      records: [read('npm/GHSA-35jh-r3h4-6jhm.json'), read('npm/GHSA-p6mc-m468-83gw.json')],
    });
    try {
      const { json } = await post(`${fake.url}/v1/querybatch`, {
        queries: [q('lodash', '4.17.19'), q('lodash', '4.17.20'), q('lodash', '4.17.21')],
      });
      const ids = json.results.map((r: { vulns?: { id: string }[] }) => (r.vulns ?? []).map((v) => v.id));
      expect(ids).toEqual([['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'], ['GHSA-35jh-r3h4-6jhm'], []]);
    } finally {
      await fake.close();
    }
  });
});
