import { afterEach, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { startFakeDownloads, type FakeDownloads } from './fake-downloads.js';

let fake: FakeDownloads | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(files?: Record<string, Buffer | string>): Promise<FakeDownloads> {
  fake = await startFakeDownloads(files ? { files } : {});
  return fake;
}

/** fetch does not follow here (redirect: 'manual') so each hop is seen. */
const get = (url: string, method = 'GET') => fetch(url, { method, redirect: 'manual' });

describe('fake downloads server', () => {
  it('listens on loopback and serves files by path with GET and HEAD', async () => {
    const server = await start({ '/a/b/tool.tar.gz': Buffer.from([1, 2, 3]) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const got = await get(`${server.url}/a/b/tool.tar.gz`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe('3');
    expect([...new Uint8Array(await got.arrayBuffer())]).toEqual([1, 2, 3]);
    const head = await get(`${server.url}/a/b/tool.tar.gz?x=1`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('3');
    expect(await head.text()).toBe('');
    expect(server.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/a/b/tool.tar.gz', 200],
      ['HEAD', '/a/b/tool.tar.gz', 200],
    ]);
    expect(server.count('get', '/a/b/tool.tar.gz')).toBe(1);
    expect(server.count('HEAD', /tool/)).toBe(1);
  });

  it('answers 404 for an unknown path and 405 for other methods', async () => {
    const server = await start();
    server.serve('file', 'text');
    expect((await get(`${server.url}/nothing`)).status).toBe(404);
    expect((await get(`${server.url}/file`, 'POST')).status).toBe(405);
    server.remove('/file');
    expect((await get(`${server.url}/file`)).status).toBe(404);
  });

  it('redirects to a path here or elsewhere', async () => {
    const server = await start({ '/storage/blob': 'payload' });
    server.redirect('/releases/download/v1/tool', '/storage/blob');
    server.redirect('/moved', 'https://example.invalid/x', 301);
    const first = await get(`${server.url}/releases/download/v1/tool`);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/storage/blob');
    expect(await (await fetch(`${server.url}/releases/download/v1/tool`)).text()).toBe('payload');
    const moved = await get(`${server.url}/moved`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://example.invalid/x');
  });

  it('applies status faults the given number of times', async () => {
    const server = await start({ '/f': 'ok' });
    server.fault({ kind: 'status', status: 503, method: 'get', path: '/f', times: 2 });
    server.fault({ kind: 'status', status: 500, method: 'HEAD', body: 'boom' });
    expect((await get(`${server.url}/f`)).status).toBe(503);
    const head = await get(`${server.url}/f`, 'HEAD');
    expect(head.status).toBe(500);
    expect((await get(`${server.url}/f`)).status).toBe(503);
    expect(await (await get(`${server.url}/f`)).text()).toBe('ok');
    expect(server.requests.map((r) => r.fault)).toEqual(['status', 'status', 'status', undefined]);
  });

  it('resets the connection on a reset fault', async () => {
    const server = await start({ '/f': 'ok' });
    server.fault({ kind: 'reset', path: /^\/f$/ });
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const req = request(`${server.url}/f`, () => {
        reject(new Error('answered'));
      });
      req.on('error', resolve);
      req.end();
    });
    expect(error.code).toBe('ECONNRESET');
    expect(server.requests[0]).toMatchObject({ path: '/f', fault: 'reset' });
    expect(server.requests[0]?.status).toBeUndefined();
  });

  it('forgets faults, files and requests on demand', async () => {
    const server = await start({ '/f': 'ok' });
    server.redirect('/r', '/f');
    server.fault({ kind: 'status', status: 500, times: Infinity });
    expect((await get(`${server.url}/f`)).status).toBe(500);
    server.clearFaults();
    expect((await get(`${server.url}/f`)).status).toBe(200);
    server.remove('/r');
    expect((await get(`${server.url}/r`)).status).toBe(404);
    server.reset();
    expect(server.requests).toEqual([]);
    expect((await get(`${server.url}/f`)).status).toBe(404);
  });

  it('closes idempotently', async () => {
    const server = await start();
    await Promise.all([server.close(), server.close()]);
    expect(server.server.listening).toBe(false);
  });
});
