import { describe, expect, test } from '@jest/globals';
import type { Location } from '../../src/findings/finding.js';
import type { LoadOptions } from '../../src/sarif/load.js';
import { type Json, load, log, run } from './sarif-builders.js';

const at = (artifactLocation: Json, region: Json = { startLine: 7 }): Json => ({
  ruleId: 'r',
  message: { text: 'm' },
  locations: [{ physicalLocation: { artifactLocation, region } }],
});

/** The location of the one finding a run with `results` and `extra` members gives. */
function locate(results: Json[], extra: Json = {}, options: LoadOptions = {}): (Location | undefined)[] {
  const loaded = load(log(run(results, extra)), 'loc.sarif', options);
  expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  expect(loaded.findings).toHaveLength(results.length);
  return loaded.findings.map((f) => f.location);
}

const pathOf = (artifactLocation: Json, extra: Json = {}, options: LoadOptions = {}): string | undefined =>
  locate([at(artifactLocation)], extra, options)[0]?.path;

describe('locations', () => {
  test('a relative URI is the repository path', () => {
    expect(
      locate([at({ uri: 'src/app.js' }, { startLine: 3, startColumn: 5, endLine: 4, endColumn: 9 })])[0],
    ).toEqual({
      path: 'src/app.js',
      linkable: true,
      startLine: 3,
      startColumn: 5,
      endLine: 4,
      endColumn: 9,
    });
    expect(pathOf({ uri: './src/app.js' })).toBe('src/app.js');
  });

  test('uriBaseId chains of two levels resolve, and the part below the absolute base is the path', () => {
    const originalUriBaseIds = {
      REPO: { uri: 'file:///build/checkout/' },
      SRC: { uri: 'src/', uriBaseId: 'REPO' },
      LIB: { uri: 'lib/', uriBaseId: 'SRC' },
    };
    expect(pathOf({ uri: 'app.js', uriBaseId: 'SRC' }, { originalUriBaseIds })).toBe('src/app.js');
    expect(pathOf({ uri: 'util.js', uriBaseId: 'LIB' }, { originalUriBaseIds })).toBe('src/lib/util.js');
    expect(
      pathOf({ uri: 'util.js', uriBaseId: 'LIB' }, { originalUriBaseIds }, { root: '/build/checkout' }),
    ).toBe('src/lib/util.js');
  });

  test('an undefined uriBaseId (%SRCROOT%) stands for the repository root', () => {
    expect(pathOf({ uri: 'src/app.js', uriBaseId: '%SRCROOT%' })).toBe('src/app.js');
  });

  test('a uriBaseId whose URI is not absolute ("/", as Trivy writes) stands for the root', () => {
    expect(
      pathOf({ uri: 'go.sum', uriBaseId: 'ROOTPATH' }, { originalUriBaseIds: { ROOTPATH: { uri: '/' } } }),
    ).toBe('go.sum');
  });

  test('a uriBaseId cycle does not hang', () => {
    const originalUriBaseIds = { A: { uri: 'a/', uriBaseId: 'B' }, B: { uri: 'b/', uriBaseId: 'A' } };
    expect(pathOf({ uri: 'x.js', uriBaseId: 'A' }, { originalUriBaseIds })).toMatch(/x\.js$/);
  });

  test('file:// URIs with percent-encoding are decoded', () => {
    expect(pathOf({ uri: 'file:///work/proj/src/my%20file%2Bv2.js' }, {}, { root: '/work/proj' })).toBe(
      'src/my file+v2.js',
    );
    expect(
      locate([at({ uri: 'file:///work/proj/src/a%20b.js' })], {}, { root: '/work/proj' })[0]?.linkable,
    ).toBe(true);
  });

  test('Windows file:///C:/ paths, with a root given with backslashes', () => {
    expect(pathOf({ uri: 'file:///C:/build/proj/src/Main.cs' }, {}, { root: 'C:\\build\\proj\\' })).toBe(
      'src/Main.cs',
    );
    expect(pathOf({ uri: 'file:///C:/build/proj/src/Main.cs' })).toBe('C:/build/proj/src/Main.cs');
  });

  test('the root option strips an absolute path and a file URI; a path outside it is kept', () => {
    expect(pathOf({ uri: '/srv/repo/pkg/a.go' }, {}, { root: '/srv/repo' })).toBe('pkg/a.go');
    expect(pathOf({ uri: 'file:///srv/repo/pkg/a.go' }, {}, { root: '/srv/repo/' })).toBe('pkg/a.go');
    expect(pathOf({ uri: 'file:///srv/repository/pkg/a.go' }, {}, { root: '/srv/repo' })).toBe(
      '/srv/repository/pkg/a.go',
    );
  });

  test('GitHub-hosted runner workspace paths are stripped without a root', () => {
    expect(pathOf({ uri: 'file:///home/runner/work/x/x/src/app.js' })).toBe('src/app.js');
    expect(pathOf({ uri: '/home/runner/work/my-repo/my-repo/lib/a.py' })).toBe('lib/a.py');
    expect(pathOf({ uri: 'file:///Users/runner/work/r/r/a.swift' })).toBe('a.swift');
    expect(pathOf({ uri: 'file:///D:/a/r/r/src/a.cs' })).toBe('src/a.cs');
    // Not a checkout: the two names differ.
    expect(pathOf({ uri: '/home/runner/work/x/y/src/app.js' })).toBe('/home/runner/work/x/y/src/app.js');
  });

  test('artifact index locations take the URI (and base) from run.artifacts', () => {
    const artifacts = [
      { location: { uri: 'src/zero.c' } },
      { location: { uri: 'one.c', uriBaseId: 'SRC' } },
      { location: { uri: 'file:///home/runner/work/p/p/two.c' } },
    ];
    const originalUriBaseIds = { SRC: { uri: 'file:///checkout/src/' } };
    const locations = locate([at({ index: 0 }), at({ index: 1 }), at({ index: 2 })], {
      artifacts,
      originalUriBaseIds,
    });
    expect(locations.map((l) => l?.path)).toEqual(['src/zero.c', 'one.c', 'two.c']);
    expect(locations[0]?.startLine).toBe(7);
  });

  test('an artifact index out of range or of the wrong type gives no location, and the finding is kept', () => {
    const locations = locate([at({ index: 5 }), at({ index: '0' }), at({ index: -1 })], {
      artifacts: [{ location: { uri: 'a.c' } }],
    });
    expect(locations).toEqual([undefined, undefined, undefined]);
  });

  test('an explicit URI wins over the artifact index', () => {
    expect(pathOf({ uri: 'direct.c', index: 0 }, { artifacts: [{ location: { uri: 'indexed.c' } }] })).toBe(
      'direct.c',
    );
  });

  test('an invalid URI (spaces) is kept as the path but not linkable', () => {
    expect(locate([at({ uri: 'src/my file.js' })])[0]).toMatchObject({
      path: 'src/my file.js',
      linkable: false,
    });
    expect(locate([at({ uri: 'src/100%.js' })])[0]).toMatchObject({ path: 'src/100%.js', linkable: false });
    expect(locate([at({ uri: 'src\\win\\path.cs' })])[0]).toMatchObject({
      path: 'src/win/path.cs',
      linkable: false,
    });
  });

  test('a result with only a logical location is placed by its name, not linkable', () => {
    const logical = (logicalLocations: Json[]): Json => ({
      ruleId: 'r',
      message: { text: 'm' },
      locations: [{ logicalLocations }],
    });
    const locations = locate([
      logical([{ fullyQualifiedName: 'com.example.Foo.bar()', name: 'bar' }]),
      logical([{ name: 'pkg:npm/lodash@4.17.20' }]),
      logical([{ kind: 'function' }]),
    ]);
    expect(locations).toEqual([
      { path: 'com.example.Foo.bar()', linkable: false },
      { path: 'pkg:npm/lodash@4.17.20', linkable: false },
      undefined,
    ]);
  });

  test('region values that are not positive integers are dropped; an endLine before startLine is dropped', () => {
    const [location] = locate([
      at(
        { uri: 'a.c' },
        { startLine: 0, startColumn: -1, endColumn: 2.5, endLine: 3, snippet: { text: '' } },
      ),
    ]);
    expect(location).toEqual({ path: 'a.c', linkable: true });
    expect(locate([at({ uri: 'a.c' }, { startLine: 9, endLine: 3 })])[0]).toEqual({
      path: 'a.c',
      linkable: true,
      startLine: 9,
    });
  });

  test('results without locations, or with malformed ones, have no location', () => {
    const bare = (locations: unknown): Json => ({ ruleId: 'r', message: { text: 'm' }, locations });
    expect(
      locate([bare(undefined), bare([]), bare({}), bare([null]), bare([{ physicalLocation: 7 }])]),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
