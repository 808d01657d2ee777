/**
 * Reads an offline OSV database from disk, for air-gapped runners (part of the file-reading edge,
 * ADR 0007): either
 * - a directory, read recursively: every `*.json` file is one OSV record, every `*.yaml`/`*.yml`
 *   file one PyPA-style record (a clone of github/advisory-database, pypa/advisory-database, or
 *   an unpacked OSV export); other files and dot-folders (`.git`) are skipped; or
 * - a `.zip` in the layout of OSV's per-ecosystem exports
 *   (`https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip`): one `<ID>.json`
 *   per entry (entries in folders are read too).
 *
 * Returns `{ records, problems }`. A file or entry that cannot be used (not JSON, not a record,
 * above the per-record limit, a zip entry that is damaged or inflates past its declared size) is
 * a problem naming it, and the others are still read. What makes the whole database unusable (a
 * path that is neither, a zip that src/io/zip.ts refuses, more data than the overall limit) is
 * an `OsvDatabaseError`. Nothing is ever inflated or read past the limits: a zip's declared sizes
 * are checked before anything is inflated, and zip.ts stops inflating at the declared size. Zips
 * may be ZIP64 (OSV's npm and other large exports hold more than 65,535 records); their central
 * directory is read once (zip.ts's openZip), whatever the number of entries.
 *
 * YAML is read as YAML 1.2 with the core schema, but numbers are kept as the strings they are
 * written as: a version `3.10` stays `"3.10"`, and timestamps stay strings (`modified`).
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, type Tags } from 'yaml';
import type { OsvRecord } from '../vulns/osv-record.js';
import { openZip, type ZipEntry } from './zip.js';

export interface OsvDatabaseLimits {
  /** Largest record file or zip entry (uncompressed) read. Default 16 MiB. */
  maxRecordBytes: number;
  /** Largest total of record files or zip entries (uncompressed) read. Default 1 GiB. */
  maxTotalBytes: number;
  /** Largest zip file read. Default 1 GiB. */
  maxZipBytes: number;
  /** Most files a directory may hold (all kinds counted). Default 2,000,000. */
  maxFiles: number;
  /** Deepest folder nesting read. Default 32. */
  maxDepth: number;
}

export const DEFAULT_OSV_DATABASE_LIMITS: Readonly<OsvDatabaseLimits> = {
  maxRecordBytes: 16 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxZipBytes: 1024 * 1024 * 1024,
  maxFiles: 2_000_000,
  maxDepth: 32,
};

export interface OsvDatabaseProblem {
  /** The file: the record file in a directory, the zip itself for an entry. */
  file: string;
  /** The entry in the zip. */
  entry?: string;
  message: string;
}

export interface OsvDatabase {
  path: string;
  format: 'directory' | 'zip';
  records: OsvRecord[];
  problems: OsvDatabaseProblem[];
  /** Record files or entries looked at (records plus problems). */
  read: number;
}

/** The database cannot be read at all. */
export class OsvDatabaseError extends Error {
  readonly path: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`The offline OSV database ${file} cannot be read: ${reason}`, options);
    this.name = 'OsvDatabaseError';
    this.path = file;
  }
}

/** A directory or a `.zip`, told apart by what is on disk. */
export function readOsvDatabase(file: string, limits: Partial<OsvDatabaseLimits> = {}): OsvDatabase {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new OsvDatabaseError(file, describeFsError(error), { cause: error });
  }
  if (stats.isDirectory()) return readOsvDirectory(file, limits);
  if (stats.isFile()) return readOsvZip(file, limits);
  throw new OsvDatabaseError(file, 'it is neither a directory nor a file');
}

// --- Directories -------------------------------------------------------------------------------

export function readOsvDirectory(dir: string, limits: Partial<OsvDatabaseLimits> = {}): OsvDatabase {
  const limit = { ...DEFAULT_OSV_DATABASE_LIMITS, ...limits };
  const out: OsvDatabase = { path: dir, format: 'directory', records: [], problems: [], read: 0 };
  let total = 0;
  let files = 0;
  const stack: { dir: string; depth: number }[] = [{ dir, depth: 0 }];
  while (stack.length > 0) {
    const current = stack.pop() as { dir: string; depth: number };
    let names: string[];
    try {
      names = readdirSync(current.dir).sort();
    } catch (error) {
      if (current.dir === dir) throw new OsvDatabaseError(dir, describeFsError(error), { cause: error });
      out.problems.push({ file: current.dir, message: `cannot be listed: ${describeFsError(error)}` });
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      files += 1;
      if (files > limit.maxFiles) {
        throw new OsvDatabaseError(dir, `it holds more than ${limit.maxFiles} files, the limit`);
      }
      const file = path.join(current.dir, name);
      const format = recordFormat(name);
      let stats;
      try {
        const link = lstatSync(file);
        if (link.isSymbolicLink()) {
          stats = statSync(file);
          if (stats.isDirectory()) {
            out.problems.push({ file, message: 'is a symbolic link to a folder: not followed' });
            continue;
          }
        } else {
          stats = link;
        }
      } catch (error) {
        if (format) out.problems.push({ file, message: `cannot be read: ${describeFsError(error)}` });
        continue;
      }
      if (stats.isDirectory()) {
        if (current.depth + 1 > limit.maxDepth) {
          out.problems.push({ file, message: `is nested deeper than ${limit.maxDepth} folders: not read` });
        } else {
          subdirs.push(file);
        }
        continue;
      }
      if (!format || !stats.isFile()) continue;
      out.read += 1;
      if (stats.size > limit.maxRecordBytes) {
        out.problems.push({
          file,
          message: `is ${formatBytes(stats.size)}, above the ${formatBytes(limit.maxRecordBytes)} limit for one record: not read`,
        });
        continue;
      }
      total += stats.size;
      if (total > limit.maxTotalBytes) {
        throw new OsvDatabaseError(
          dir,
          `its records add up to more than ${formatBytes(limit.maxTotalBytes)}, the limit (raise it, or give one ecosystem's records only)`,
        );
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        out.problems.push({ file, message: `cannot be read: ${describeFsError(error)}` });
        continue;
      }
      if (bytes.length > limit.maxRecordBytes) {
        out.problems.push({
          file,
          message: `grew above the ${formatBytes(limit.maxRecordBytes)} limit while read: not read`,
        });
        continue;
      }
      const parsed = parseOsvRecord(bytes, format);
      if (parsed.ok) out.records.push(parsed.record);
      else out.problems.push({ file, message: parsed.message });
    }
    // Depth-first, in name order.
    for (const sub of subdirs.reverse()) stack.push({ dir: sub, depth: current.depth + 1 });
  }
  return out;
}

// --- Zips --------------------------------------------------------------------------------------

export function readOsvZip(file: string, limits: Partial<OsvDatabaseLimits> = {}): OsvDatabase {
  const limit = { ...DEFAULT_OSV_DATABASE_LIMITS, ...limits };
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new OsvDatabaseError(file, describeFsError(error), { cause: error });
  }
  if (size > limit.maxZipBytes) {
    throw new OsvDatabaseError(
      file,
      `it is ${formatBytes(size)}, above the ${formatBytes(limit.maxZipBytes)} limit for a zip`,
    );
  }
  let zip: Buffer;
  try {
    zip = readFileSync(file);
  } catch (error) {
    throw new OsvDatabaseError(file, describeFsError(error), { cause: error });
  }
  return readOsvZipBuffer(zip, file, limit);
}

/** The records of a zip held in memory; `file` names it in problems and errors. */
export function readOsvZipBuffer(
  zip: Buffer,
  file: string,
  limits: Partial<OsvDatabaseLimits> = {},
): OsvDatabase {
  const limit = { ...DEFAULT_OSV_DATABASE_LIMITS, ...limits };
  if (zip.length > limit.maxZipBytes) {
    throw new OsvDatabaseError(
      file,
      `it is ${formatBytes(zip.length)}, above the ${formatBytes(limit.maxZipBytes)} limit for a zip`,
    );
  }
  // The central directory is read once; each entry is then read from it (its local header, data,
  // inflate cap and CRC-32 checked by zip.ts), never re-parsing the directory per entry.
  const opened = openZip(zip);
  if (!opened.ok) {
    throw new OsvDatabaseError(
      file,
      `${opened.reason}. An offline database is a directory of OSV records, or a zip of them like OSV's <ecosystem>/all.zip.`,
    );
  }

  const out: OsvDatabase = { path: file, format: 'zip', records: [], problems: [], read: 0 };
  // First the plan (sizes as the zip declares them), then the reading, in entry order.
  const plan: ({ entry: ZipEntry; refused: string } | { entry: ZipEntry; format: 'json' | 'yaml' })[] = [];
  let total = 0;
  for (const entry of opened.entries) {
    if (entry.name.endsWith('/')) continue;
    const format = recordFormat(entry.name);
    if (!format) continue;
    out.read += 1;
    if (entry.uncompressedSize > limit.maxRecordBytes) {
      plan.push({
        entry,
        refused: `is ${formatBytes(entry.uncompressedSize)} uncompressed, above the ${formatBytes(limit.maxRecordBytes)} limit for one record (a zip bomb?): not inflated`,
      });
      continue;
    }
    total += entry.uncompressedSize;
    plan.push({ entry, format });
  }
  if (total > limit.maxTotalBytes) {
    throw new OsvDatabaseError(
      file,
      `its entries add up to ${formatBytes(total)} uncompressed, above the ${formatBytes(limit.maxTotalBytes)} limit (a zip bomb, or a database to split by ecosystem): nothing was inflated`,
    );
  }
  for (const step of plan) {
    if ('refused' in step) {
      out.problems.push({ file, entry: step.entry.name, message: step.refused });
      continue;
    }
    const { entry, format } = step;
    const data = opened.read(entry, { maxEntryBytes: limit.maxRecordBytes });
    if (!data.ok) {
      out.problems.push({ file, entry: entry.name, message: data.reason });
      continue;
    }
    const parsed = parseOsvRecord(data.data, format);
    if (parsed.ok) out.records.push(parsed.record);
    else out.problems.push({ file, entry: entry.name, message: parsed.message });
  }
  return out;
}

// --- Records -----------------------------------------------------------------------------------

export type ParsedOsvRecord = { ok: true; record: OsvRecord } | { ok: false; message: string };

/** YAML 1.2 core, without the number tags: scalars that look like numbers stay strings. */
const withoutNumbers = (tags: Tags): Tags =>
  tags.filter((tag) => {
    const name = typeof tag === 'string' ? tag : tag.tag;
    return name !== 'tag:yaml.org,2002:int' && name !== 'tag:yaml.org,2002:float';
  });

/** One OSV record from the bytes of a file or entry. */
export function parseOsvRecord(bytes: Uint8Array, format: 'json' | 'yaml'): ParsedOsvRecord {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'is not UTF-8 text' };
  }
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `is not valid JSON: ${errorMessage(error)}` };
    }
  } else {
    try {
      value = parseYaml(text, {
        version: '1.2',
        schema: 'core',
        customTags: withoutNumbers,
        uniqueKeys: true,
        maxAliasCount: 100,
        logLevel: 'error',
      });
    } catch (error) {
      return { ok: false, message: `is not valid YAML: ${errorMessage(error)}` };
    }
    // Aliases make shared or even circular structures (`a: &a [*a]`); a record is a tree of JSON
    // values, as the API would have sent it, so it goes through JSON once.
    try {
      value = value === undefined ? null : JSON.parse(JSON.stringify(value));
    } catch {
      return { ok: false, message: 'is not an OSV record: its YAML aliases make it refer to itself' };
    }
  }
  const kind = format === 'json' ? 'JSON' : 'YAML';
  if (typeof value !== 'object' || value === null) {
    return {
      ok: false,
      message: `is not an OSV record: it holds ${value === null ? 'null' : `a ${typeof value}`}, not an object`,
    };
  }
  if (Array.isArray(value)) {
    return { ok: false, message: `is not an OSV record: it holds a ${kind} list, not one record` };
  }
  const id = (value as { id?: unknown }).id;
  if (typeof id !== 'string' || id.trim() === '') {
    return { ok: false, message: 'is not an OSV record: it has no "id" string' };
  }
  // eslint-disable-next-line no-control-regex
  if (id.length > 200 || /[\s\u0000-\u001f\u007f-\u009f]/.test(id)) {
    return {
      ok: false,
      message: `is not an OSV record: its id ${JSON.stringify(id.slice(0, 60))} is not an identifier`,
    };
  }
  return { ok: true, record: value as OsvRecord };
}

function recordFormat(name: string): 'json' | 'yaml' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return errorMessage(error);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1).replace(/\.0$/, '')} GiB`;
}
