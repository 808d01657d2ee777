// Several dependency-changes.json files as one (src/report/dependency-merge.ts): a monorepo's
// reviews, one per project, merged for the one summary. The merged file is still a valid one.
import { describe, expect, it } from '@jest/globals';
import { mergeDependencyChanges } from '../../src/report/dependency-merge.js';
import { summariseDependencyChanges } from '../../src/report/dependencies.js';
import type { ChangesEntry, DependencyChanges } from '../../src/vulns/changes-json.js';
import { validateDependencyChanges } from '../../src/vulns/changes-validate.js';

function entry(manifest: string, name: string, to: string, vulnerable = false): ChangesEntry {
  const ecosystem = manifest.endsWith('go.mod') ? 'Go' : 'npm';
  const purl = `pkg:${ecosystem === 'Go' ? 'golang' : 'npm'}/${name}@${to}`;
  return {
    change: 'added',
    ecosystem,
    name,
    manifest,
    to,
    package: { ecosystem, name, version: to, purl, manifest, line: 3, direct: true, scope: 'prod' },
    vulnerabilities: vulnerable
      ? [{ id: `GHSA-${name}`, aliases: [], summary: 'bad', severity: 'high', fixedIn: '9.9.9' }]
      : [],
    ...(vulnerable ? { fix: { version: '9.9.9' } } : {}),
  };
}

/** A review of one project's manifest, as the dependency-review action writes it. */
function review(
  manifest: string,
  entries: ChangesEntry[],
  overrides: Partial<DependencyChanges> = {},
): DependencyChanges {
  const vulnerable = entries
    .filter((e) => e.vulnerabilities.length > 0)
    .map((e) => ({
      ...e.package,
      change: e.change,
      vulnerabilities: e.vulnerabilities,
      ...(e.fix ? { fix: e.fix } : {}),
    }));
  return {
    schemaVersion: '1.0',
    tool: { name: 'Paved Path dependency review', version: '0.1.0' },
    mode: 'pull-request',
    base: 'a'.repeat(40),
    head: 'b'.repeat(40),
    manifests: [{ file: manifest, format: 'lockfile', ecosystem: 'npm', components: entries.length }],
    changes: entries,
    vulnerable,
    unpinned: [],
    newLicenses: [],
    licenses: [],
    problems: [],
    counts: {
      added: entries.length,
      removed: 0,
      changed: 0,
      vulnerable: vulnerable.length,
      advisories: vulnerable.length,
    },
    ...overrides,
  };
}

const node = review('node-service/package-lock.json', [
  entry('node-service/package-lock.json', 'lodash', '4.17.20', true),
  entry('node-service/package-lock.json', 'left-pad', '1.3.0'),
]);
const go = review('go-service/go.mod', [entry('go-service/go.mod', 'golang.org/x/net', '0.1.0', true)]);

describe('mergeDependencyChanges', () => {
  it('has nothing to merge without files, and returns one file as it is', () => {
    expect(mergeDependencyChanges([])).toBeUndefined();
    const one = mergeDependencyChanges([{ file: 'node.json', changes: node }]);
    expect(one?.changes).toBe(node);
    expect(one?.diagnostics).toEqual([]);
  });

  it('concatenates the changes of each project, in file order, and counts them again', () => {
    const merged = mergeDependencyChanges([
      { file: 'go/dependency-changes.json', changes: go },
      { file: 'node/dependency-changes.json', changes: node },
    ]);
    expect(merged?.diagnostics).toEqual([]);
    const changes = merged!.changes;
    expect(changes.changes.map((c) => c.name)).toEqual(['golang.org/x/net', 'lodash', 'left-pad']);
    expect(changes.manifests.map((m) => m.file)).toEqual([
      'go-service/go.mod',
      'node-service/package-lock.json',
    ]);
    expect(changes.vulnerable.map((v) => v.name)).toEqual(['golang.org/x/net', 'lodash']);
    expect(changes.counts).toEqual({ added: 3, removed: 0, changed: 0, vulnerable: 2, advisories: 2 });
    expect(changes).toMatchObject({ mode: 'pull-request', base: 'a'.repeat(40), head: 'b'.repeat(40) });
    expect(validateDependencyChanges(JSON.parse(JSON.stringify(changes)))).toMatchObject({ ok: true });
    // The report's dependency section shows both projects' packages.
    expect(
      summariseDependencyChanges(changes)
        .changes.map((r) => r.manifest)
        .sort(),
    ).toEqual(['go-service/go.mod', 'node-service/package-lock.json', 'node-service/package-lock.json']);
  });

  it('keeps an entry two files share once (two reviews of one manifest)', () => {
    const withLicences = (license: string, component: string): DependencyChanges => ({
      ...node,
      newLicenses: [{ license, components: [component] }],
      unpinned: [{ ecosystem: 'npm', name: 'x', spec: '^1', manifest: 'node-service/package.json', line: 4 }],
      problems: [{ level: 'warning', file: 'node-service/package-lock.json', message: 'lenient' }],
    });
    const merged = mergeDependencyChanges([
      { file: 'a.json', changes: withLicences('MIT', 'lodash@4.17.20') },
      { file: 'b.json', changes: withLicences('MIT', 'left-pad@1.3.0') },
    ])!.changes;
    expect(merged.changes).toHaveLength(2);
    expect(merged.vulnerable).toHaveLength(1);
    expect(merged.manifests).toHaveLength(1);
    expect(merged.unpinned).toHaveLength(1);
    expect(merged.problems).toHaveLength(1);
    expect(merged.newLicenses).toEqual([
      { license: 'MIT', components: ['lodash@4.17.20', 'left-pad@1.3.0'] },
    ]);
    expect(merged.counts).toEqual({ added: 2, removed: 0, changed: 0, vulnerable: 1, advisories: 1 });
  });

  it('leaves out a file of another mode, with an error naming it', () => {
    const full = review('python-service/requirements.txt', [], { mode: 'full' });
    const merged = mergeDependencyChanges([
      { file: 'go.json', changes: go },
      { file: 'python.json', changes: full },
      { file: 'node.json', changes: node },
    ]);
    expect(merged?.changes.changes).toHaveLength(3);
    expect(merged?.changes.manifests.map((m) => m.file)).not.toContain('python-service/requirements.txt');
    expect(merged?.diagnostics).toEqual([
      {
        level: 'error',
        file: 'python.json',
        message: 'is a full review, but go.json is a pull-request review: its changes were left out',
        hint: 'Give the summary the dependency-changes files of one workflow run (one event)',
      },
    ]);
  });

  it('drops base and head when the files disagree on them, with a warning, and merges all the same', () => {
    const other = { ...node, head: 'c'.repeat(40) };
    const merged = mergeDependencyChanges([
      { file: 'go.json', changes: go },
      { file: 'node.json', changes: other },
    ]);
    expect(merged?.changes.changes).toHaveLength(3);
    expect(merged?.changes).not.toHaveProperty('base');
    expect(merged?.changes).not.toHaveProperty('head');
    expect(merged?.diagnostics).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: 'node.json',
        message: `compares ${'a'.repeat(40)}..${'c'.repeat(40)}, but go.json compares ${'a'.repeat(40)}..${'b'.repeat(40)}: merged all the same, without base and head`,
      }),
    ]);
    expect(validateDependencyChanges(JSON.parse(JSON.stringify(merged?.changes)))).toMatchObject({
      ok: true,
    });
  });

  it('keeps base and head absent when no file has them (full reviews)', () => {
    const a = review('a/package-lock.json', [], { mode: 'full' });
    const b = review('b/package-lock.json', [], { mode: 'full' });
    delete a.base;
    delete a.head;
    delete b.base;
    delete b.head;
    const merged = mergeDependencyChanges([
      { file: 'a.json', changes: a },
      { file: 'b.json', changes: b },
    ]);
    expect(merged?.diagnostics).toEqual([]);
    expect(merged?.changes.mode).toBe('full');
    expect(merged?.changes).not.toHaveProperty('base');
  });
});
