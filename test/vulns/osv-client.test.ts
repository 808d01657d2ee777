import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  classifyNetworkError,
  createFetchTransport,
  type FetchTransportOptions,
  HttpTransportError,
  retryAfterMs,
} from '../../src/actions/shared/http.js';
import { VERSION } from '../../src/version.js';
import { buildOfflineIndex } from '../../src/vulns/offline-db.js';
import {
  createOsvClient,
  type OsvClient,
  type OsvClientOptions,
  OsvResponseError,
  OsvUnavailableError,
  type OsvTransport,
} from '../../src/vulns/osv-client.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import { type FakeOsv, type OsvMatcher, startFakeOsv } from '../support/fake-osv.js';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';

/** The client only fetches: its tests do not need the real matcher. A record affects every version of a package it names. */
const byPackage: OsvMatcher = (record, q) =>
  record.affected?.some((a) => a.package?.ecosystem === q.ecosystem && a.package.name === q.name) ?? false;

function record(id: string, name: string, ecosystem = 'npm'): OsvRecord {
  return {
    id,
    modified: '2024-01-02T03:04:05Z',
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
  };
}

/** The real transport, with retries that do not make the tests wait. */
function transport(options: FetchTransportOptions = {}): OsvTransport {
  return createFetchTransport({ baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000, ...options });
}

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('OSV client against the fake API', () => {
  let fake: FakeOsv | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setup(
    records: OsvRecord[],
    clientOptions: Partial<OsvClientOptions> = {},
    fakeOptions: { pageSize?: number } = {},
  ): Promise<{ fake: FakeOsv; client: OsvClient }> {
    fake = await startFakeOsv({ records, matcher: byPackage, ...fakeOptions });
    return { fake, client: createOsvClient({ baseUrl: fake.url, transport: transport(), ...clientOptions }) };
  }

  it('sends querybatch as the API takes it, with the User-Agent pavedpath/<version>', async () => {
    const { fake, client } = await setup([record('GHSA-aaaa-bbbb-cccc', 'lodash')]);
    const result = await client.queryBatch([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      { ecosystem: 'npm', name: 'express', version: '4.19.1' },
    ]);
    expect(result).toEqual(
      new Map([
        [0, ['GHSA-aaaa-bbbb-cccc']],
        [1, []],
      ]),
    );
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/querybatch');
    expect(request?.headers['user-agent']).toBe(`pavedpath/${VERSION}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      queries: [
        { package: { name: 'lodash', ecosystem: 'npm' }, version: '4.17.20' },
        { package: { name: 'express', ecosystem: 'npm' }, version: '4.19.1' },
      ],
    });
  });

  it('sends 2,500 queries in 3 querybatch requests of at most 1000', async () => {
    const { fake, client } = await setup([
      record('GHSA-0005', 'pkg-5'),
      record('GHSA-1500', 'pkg-1500'),
      record('GHSA-2499', 'pkg-2499'),
    ]);
    const queries = Array.from({ length: 2500 }, (_, i) => ({
      ecosystem: 'npm',
      name: `pkg-${i}`,
      version: '1.0.0',
    }));
    const result = await client.queryBatch(queries);
    expect(fake.requests.map((r) => (r.body as { queries: unknown[] }).queries.length)).toEqual([
      1000, 1000, 500,
    ]);
    expect(client.stats.querybatchRequests).toBe(3);
    expect(result.size).toBe(2500);
    expect([result.get(5), result.get(1500), result.get(2499), result.get(0)]).toEqual([
      ['GHSA-0005'],
      ['GHSA-1500'],
      ['GHSA-2499'],
      [],
    ]);
  });

  it('follows next_page_token, sending again only the queries that have more pages', async () => {
    const lodash = ['GHSA-0001', 'GHSA-0002', 'GHSA-0003', 'GHSA-0004', 'GHSA-0005'];
    const { fake, client } = await setup(
      [...lodash.map((id) => record(id, 'lodash')), record('GHSA-9999', 'qs')],
      {},
      { pageSize: 2 },
    );
    const result = await client.queryBatch([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      { ecosystem: 'npm', name: 'qs', version: '6.5.2' },
      { ecosystem: 'npm', name: 'express', version: '4.19.1' },
    ]);
    expect(result).toEqual(
      new Map([
        [0, lodash],
        [1, ['GHSA-9999']],
        [2, []],
      ]),
    );
    const sent = fake.requests.map(
      (r) => (r.body as { queries: { package: { name: string }; page_token?: string }[] }).queries,
    );
    expect(sent.map((queries) => queries.map((query) => query.package.name))).toEqual([
      ['lodash', 'qs', 'express'],
      ['lodash'],
      ['lodash'],
    ]);
    expect(sent[1]?.[0]?.page_token).toEqual(expect.any(String));
    expect(client.stats.querybatchRequests).toBe(3);
  });

  it('sends identical queries once and answers each of them', async () => {
    const { fake, client } = await setup([record('GHSA-1111', 'lodash')]);
    const lodash = { ecosystem: 'npm', name: 'lodash', version: '4.17.20' };
    const result = await client.queryBatch([
      lodash,
      { ...lodash, version: '4.17.21' },
      { ...lodash },
      lodash,
    ]);
    expect(fake.requests).toHaveLength(1);
    expect((fake.requests[0]?.body as { queries: unknown[] }).queries).toHaveLength(2);
    expect([...result.keys()]).toEqual([0, 1, 2, 3]);
    expect(result.get(0)).toEqual(['GHSA-1111']);
    expect(result.get(2)).toEqual(['GHSA-1111']);
    result.get(0)?.push('mutated');
    expect(result.get(3)).toEqual(['GHSA-1111']);
  });

  it('makes no request for no queries, and refuses a query without a version', async () => {
    const { fake, client } = await setup([]);
    expect(await client.queryBatch([])).toEqual(new Map());
    expect(fake.requests).toHaveLength(0);
    await expect(client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '' }])).rejects.toThrow(
      'OSV query 0 has no version',
    );
  });

  it('fetches each vulnerability once per client, also when asked for concurrently', async () => {
    const records = [record('GHSA-1', 'a'), record('GHSA-2', 'b'), record('GHSA-3', 'c')];
    const { fake, client } = await setup(records);
    fake.fault({ kind: 'delay', ms: 50, times: Infinity });
    const concurrent = await Promise.all([
      client.getVuln('GHSA-1'),
      client.getVuln('GHSA-1'),
      client.getVuln('GHSA-1'),
    ]);
    expect(concurrent).toEqual([records[0], records[0], records[0]]);
    expect(await client.getVuln('GHSA-1')).toEqual(records[0]);
    const all = await client.fetchAll(['GHSA-1', 'GHSA-2', 'GHSA-2', 'GHSA-3', 'GHSA-404']);
    expect([...all.keys()]).toEqual(['GHSA-1', 'GHSA-2', 'GHSA-3']);
    expect(await client.getVuln('GHSA-404')).toBeUndefined();
    const gets = fake.requests.map((r) => r.path);
    expect(gets.sort()).toEqual([
      '/v1/vulns/GHSA-1',
      '/v1/vulns/GHSA-2',
      '/v1/vulns/GHSA-3',
      '/v1/vulns/GHSA-404',
    ]);
    expect(client.stats).toMatchObject({ vulnRequests: 4, notFound: ['GHSA-404'] });
    // Two concurrent calls and one later call for GHSA-1, GHSA-1 again in fetchAll, GHSA-404 again.
    expect(client.stats.cacheHits).toBe(5);
    // Another client (another run) asks again.
    const other = createOsvClient({ baseUrl: fake.url, transport: transport() });
    await other.getVuln('GHSA-1');
    expect(fake.count('GET', '/v1/vulns/GHSA-1')).toBe(2);
  });

  it('keeps at most `concurrency` requests in flight, counted at the server', async () => {
    const records = Array.from({ length: 12 }, (_, i) => record(`GHSA-${i}`, `p${i}`));
    const { fake, client } = await setup(records, { concurrency: 3 });
    fake.fault({ kind: 'delay', ms: 40, times: Infinity });
    const all = await client.fetchAll(records.map((r) => r.id));
    expect(all.size).toBe(12);
    expect(fake.maxInFlight).toBe(3);

    // querybatch requests share the limit.
    fake.resetCounters();
    const one = createOsvClient({ baseUrl: fake.url, transport: transport(), concurrency: 1, batchSize: 2 });
    const queries = records.map((r) => ({
      ecosystem: 'npm',
      name: r.affected?.[0]?.package?.name ?? '',
      version: '1.0.0',
    }));
    const [batch] = await Promise.all([one.queryBatch(queries), one.fetchAll(['GHSA-1', 'GHSA-2'])]);
    expect(batch.get(11)).toEqual(['GHSA-11']);
    expect(fake.count('POST', '/v1/querybatch')).toBe(6);
    expect(fake.maxInFlight).toBe(1);
  });

  it('looks components up: querybatch, then the records', async () => {
    const records = [
      record('GHSA-1', 'lodash'),
      record('GHSA-2', 'lodash'),
      record('PYSEC-1', 'jinja2', 'PyPI'),
    ];
    const { client } = await setup(records);
    const found = await client.lookup([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      { ecosystem: 'npm', name: 'express', version: '4.19.1' },
      { ecosystem: 'PyPI', name: 'jinja2', version: '2.11.2' },
    ]);
    expect(found).toEqual(
      new Map([
        [0, [records[0], records[1]]],
        [1, []],
        [2, [records[2]]],
      ]),
    );
    expect(client.kind).toBe('online');
    expect(client.description).toBe(`the OSV API at ${client.baseUrl}`);
  });

  it('accepts the API root with a trailing slash or /v1', async () => {
    const { fake } = await setup([record('GHSA-1', 'lodash')]);
    for (const baseUrl of [`${fake.url}/`, `${fake.url}/v1`, `${fake.url}/v1/`]) {
      const client = createOsvClient({ baseUrl, transport: transport() });
      expect(client.baseUrl).toBe(fake.url);
      expect(await client.getVuln('GHSA-1')).toBeDefined();
    }
    expect(() => createOsvClient({ baseUrl: 'api.osv.dev', transport: transport() })).toThrow('is not a URL');
    expect(() => createOsvClient({ baseUrl: 'ftp://api.osv.dev', transport: transport() })).toThrow(
      'is not http(s)',
    );
    expect(() => createOsvClient({ baseUrl: fake.url, transport: transport(), concurrency: 0 })).toThrow(
      'concurrency must be a positive integer',
    );
  });

  describe('failures', () => {
    it('retries 5xx and 429 in the transport, honouring Retry-After', async () => {
      const { fake } = await setup([record('GHSA-1', 'lodash')]);
      fake.fault({ kind: 'status', status: 503, path: '/v1/querybatch', times: 2 });
      fake.fault({ kind: 'status', status: 429, path: '/v1/vulns/GHSA-1', retryAfter: 2 });
      const waits: number[] = [];
      const retries: string[] = [];
      const client = createOsvClient({
        baseUrl: fake.url,
        transport: transport({
          sleep: (ms) => {
            waits.push(ms);
            return Promise.resolve();
          },
          onRetry: (info) => retries.push(`${info.attempt} ${info.why}`),
        }),
      });
      expect(await client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '1.0.0' }])).toEqual(
        new Map([[0, ['GHSA-1']]]),
      );
      expect(await client.getVuln('GHSA-1')).toBeDefined();
      expect(fake.requests.map((r) => `${r.path} ${r.status}`)).toEqual([
        '/v1/querybatch 503',
        '/v1/querybatch 503',
        '/v1/querybatch 200',
        '/v1/vulns/GHSA-1 429',
        '/v1/vulns/GHSA-1 200',
      ]);
      expect(retries).toEqual([
        '1 HTTP 503 Service Unavailable',
        '2 HTTP 503 Service Unavailable',
        '1 HTTP 429 Too Many Requests',
      ]);
      expect(waits[2]).toBe(2000);
    });

    it('retries a connection reset', async () => {
      const { fake, client } = await setup([record('GHSA-1', 'lodash')]);
      fake.fault({ kind: 'reset', path: '/v1/vulns/GHSA-1' });
      expect(await client.getVuln('GHSA-1')).toBeDefined();
      expect(fake.requests.map((r) => r.faults)).toEqual([['reset'], []]);
    });

    it('gives up on a lasting 5xx with OsvUnavailableError: URL, status and what to do', async () => {
      const { fake } = await setup([]);
      fake.fault({ kind: 'status', status: 503, times: Infinity });
      const client = createOsvClient({ baseUrl: fake.url, transport: transport({ maxAttempts: 3 }) });
      const error = await caught(client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '1.0.0' }]));
      expect(error).toBeInstanceOf(OsvUnavailableError);
      expect(error).not.toBeInstanceOf(OsvResponseError);
      expect(error).toMatchObject({ url: `${fake.url}/v1/querybatch`, status: 503 });
      expect(error.message).toBe(
        `The OSV API could not be used: ${fake.url}/v1/querybatch answered HTTP 503 Service Unavailable ` +
          '("The service is currently unavailable.") (3 attempts). If the runner cannot reach it, set osv-api-url ' +
          'to a mirror, or offline-db to an OSV database on disk for air-gapped runners, or on-network-error: warn ' +
          'to carry on without vulnerability data.',
      );
      expect(error.cause).toBeInstanceOf(HttpTransportError);
      expect(fake.requests).toHaveLength(3);
    });

    it('does not wait for a Retry-After longer than a run waits', async () => {
      const { fake } = await setup([]);
      fake.fault({ kind: 'status', status: 429, retryAfter: 3600 });
      const client = createOsvClient({ baseUrl: fake.url, transport: transport() });
      const error = await caught(client.getVuln('GHSA-1'));
      expect(error).toMatchObject({ status: 429 });
      expect(error.message).toContain('asked to retry in 3600 s, longer than the 60 s a run waits');
      expect(fake.requests).toHaveLength(1);
    });

    it('turns a 4xx answer into OsvUnavailableError with the server message', async () => {
      const { fake } = await setup([]);
      const client = createOsvClient({ baseUrl: fake.url, transport: transport(), batchSize: 1001 });
      const queries = Array.from({ length: 1001 }, (_, i) => ({
        ecosystem: 'npm',
        name: `p${i}`,
        version: '1',
      }));
      const error = await caught(client.queryBatch(queries));
      expect(error).toMatchObject({ status: 400, url: `${fake.url}/v1/querybatch` });
      expect(error.message).toContain('answered POST with HTTP 400 Bad Request ("Too many queries.")');
      expect(fake.requests).toHaveLength(1);
    });

    it('network down (nothing listens on the port): OsvUnavailableError naming the URL', async () => {
      const port = await deadPort();
      const client = createOsvClient({
        baseUrl: `http://127.0.0.1:${port}`,
        transport: transport({ maxAttempts: 2 }),
      });
      const error = await caught(
        client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '4.17.20' }]),
      );
      expect(error).toBeInstanceOf(OsvUnavailableError);
      expect(error).toMatchObject({ url: `http://127.0.0.1:${port}/v1/querybatch`, status: undefined });
      expect(error.message).toBe(
        `The OSV API could not be used: http://127.0.0.1:${port}/v1/querybatch could not be reached: ` +
          `the connection to 127.0.0.1:${port} was refused (ECONNREFUSED) (2 attempts). If the runner cannot reach it, ` +
          'set osv-api-url to a mirror, or offline-db to an OSV database on disk for air-gapped runners, or ' +
          'on-network-error: warn to carry on without vulnerability data.',
      );
      expect((error.cause as HttpTransportError).kind).toBe('refused');
    });

    it('a timeout: OsvUnavailableError saying so', async () => {
      const { fake } = await setup([record('GHSA-1', 'lodash')]);
      fake.fault({ kind: 'delay', ms: 2_000, times: Infinity });
      const client = createOsvClient({
        baseUrl: fake.url,
        transport: transport({ timeoutMs: 100, maxAttempts: 2 }),
        advice: 'Pass --offline-db.',
      });
      const error = await caught(client.getVuln('GHSA-1'));
      expect(error.message).toBe(
        `The OSV API could not be used: ${fake.url}/v1/vulns/GHSA-1 could not be reached: no complete answer within 100 ms (timed out) (2 attempts). Pass --offline-db.`,
      );
      expect((error.cause as HttpTransportError).kind).toBe('timeout');
    });

    it('a failed getVuln is not cached: the next call asks again', async () => {
      const { fake } = await setup([record('GHSA-1', 'lodash')]);
      fake.fault({ kind: 'status', status: 500 });
      const client = createOsvClient({ baseUrl: fake.url, transport: transport({ maxAttempts: 1 }) });
      await expect(client.getVuln('GHSA-1')).rejects.toThrow(OsvUnavailableError);
      expect(await client.getVuln('GHSA-1')).toBeDefined();
    });

    it('refuses an answer above the size limit without holding it', async () => {
      const { fake } = await setup([]);
      fake.fault({
        kind: 'body',
        body: `{"results":[${'{},'.repeat(50_000)}{}]}`,
        contentType: 'application/json',
      });
      const client = createOsvClient({
        baseUrl: fake.url,
        transport: transport({ maxResponseBytes: 10_000 }),
      });
      const error = await caught(client.queryBatch([{ ecosystem: 'npm', name: 'a', version: '1' }]));
      expect(error).toBeInstanceOf(OsvUnavailableError);
      expect(error.message).toContain('answered a body of 150016 bytes, above the 10000-byte limit');
    });
  });

  describe('malformed answers: OsvResponseError naming the URL and what is wrong', () => {
    const cases: [string, string, string][] = [
      [
        'an HTML page',
        '<html><body>Sign in to the proxy</body></html>',
        'the body is not JSON (content-type text/html; charset=utf-8): "<html><body>Sign in to the proxy</body></html>"',
      ],
      ['an empty body', '', 'the body is empty, not an object with "results"'],
      ['no results', '{"vulns":[]}', '"results" is missing, not an array'],
      ['too few results', '{"results":[]}', '"results" has 0 entries for the 1 queries sent'],
      [
        'a vuln without id',
        '{"results":[{"vulns":[{"modified":"x"}]}]}',
        'results[0].vulns[0].id is missing, not an OSV id',
      ],
      [
        'a path in an id',
        '{"results":[{"vulns":[{"id":"../../admin"}]}]}',
        'results[0].vulns[0].id is the string "../../admin", not an OSV id',
      ],
      [
        'a numeric token',
        '{"results":[{"next_page_token":7}]}',
        'results[0].next_page_token is the number 7, not a string',
      ],
    ];
    it.each(cases)('querybatch answering %s', async (_, body, problem) => {
      const { fake, client } = await setup([]);
      fake.fault({ kind: 'body', body });
      const error = await caught(client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '1.0.0' }]));
      expect(error).toBeInstanceOf(OsvResponseError);
      expect(error).toBeInstanceOf(OsvUnavailableError);
      expect(error.message).toContain(
        `The OSV API could not be used: ${fake.url}/v1/querybatch answered something that is not an OSV API answer: ${problem}.`,
      );
    });

    it('a token answered twice for the same query', async () => {
      const { fake, client } = await setup([]);
      fake.fault({ kind: 'body', body: '{"results":[{"next_page_token":"again"}]}', times: 2 });
      const error = await caught(client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '1.0.0' }]));
      expect(error.message).toContain(
        'answered the same next_page_token twice for one query (npm lodash@1.0.0)',
      );
      expect(fake.requests).toHaveLength(2);
    });

    it('a record of another id, or none', async () => {
      const { fake, client } = await setup([]);
      fake.fault({ kind: 'body', body: '{"id":"GHSA-other"}' });
      await expect(client.getVuln('GHSA-1')).rejects.toThrow(
        `${fake.url}/v1/vulns/GHSA-1 answered something that is not an OSV API answer: it asked for GHSA-1 and got a record with id "GHSA-other".`,
      );
      fake.fault({ kind: 'body', body: '[]' });
      await expect(client.getVuln('GHSA-2')).rejects.toThrow('the body is an array, not an OSV record');
      await expect(client.getVuln('../x')).rejects.toThrow('Not an OSV id: "../x"');
    });
  });
});

describe('the fetch transport', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  const fetchFailed = (code: string, message = `connect ${code}`) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

  it.each([
    ['ENOTFOUND', 'dns', false, 'the host name api.osv.dev could not be resolved'],
    ['EAI_AGAIN', 'dns', true, 'the DNS lookup of api.osv.dev failed for now'],
    ['ECONNREFUSED', 'refused', true, 'the connection to api.osv.dev was refused'],
    ['ENETUNREACH', 'unreachable', false, 'the network has no route to api.osv.dev'],
    ['ECONNRESET', 'reset', true, 'the connection was closed before the answer was complete'],
    ['UND_ERR_SOCKET', 'reset', true, 'the connection was closed before the answer was complete'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', true, 'api.osv.dev did not answer in time'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', false, 'the TLS connection to api.osv.dev failed'],
    ['EWHATEVER', 'network', true, 'connect EWHATEVER (EWHATEVER)'],
  ])('classifies %s as %s (retried: %s)', (code, kind, retry, reason) => {
    const failure = classifyNetworkError(fetchFailed(code), 'https://api.osv.dev/v1/querybatch', 30_000);
    expect(failure).toMatchObject({ kind, retry, code });
    expect(failure.reason).toContain(reason);
    expect(failure.reason).toContain(`(${code})`);
  });

  it('classifies an AbortSignal timeout and an AggregateError of addresses', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyNetworkError(timeout, 'https://x', 30_000)).toMatchObject({
      kind: 'timeout',
      reason: 'no complete answer within 30 s (timed out)',
    });
    const aggregate = new TypeError('fetch failed', {
      cause: new AggregateError([
        Object.assign(new Error('connect ENETUNREACH ::1'), { code: 'ENETUNREACH' }),
      ]),
    });
    expect(classifyNetworkError(aggregate, 'https://x', 30_000)).toMatchObject({
      kind: 'unreachable',
      retry: false,
    });
  });

  it('does not retry an unknown host name, and says so in one error', async () => {
    let calls = 0;
    const send = createFetchTransport({
      fetch: () => {
        calls += 1;
        return Promise.reject(fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND osv.internal'));
      },
      advice: 'Fix the URL.',
    });
    const error = await caught(send({ method: 'GET', url: 'https://osv.internal/v1/vulns/X' }));
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(HttpTransportError);
    expect(error).toMatchObject({ kind: 'dns', code: 'ENOTFOUND', attempts: 1 });
    expect(error.message).toBe(
      'GET https://osv.internal/v1/vulns/X could not be reached: the host name osv.internal could not be resolved: no DNS on the runner for it, or a misspelt URL (ENOTFOUND). Fix the URL.',
    );
  });

  it('stops reading a streamed body (no content-length) at the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const send = createFetchTransport({
      maxResponseBytes: 4096,
      fetch: () => Promise.resolve(new Response(stream)),
    });
    const error = await caught(send({ method: 'GET', url: 'https://x/v1/vulns/A' }));
    expect(error).toMatchObject({ kind: 'too-large', status: 200 });
    expect(error.message).toContain('answered a body of more than 4096 bytes, the limit');
    expect(pulled).toBeLessThan(10);
  });

  it('returns answers it does not retry as they are, the body as text when it is not JSON', async () => {
    const send = createFetchTransport({
      fetch: () => Promise.resolve(new Response('not json', { status: 404, headers: { 'X-Thing': 'yes' } })),
    });
    expect(await send({ method: 'GET', url: 'https://x/v1/vulns/A' })).toEqual({
      status: 404,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-thing': 'yes' },
      json: undefined,
      text: 'not json',
    });
  });
});

describeRealWorld('online and offline sources agree on real records', () => {
  it('gives the same candidates for the same components (the fake matching by package)', async () => {
    const osv = path.join(REAL_WORLD, 'osv');
    const records: OsvRecord[] = [];
    for (const dir of readdirSync(osv, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const file of readdirSync(path.join(osv, dir.name))) {
        if (file.endsWith('.json'))
          records.push(JSON.parse(readFileSync(path.join(osv, dir.name, file), 'utf8')) as OsvRecord);
      }
    }
    const fake = await startFakeOsv({ records, matcher: byPackage, pageSize: 1 });
    try {
      const online = createOsvClient({ baseUrl: fake.url, transport: transport() });
      const offline = buildOfflineIndex(records);
      const components = [
        { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
        { ecosystem: 'Go', name: 'golang.org/x/net', version: '0.16.0' },
        { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1' },
        { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' },
      ] as const;
      const ids = (found: Map<number, OsvRecord[]>) =>
        [...found.values()].map((list) => list.map((r) => r.id).sort());
      const fromApi = ids(await online.lookup(components));
      expect(fromApi).toEqual(ids(await offline.lookup(components)));
      expect(fromApi[0]).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
      expect(fromApi[3]).toEqual([]);
      expect(fake.count('POST', '/v1/querybatch')).toBeGreaterThan(1); // pageSize 1 made it page
    } finally {
      await fake.close();
    }
  });
});
