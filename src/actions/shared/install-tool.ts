/**
 * Makes an external tool (syft, gosec, opengrep) available to an action, in this order:
 *
 * 1. a binary on PATH whose version is within the catalogue's allowed range, used as is (how
 *    air-gapped runners and tests provide tools);
 * 2. the runner's tool cache (`tc.find`), filled by an earlier install of the pinned version;
 * 3. a download of the pinned release asset (src/tools/catalogue.ts) from its GitHub release, or
 *    the same file name under `mirror`. Its SHA-256 is checked before anything is extracted: a
 *    mismatch deletes the file and stops the run. Then it is extracted and cached (`tc.cacheDir`).
 *
 * Every failure is a ToolInstallError (a ConfigurationError: one clear message, no stack) that
 * says which tool and version, what went wrong where, and how to fix it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import {
  TOOLS,
  TOOL_NAMES,
  isAllowedVersion,
  isToolName,
  parseVersionOutput,
  selectAsset,
  supportedPlatforms,
  type ToolAsset,
  type ToolEntry,
  type ToolName,
} from '../../tools/catalogue.js';
import { engineEnvironment } from './environment.js';
import { ConfigurationError } from './errors.js';

export interface EnsureToolOptions {
  /** A base URL that serves the release assets under their own file names (air-gapped runners). */
  mirror?: string;
  /** Directories searched for an installed binary, `path.delimiter`-separated. Default: PATH. */
  searchPath?: string;
  /** Node's names; default: this machine's. */
  platform?: string;
  arch?: string;
  /** Progress lines. Default: core.info. */
  log?: (message: string) => void;
}

export interface InstalledTool {
  name: ToolName;
  /** The version in use: the pinned one, or what the binary on PATH printed. */
  version: string;
  /** Absolute path of the executable. */
  path: string;
  from: 'path' | 'cache' | 'download';
  /** What was downloaded (from 'download' only). */
  url?: string;
}

export type ToolInstallFailure = 'unsupported-platform' | 'no-tool-cache' | 'download' | 'digest' | 'archive';

export class ToolInstallError extends ConfigurationError {
  readonly tool: ToolName;
  readonly version: string;
  readonly failure: ToolInstallFailure;
  constructor(entry: ToolEntry, failure: ToolInstallFailure, message: string) {
    super(message);
    this.name = 'ToolInstallError';
    this.tool = entry.name;
    this.version = entry.version;
    this.failure = failure;
  }
}

/** The tool from the catalogue by name, or an entry given as is (tests inject their own). */
export async function ensureTool(
  tool: ToolName | ToolEntry,
  options: EnsureToolOptions = {},
): Promise<InstalledTool> {
  if (typeof tool === 'string' && !isToolName(tool)) {
    throw new ConfigurationError(
      `'${String(tool)}' is not a tool Paved Path installs (it knows ${TOOL_NAMES.join(', ')}).`,
    );
  }
  const entry = typeof tool === 'string' ? TOOLS[tool] : tool;
  const log =
    options.log ??
    ((message: string) => {
      core.info(message);
    });
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const mirror = options.mirror?.trim() ? checkMirror(options.mirror.trim()) : undefined;
  const onPath = `put ${entry.name} ${entry.allowed} on PATH`;

  const found = await findOnPath(entry, options.searchPath ?? process.env.PATH ?? '', platform, log);
  if (found) return found;

  const asset = selectAsset(entry, platform, arch);
  if (!asset) {
    throw new ToolInstallError(
      entry,
      'unsupported-platform',
      `Paved Path has no pinned download of ${entry.name} ${entry.version} for ${platform}-${arch} ` +
        `(it has ${supportedPlatforms(entry).join(', ')}). Install ${entry.name} and ${onPath}.`,
    );
  }
  if (!process.env.RUNNER_TOOL_CACHE || !process.env.RUNNER_TEMP) {
    throw new ToolInstallError(
      entry,
      'no-tool-cache',
      `${entry.name} is not on PATH at a version within ${entry.allowed}, and it cannot be installed here: ` +
        `RUNNER_TOOL_CACHE and RUNNER_TEMP are not set (this is not a GitHub Actions runner). ${cap(onPath)}.`,
    );
  }

  const cached = tc.find(entry.name, entry.version, arch);
  if (cached && existsSync(path.join(cached, asset.binary))) {
    log(`${entry.name} ${entry.version}: found in the tool cache (${cached}).`);
    return { name: entry.name, version: entry.version, path: path.join(cached, asset.binary), from: 'cache' };
  }
  return download(entry, asset, arch, mirror, log);
}

async function download(
  entry: ToolEntry,
  asset: ToolAsset,
  arch: string,
  mirror: string | undefined,
  log: (message: string) => void,
): Promise<InstalledTool> {
  const url = mirror ? `${mirror.replace(/\/+$/, '')}/${encodeURIComponent(asset.file)}` : asset.url;
  const what = `${entry.name} ${entry.version} (${asset.file})`;
  const fix = mirror
    ? `Check that the mirror ${mirror} serves ${asset.file}, the unchanged release asset from ${entry.releasePage}; or put ${entry.name} ${entry.allowed} on PATH.`
    : `Check that the runner can reach ${new URL(url).host} (a firewall or proxy?); on an air-gapped runner set the mirror to a server that holds ${asset.file}, or put ${entry.name} ${entry.allowed} on PATH.`;

  log(`${entry.name} ${entry.version}: downloading ${url}`);
  let file: string;
  try {
    file = await tc.downloadTool(url);
  } catch (error) {
    const status = (error as { httpStatusCode?: unknown }).httpStatusCode;
    const why =
      typeof status === 'number'
        ? `the server answered HTTP ${status}`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new ToolInstallError(entry, 'download', `Could not download ${what} from ${url}: ${why}. ${fix}`);
  }

  const actual = await sha256File(file);
  if (actual !== asset.sha256.toLowerCase()) {
    rmSync(file, { force: true });
    throw new ToolInstallError(
      entry,
      'digest',
      `Refusing to install ${entry.name} ${entry.version}: the SHA-256 of ${asset.file} downloaded from ${url} ` +
        `is ${actual}, but Paved Path pins ${asset.sha256} for it. The file was deleted; nothing was ` +
        `extracted or cached. ` +
        (mirror
          ? `The mirror ${mirror} serves a different file under that name: replace it with the release asset from ${entry.releasePage}, `
          : `The download was altered on its way (a proxy rewriting it?) or the release asset was replaced: retry later or use a mirror holding the asset from ${entry.releasePage}, `) +
        `or put ${entry.name} ${entry.allowed} on PATH.`,
    );
  }
  log(`${entry.name} ${entry.version}: SHA-256 ${actual} matches the pinned digest.`);

  let toolDir: string;
  try {
    if (asset.archive === 'binary') {
      toolDir = await tc.cacheFile(file, asset.binary, entry.name, entry.version, arch);
    } else {
      const extracted = asset.archive === 'zip' ? await tc.extractZip(file) : await tc.extractTar(file);
      try {
        if (!isFile(path.join(extracted, asset.binary))) {
          throw new ToolInstallError(
            entry,
            'archive',
            `${asset.file} from ${url} matches its pinned digest but holds no ${asset.binary}: the catalogue ` +
              `entry for ${entry.name} is wrong (src/tools/catalogue.ts). Put ${entry.name} ${entry.allowed} on PATH meanwhile.`,
          );
        }
        toolDir = await tc.cacheDir(extracted, entry.name, entry.version, arch);
      } finally {
        rmSync(extracted, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(file, { force: true });
  }
  const binary = path.join(toolDir, asset.binary);
  if (process.platform !== 'win32') chmodSync(binary, 0o755);
  log(`${entry.name} ${entry.version}: installed at ${binary}.`);
  return { name: entry.name, version: entry.version, path: binary, from: 'download', url };
}

/** The first binary on the search path whose version is allowed, or undefined (rejects are logged). */
export async function findOnPath(
  entry: ToolEntry,
  searchPath: string,
  platform: string,
  log: (message: string) => void,
): Promise<InstalledTool | undefined> {
  const names = platform === 'win32' ? [`${entry.name}.exe`] : [entry.name];
  const seen = new Set<string>();
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (seen.has(candidate) || !isExecutable(candidate)) continue;
      seen.add(candidate);
      const run = await runVersion(candidate, entry.versionArgs);
      const version = parseVersionOutput(entry, run.stdout) ?? parseVersionOutput(entry, run.stderr);
      if (version !== undefined && isAllowedVersion(entry, version)) {
        log(`${entry.name} ${version}: using ${candidate} (within ${entry.allowed}).`);
        return { name: entry.name, version, path: candidate, from: 'path' };
      }
      const said =
        version !== undefined
          ? `is version ${version}, outside ${entry.allowed}`
          : `printed no version for \`${entry.name} ${entry.versionArgs.join(' ')}\`${run.error ? ` (${run.error})` : ''}`;
      log(`${entry.name} at ${candidate} ${said}: not used.`);
    }
  }
  return undefined;
}

interface VersionRun {
  stdout: string;
  stderr: string;
  error?: string;
}

function runVersion(file: string, args: readonly string[]): Promise<VersionRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        timeout: 30_000,
        maxBuffer: 1024 * 1024,
        windowsHide: true,
        encoding: 'utf8',
        env: engineEnvironment(),
      },
      (error, stdout, stderr) => {
        const run: VersionRun = { stdout, stderr };
        if (error) run.error = error.message.split('\n')[0] ?? error.message;
        resolve(run);
      },
    );
  });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checkMirror(mirror: string): string {
  let protocol: string;
  try {
    protocol = new URL(mirror).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new ConfigurationError(
      `The tool mirror '${mirror}' is not an http(s) URL. Set it to the base URL of a server that serves the release assets under their file names.`,
    );
  }
  return mirror;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isExecutable(file: string): boolean {
  if (!isFile(file)) return false;
  if (process.platform === 'win32') return true;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
