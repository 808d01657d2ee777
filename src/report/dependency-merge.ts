/**
 * Several dependency-changes.json files as one (a monorepo: one dependency review per project, one
 * summary). Pure. The rule:
 *
 * - one file is returned as it is;
 * - `mode` must agree: a file whose mode is not the first file's (files sorted by path) is left
 *   out, with an error naming it (its rows would mean something else: changes versus every package);
 * - `base` and `head` are kept when every file gives the same (or none); otherwise they are dropped,
 *   with a warning naming the first file that differs (the files are still merged);
 * - `tool` is the first file's; `schemaVersion` is the one version the schema allows;
 * - the lists are concatenated in file order, an entry two files both have (two reviews of one
 *   manifest) kept once: `changes` by manifest, package, change and versions; `vulnerable` and
 *   `licenses` by manifest and purl (and reason); `manifests` by file; `unpinned` by manifest,
 *   line and name; `problems` by file, line and message; `newLicenses` by licence, their
 *   packages united;
 * - `counts` are counted again from the merged lists, as the review counts them.
 */
import type { Diagnostic } from '../sarif/diagnostics.js';
import type { DependencyChanges } from '../vulns/changes-json.js';

export interface ChangesFile {
  /** As the user sees it (relative to the workspace). */
  file: string;
  changes: DependencyChanges;
}

export interface MergedChanges {
  changes: DependencyChanges;
  /** Files left out (error) or merged with a caveat (warning). */
  diagnostics: Diagnostic[];
}

function unique<T>(lists: readonly (readonly T[])[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}

/** The files as one; undefined when there are none. */
export function mergeDependencyChanges(files: readonly ChangesFile[]): MergedChanges | undefined {
  const [first, ...rest] = files;
  if (!first) return undefined;
  if (rest.length === 0) return { changes: first.changes, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const mode = first.changes.mode;
  const kept = [first];
  for (const f of rest) {
    if (f.changes.mode === mode) kept.push(f);
    else
      diagnostics.push({
        level: 'error',
        file: f.file,
        message: `is a ${f.changes.mode} review, but ${first.file} is a ${mode} review: its changes were left out`,
        hint: 'Give the summary the dependency-changes files of one workflow run (one event)',
      });
  }
  const commits = (c: DependencyChanges) =>
    c.base === undefined && c.head === undefined ? 'no commits' : `${c.base ?? '?'}..${c.head ?? '?'}`;
  const differs = kept.find((f) => commits(f.changes) !== commits(first.changes));
  if (differs) {
    diagnostics.push({
      level: 'warning',
      file: differs.file,
      message: `compares ${commits(differs.changes)}, but ${first.file} compares ${commits(first.changes)}: merged all the same, without base and head`,
      hint: 'Give the summary the dependency-changes files of one workflow run',
    });
  }
  const all = kept.map((f) => f.changes);
  const licenses = new Map<string, string[]>();
  for (const c of all) {
    for (const l of c.newLicenses) {
      const components = licenses.get(l.license) ?? [];
      for (const name of l.components) if (!components.includes(name)) components.push(name);
      licenses.set(l.license, components);
    }
  }
  const changes = unique(
    all.map((c) => c.changes),
    (e) => [e.manifest, e.ecosystem, e.name, e.change, e.from ?? '', e.to ?? ''].join('\0'),
  );
  const vulnerable = unique(
    all.map((c) => c.vulnerable),
    (v) => `${v.manifest}\0${v.purl}`,
  );
  const count = (kind: (typeof changes)[number]['change']) => changes.filter((c) => c.change === kind).length;
  return {
    changes: {
      schemaVersion: first.changes.schemaVersion,
      tool: first.changes.tool,
      mode,
      ...(differs || first.changes.base === undefined ? {} : { base: first.changes.base }),
      ...(differs || first.changes.head === undefined ? {} : { head: first.changes.head }),
      manifests: unique(
        all.map((c) => c.manifests),
        (m) => m.file,
      ),
      changes,
      vulnerable,
      unpinned: unique(
        all.map((c) => c.unpinned),
        (u) => `${u.manifest}\0${u.line}\0${u.name}`,
      ),
      newLicenses: [...licenses].map(([license, components]) => ({ license, components })),
      licenses: unique(
        all.map((c) => c.licenses),
        (l) => `${l.manifest}\0${l.purl}\0${l.reason}`,
      ),
      problems: unique(
        all.map((c) => c.problems),
        (p) => `${p.file}\0${p.line ?? ''}\0${p.message}`,
      ),
      counts: {
        added: count('added'),
        removed: count('removed'),
        changed: count('changed'),
        vulnerable: vulnerable.length,
        advisories: new Set(vulnerable.flatMap((v) => v.vulnerabilities.map((x) => x.id))).size,
      },
    },
    diagnostics,
  };
}
