import { describe, expect, it } from '@jest/globals';
import { type Component, type ParsedManifest, purlFor } from '../../src/inventory/component.js';
import { diffComponents, diffManifests, type VersionCompare } from '../../src/inventory/diff.js';
import { discoverManifests, isSkippedPath } from '../../src/inventory/discover.js';

/** Dotted-numeric order, enough for these cases. */
const compare: VersionCompare = (_e, a, b) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  if ([...x, ...y].some(Number.isNaN)) return undefined;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
};
const c = (name: string, version: string, ecosystem: Component['ecosystem'] = 'npm'): Component => ({
  ecosystem,
  name,
  version,
  purl: purlFor(ecosystem, name, version),
  direct: true,
  scope: 'prod',
  manifest: 'package-lock.json',
});
const summary = (changes: ReturnType<typeof diffComponents>) =>
  changes.map(
    (x) => `${x.change} ${x.name} ${x.from ?? ''}>${x.to ?? ''}${x.direction ? ` ${x.direction}` : ''}`,
  );

describe('diffComponents', () => {
  it('added, removed, changed up and down, unchanged left out', () => {
    const base = [c('a', '1.0.0'), c('b', '2.0.0'), c('c', '3.0.0'), c('same', '1.0.0')];
    const head = [c('b', '2.1.0'), c('c', '2.9.0'), c('d', '1.0.0'), c('same', '1.0.0')];
    expect(summary(diffComponents('package-lock.json', base, head, compare))).toEqual([
      'added d >1.0.0',
      'changed b 2.0.0>2.1.0 up',
      'changed c 3.0.0>2.9.0 down',
      'removed a 1.0.0>',
    ]);
  });
  it('a package at several versions: pairs in version order, the rest added or removed', () => {
    const base = [c('lodash', '3.10.1'), c('lodash', '4.17.20')];
    const head = [c('lodash', '4.17.21')];
    expect(summary(diffComponents('x', base, head, compare))).toEqual([
      'changed lodash 4.17.20>4.17.21 up',
      'removed lodash 3.10.1>',
    ]);
    expect(summary(diffComponents('x', head, [...base, c('lodash', '4.17.21')], compare))).toEqual([
      'added lodash >3.10.1',
      'added lodash >4.17.20',
    ]);
  });
  it('PyPI names compare normalised (PEP 503); duplicates within a side count once', () => {
    const base = [c('Flask_Login', '0.6.2', 'PyPI'), c('Flask_Login', '0.6.2', 'PyPI')];
    const head = [c('flask-login', '0.6.3', 'PyPI')];
    expect(summary(diffComponents('x', base, head, compare))).toEqual(['changed flask-login 0.6.2>0.6.3 up']);
  });
  it("versions the ecosystem cannot order are a change of direction 'other'", () => {
    expect(summary(diffComponents('x', [c('g', 'abc')], [c('g', 'def')], compare))).toEqual([
      'changed g abc>def other',
    ]);
  });
});

describe('diffManifests', () => {
  const m = (file: string, components: Component[], broken = false): ParsedManifest => ({
    file,
    format: 'test',
    ecosystem: 'npm',
    components,
    unpinned: [],
    problems: broken ? [{ level: 'error', file, message: 'does not parse' }] : [],
  });
  it('a new manifest is all added, a deleted one all removed, a broken one skipped', () => {
    const changes = diffManifests(
      [m('a/package-lock.json', [c('x', '1.0.0')]), m('b/package-lock.json', [c('y', '1.0.0')])],
      [
        m('b/package-lock.json', [c('y', '1.0.0'), c('z', '1.0.0')], true),
        m('c/package-lock.json', [c('w', '1.0.0')]),
      ],
      compare,
    );
    expect(changes.map((x) => `${x.manifest} ${x.change} ${x.name}`)).toEqual([
      'a/package-lock.json removed x',
      'c/package-lock.json added w',
    ]);
  });
});

describe('discoverManifests', () => {
  it('finds lockfiles anywhere but in dependencies, VCS and test data', () => {
    const files = [
      'package-lock.json',
      'services/api/go.mod',
      'node_modules/left-pad/package-lock.json',
      'third_party/vendor/github.com/x/go.mod',
      'internal/testdata/go.mod',
      'test/fixtures/yarn.lock',
      'fixtures/yarn.lock',
      'src/tests/__fixtures__/Cargo.lock',
      '.git/package-lock.json',
      './apps/web/pnpm-lock.yaml',
      'README.md',
    ];
    const lock = /(package-lock\.json|go\.mod|yarn\.lock|Cargo\.lock|pnpm-lock\.yaml)$/;
    expect(discoverManifests(files, (f) => lock.test(f))).toEqual([
      'apps/web/pnpm-lock.yaml',
      'fixtures/yarn.lock',
      'package-lock.json',
      'services/api/go.mod',
    ]);
    expect(isSkippedPath('spec/fixture/Gemfile.lock')).toBe(true);
    expect(isSkippedPath('fixture/Gemfile.lock')).toBe(false);
  });
});
