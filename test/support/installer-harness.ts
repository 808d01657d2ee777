/**
 * What the installers' end-to-end tests share (test/tools/install-tool.test.ts,
 * test/sast/install-binary.test.ts, test/sast/install-python.test.ts): a scratch folder and a
 * loopback download server for the file's tests, and a driver (a fixtures/*-driver.mjs, set up by
 * driver-setup.mjs) run in a Node process of its own, as an action runs, on the TypeScript sources.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { type FakeDownloads, startFakeDownloads } from './fake-downloads.js';
import { REPO_ROOT } from './runner.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

/**
 * Why this Node cannot run the drivers, or undefined when it can: they need type stripping and
 * module.registerHooks, Node 22.15 and later.
 */
export const CANNOT_RUN_SOURCES =
  major > 22 || (major === 22 && minor >= 15)
    ? undefined
    : `Node ${process.versions.node} cannot run the TypeScript sources directly (22.15 or later is needed)`;

export interface ScratchAndDownloads {
  /** A folder under the system's temporary folder. */
  readonly scratch: string;
  readonly server: FakeDownloads;
}

/**
 * Registers hooks in the block it is called in: before its tests, a scratch folder (named from
 * `prefix`) and a loopback download server; after them, the server closed and the folder removed.
 * Read the fields in hooks and tests only: they are set when the block's tests start.
 */
export function useScratchAndDownloads(prefix: string): ScratchAndDownloads {
  let scratch: string | undefined;
  let server: FakeDownloads | undefined;
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), prefix));
    server = await startFakeDownloads();
  });
  afterAll(async () => {
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  const made = <T>(value: T | undefined, name: string): T => {
    if (value === undefined)
      throw new Error(`the ${name} is made before the tests, not while they are collected`);
    return value;
  };
  return {
    get scratch() {
      return made(scratch, 'scratch folder');
    },
    get server() {
      return made(server, 'download server');
    },
  };
}

/**
 * Runs `driver` on `request` (given `repoRoot` and `resultFile` besides) in a child process with
 * only PATH, HOME and `env` in its environment, and returns what it wrote to its result file.
 * Asynchronous, so that a fake server in this process can answer it. Throws with the process's
 * output when it fails or writes no result.
 */
export async function spawnDriver<T>(
  driver: string,
  request: Record<string, unknown>,
  options: { scratch: string; env?: Record<string, string> },
): Promise<T> {
  const { scratch, env = {} } = options;
  const dir = mkdtempSync(path.join(scratch, 'driver-'));
  const resultFile = path.join(dir, 'result.json');
  const requestFile = path.join(dir, 'request.json');
  writeFileSync(requestFile, JSON.stringify({ repoRoot: REPO_ROOT, ...request, resultFile }));
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', driver, requestFile],
    {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? scratch, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0 || !existsSync(resultFile)) throw new Error(`driver exited ${String(code)}:\n${output}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
}
