/**
 * A stand-in for a release download host (GitHub releases, or a mirror of them) on 127.0.0.1,
 * for the tool installer's tests: it serves files by path, answers HEAD with the headers only,
 * redirects where told (GitHub answers 302 to a storage host), and records every request.
 *
 * - `files`: path → body. Anything else is 404 (text/plain), as is any method other than GET and
 *   HEAD (405 for those on a served path).
 * - `redirect(from, to, status)`: `to` is a path on this server or an absolute URL.
 * - Faults, like the other fakes': `status` (an answer with that status and an optional body) and
 *   `reset` (the socket is destroyed before any answer); each applies `times` times (default 1,
 *   Infinity for always) to the requests it matches (method and path, a string or a RegExp).
 *
 * `requests` records every request, those a fault answered included, with the status sent.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeDownloadRequest {
  method: string;
  /** Without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Undefined for a 'reset' fault. */
  status?: number;
  fault?: FakeDownloadFaultSpec['kind'];
}

export type FakeDownloadFaultSpec = { kind: 'status'; status: number; body?: string } | { kind: 'reset' };

export type FakeDownloadFault = FakeDownloadFaultSpec & {
  /** Case-insensitive; any method when omitted. */
  method?: string;
  /** Exact path, or a RegExp tested against it; any path when omitted. */
  path?: string | RegExp;
  /** Default 1. */
  times?: number;
};

export interface FakeDownloads {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly server: Server;
  readonly requests: FakeDownloadRequest[];
  /** Serve `body` at `path` (replacing what was there). */
  serve(path: string, body: Buffer | string, contentType?: string): void;
  /** Stop serving a path (a file or a redirect). */
  remove(path: string): void;
  /** Answer `from` with a redirect to `to` (a path here or an absolute URL). Default 302. */
  redirect(from: string, to: string, status?: 301 | 302 | 303 | 307 | 308): void;
  fault(rule: FakeDownloadFault): void;
  clearFaults(): void;
  /** Forget every file, redirect, fault and recorded request. */
  reset(): void;
  /** Requests received for this method and path (a RegExp is tested against the path). */
  count(method: string, path: string | RegExp): number;
  /** Stop listening and drop open connections. Idempotent. */
  close(): Promise<void>;
}

interface Served {
  body: Buffer;
  contentType: string;
}

interface ActiveFault {
  rule: FakeDownloadFault;
  remaining: number;
}

function normalise(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === 'string') return normalise(pattern) === path;
  pattern.lastIndex = 0;
  return pattern.test(path);
}

export async function startFakeDownloads(
  options: { files?: Record<string, Buffer | string> } = {},
): Promise<FakeDownloads> {
  const files = new Map<string, Served>();
  const redirects = new Map<string, { to: string; status: number }>();
  const faults: ActiveFault[] = [];
  const requests: FakeDownloadRequest[] = [];

  const serve = (path: string, body: Buffer | string, contentType = 'application/octet-stream'): void => {
    files.set(normalise(path), { body: Buffer.isBuffer(body) ? body : Buffer.from(body), contentType });
  };
  for (const [path, body] of Object.entries(options.files ?? {})) serve(path, body);

  const takeFault = (method: string, path: string): FakeDownloadFault | undefined => {
    const found = faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.rule.method === undefined || f.rule.method.toUpperCase() === method) &&
        matches(f.rule.path, path),
    );
    if (found) found.remaining -= 1;
    return found?.rule;
  };

  const server = createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const record: FakeDownloadRequest = { method, path, headers: req.headers };
    requests.push(record);
    req.resume();
    const send = (status: number, headers: Record<string, string>, body: Buffer): void => {
      record.status = status;
      res.writeHead(status, { ...headers, 'content-length': String(body.length) });
      res.end(method === 'HEAD' ? undefined : body);
    };
    const text = (status: number, message: string): void => {
      send(status, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from(message));
    };

    const fault = takeFault(method, path);
    if (fault) {
      record.fault = fault.kind;
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      text(fault.status, fault.body ?? `fake-downloads: fault ${fault.status}`);
      return;
    }
    const redirect = redirects.get(path);
    if (redirect) {
      send(redirect.status, { location: redirect.to }, Buffer.alloc(0));
      return;
    }
    const file = files.get(path);
    if (!file) {
      text(404, 'Not Found');
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      text(405, 'Method Not Allowed');
      return;
    }
    send(200, { 'content-type': file.contentType }, file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    serve,
    remove(path) {
      files.delete(normalise(path));
      redirects.delete(normalise(path));
    },
    redirect(from, to, status = 302) {
      redirects.set(normalise(from), { to, status });
    },
    fault(rule) {
      faults.push({ rule, remaining: rule.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    reset() {
      files.clear();
      redirects.clear();
      faults.length = 0;
      requests.length = 0;
    },
    count(method, path) {
      return requests.filter((r) => r.method === method.toUpperCase() && matches(path, r.path)).length;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
