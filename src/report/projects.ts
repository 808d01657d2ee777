/**
 * The per-project breakdown of a monorepo's report: for each project of the summary's `projects`
 * input (the discover action's `projects` output), how many new, fixed and existing findings lie
 * under its folder. Pure.
 *
 * Which project a finding belongs to, by its location's path (repository-relative, `/`):
 *
 * - the project whose folder holds the path at a folder boundary (`app` holds `app/main.go`, not
 *   `app2/main.go`); of nested projects (`services` and `services/api`), the deepest one, so every
 *   finding is counted once and the rows add up to the report's counts;
 * - else the root project (path `.`), when there is one: it holds everything no other project
 *   does, findings without a location and paths outside the repository included;
 * - else none: those are counted in `outside`.
 *
 * Ignored findings are not counted, as in the report's own counts. Paths compare case-sensitively,
 * as git does.
 */
import { isObject } from '../sarif/run-context.js';
import type { ReportFinding } from './model.js';

/** A project as the summary's `projects` input gives it (other fields, such as languages, dropped). */
export interface ProjectRef {
  name: string;
  /** Repository-relative folder with `/`, no `./` and no trailing `/`; `.` for the root. */
  path: string;
}

export interface StateCounts {
  new: number;
  existing: number;
  fixed: number;
}

export interface ProjectCounts extends StateCounts {
  name: string;
  path: string;
}

export interface ProjectBreakdown {
  /** One per project, in the order the input gives them, projects without findings included. */
  items: ProjectCounts[];
  /** Findings under no project's folder: only when there is no root project, and there are some. */
  outside?: StateCounts;
}

export const ROOT_PROJECT_PATH = '.';

/**
 * A project folder as the breakdown compares it: `/` separators, no `.` segments, no leading `./`
 * or trailing `/`; `.` (or empty) is the root. Undefined when it is absolute or leaves the
 * repository (`..`).
 */
export function normaliseProjectPath(raw: string): string | undefined {
  const slashed = raw.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return undefined;
  const parts = slashed.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return undefined;
  return parts.length === 0 ? ROOT_PROJECT_PATH : parts.join('/');
}

/**
 * A function from a finding's path to the index of its project in `projects` (paths normalised
 * and distinct), or -1 when none holds it. Each distinct path is looked up once.
 */
export function projectLocator(projects: readonly ProjectRef[]): (path: string | undefined) => number {
  const byPath = new Map<string, number>();
  projects.forEach((p, i) => {
    if (!byPath.has(p.path)) byPath.set(p.path, i);
  });
  const root = byPath.get(ROOT_PROJECT_PATH) ?? -1;
  byPath.delete(ROOT_PROJECT_PATH);
  const cache = new Map<string, number>();
  return (path) => {
    if (path === undefined) return root;
    const known = cache.get(path);
    if (known !== undefined) return known;
    let found = root;
    // The path itself, then each folder above it: the first (deepest) project folder wins.
    let at = path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
    for (;;) {
      const index = byPath.get(at);
      if (index !== undefined) {
        found = index;
        break;
      }
      const slash = at.lastIndexOf('/');
      if (slash <= 0) break;
      at = at.slice(0, slash);
    }
    cache.set(path, found);
    return found;
  };
}

/** The breakdown of the report's findings (ignored ones left out) over `projects`. */
export function countByProject(
  findings: readonly ReportFinding[],
  projects: readonly ProjectRef[],
): ProjectBreakdown {
  const items: ProjectCounts[] = projects.map((p) => ({
    name: p.name,
    path: p.path,
    new: 0,
    fixed: 0,
    existing: 0,
  }));
  const outside: StateCounts = { new: 0, fixed: 0, existing: 0 };
  const locate = projectLocator(projects);
  for (const f of findings) {
    if (f.ignored) continue;
    const counts = items[locate(f.location?.path)] ?? outside;
    counts[f.state]++;
  }
  const any = outside.new + outside.fixed + outside.existing > 0;
  return { items, ...(any ? { outside } : {}) };
}

// --- The input -------------------------------------------------------------------------------

export type ProjectsParse = { ok: true; projects: ProjectRef[] } | { ok: false; errors: string[] };

/** At most this many problems of one input are listed. */
const MAX_LISTED = 5;

/**
 * The projects of a JSON array of `{"name", "path"}` objects (other fields are ignored, so the
 * discover action's `projects` output fits as is). Names must be non-empty; paths relative to the
 * repository root, inside it, each project's its own.
 */
export function parseProjects(text: string): ProjectsParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`it is not JSON (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  if (!Array.isArray(value)) {
    const matrix = isObject(value) && Array.isArray(value.include);
    return {
      ok: false,
      errors: [
        `it is ${kind(value)}, not an array` +
          (matrix ? " (that is the discover action's 'matrix' output: give its 'projects' output)" : ''),
      ],
    };
  }
  const errors: string[] = [];
  const projects: ProjectRef[] = [];
  const seen = new Map<string, number>();
  (value as unknown[]).forEach((item, i) => {
    if (!isObject(item)) {
      errors.push(`[${i}] is ${kind(item)}, not an object with name and path`);
      return;
    }
    const { name, path } = item;
    const goodName = typeof name === 'string' && name.trim() !== '';
    if (!goodName) errors.push(`[${i}].name ${wanted(name, 'a non-empty string')}`);
    if (typeof path !== 'string') {
      errors.push(
        `[${i}].path ${wanted(path, "a string: the project's folder, relative to the repository root ('.' for the root)")}`,
      );
      return;
    }
    const normal = normaliseProjectPath(path);
    if (normal === undefined) {
      errors.push(`[${i}].path ${show(path)} must be relative to the repository root, and inside it`);
      return;
    }
    const twin = seen.get(normal);
    if (twin !== undefined) {
      errors.push(
        `[${i}].path ${show(path)} is the folder of [${twin}] too: give each project its own folder`,
      );
      return;
    }
    seen.set(normal, i);
    if (goodName) projects.push({ name: name.trim(), path: normal });
  });
  if (errors.length === 0) return { ok: true, projects };
  const more = errors.length - MAX_LISTED;
  return {
    ok: false,
    errors: more > 0 ? [...errors.slice(0, MAX_LISTED), `… and ${more} more`] : errors,
  };
}

/** "is missing (it must be …)" or "must be …, not …". */
function wanted(value: unknown, what: string): string {
  return value === undefined ? `is missing (it must be ${what})` : `must be ${what}, not ${kind(value)}`;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${show(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return 'an object';
}

function show(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text);
}
