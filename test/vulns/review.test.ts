import { describe, expect, it } from '@jest/globals';
import { type Component, type ParsedManifest, purlFor } from '../../src/inventory/component.js';
import { combineLicenses, depsDevUrl, lookupLicenses } from '../../src/vulns/deps-dev.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import type { OsvSource } from '../../src/vulns/osv-source.js';
import { lowestFixForAll, reviewDependencies } from '../../src/vulns/review.js';

const component = (name: string, version: string, extra: Partial<Component> = {}): Component => ({
  ecosystem: 'npm',
  name,
  version,
  purl: purlFor('npm', name, version),
  direct: true,
  scope: 'prod',
  manifest: 'package-lock.json',
  line: 10,
  ...extra,
});
const range = (...events: Record<string, string>[]) => ({ type: 'ECOSYSTEM', events });
const record = (id: string, name: string, ...ranges: ReturnType<typeof range>[]): OsvRecord => ({
  id,
  summary: `${id} summary`,
  affected: [{ package: { ecosystem: 'npm', name }, ranges }],
  database_specific: { severity: 'HIGH' },
});

describe('lowestFixForAll', () => {
  it('skips a fix that another range still covers, and one record without a fix blocks all', () => {
    // 1.0.0 <= v < 1.2.0, then again 1.5.0 <= v < 2.0.0: from 1.1.0, 1.2.0 fixes it.
    const reopening = record(
      'A',
      'x',
      range({ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '1.5.0' }, { fixed: '2.0.0' }),
    );
    // Another advisory fixed only in 1.6.0: together, 1.6.0 is inside A's second range; 2.0.0 fixes both.
    const other = record('B', 'x', range({ introduced: '0' }, { fixed: '1.6.0' }));
    const c = component('x', '1.1.0');
    expect(lowestFixForAll([reopening], c)).toBe('1.2.0');
    expect(lowestFixForAll([reopening, other], c)).toBe('2.0.0');
    const unfixed = record('C', 'x', range({ introduced: '0' }));
    expect(lowestFixForAll([other, unfixed], c)).toBeUndefined();
  });
});

describe('reviewDependencies', () => {
  const manifest = (components: Component[], format = 'package-lock.json v3'): ParsedManifest => ({
    file: 'package-lock.json',
    format,
    ecosystem: 'npm',
    components,
    unpinned: [],
    problems: [],
  });
  const source = (records: OsvRecord[]): OsvSource & { asked: string[][] } => {
    const asked: string[][] = [];
    return {
      kind: 'offline',
      description: 'test records',
      asked,
      lookup(components) {
        asked.push(components.map((c) => `${c.name}@${c.version}`));
        return Promise.resolve(
          new Map(
            components.map((c, i) => [i, records.filter((r) => r.affected?.[0]?.package?.name === c.name)]),
          ),
        );
      },
    };
  };
  const vulnerable = record('GHSA-aaaa-bbbb-cccc', 'left', range({ introduced: '0' }, { fixed: '2.0.0' }));

  it('looks up only added and changed packages on a pull request, and gives one fix per package', async () => {
    const osv = source([vulnerable]);
    const { review } = await reviewDependencies({
      base: [manifest([component('left', '0.9.0'), component('gone', '1.0.0'), component('same', '1.0.0')])],
      head: [manifest([component('left', '1.0.0'), component('same', '1.0.0'), component('new', '1.0.0')])],
      source: osv,
      policy: { allow: [], deny: [] },
      includeDev: true,
    });
    expect(osv.asked).toEqual([['new@1.0.0', 'left@1.0.0']]);
    expect(review.vulnerable).toEqual([
      expect.objectContaining({
        change: 'changed',
        fix: { version: '2.0.0', upgrade: 'npm install left@2.0.0' },
      }),
    ]);
  });

  it('yarn Berry gets `yarn up`; a failed look-up is reported, not thrown', async () => {
    const c = component('left', '1.0.0', { manifest: 'yarn.lock' });
    const { review } = await reviewDependencies({
      head: [{ ...manifest([c], 'yarn.lock berry v8'), file: 'yarn.lock' }],
      source: source([vulnerable]),
      policy: { allow: [], deny: [] },
      includeDev: true,
    });
    expect(review.vulnerable[0]?.fix?.upgrade).toBe('yarn up left@2.0.0');
    const failing: OsvSource = {
      kind: 'online',
      description: 'x',
      lookup: () => Promise.reject(new Error('down')),
    };
    const outcome = await reviewDependencies({
      head: [manifest([c])],
      source: failing,
      policy: { allow: [], deny: [] },
      includeDev: true,
    });
    expect(outcome.lookupError).toBeInstanceOf(Error);
    expect(outcome.review.lookup.source).toBe('none');
  });

  it('asks for licences only of the packages under review that have none, and applies the policy', async () => {
    const asked: string[] = [];
    const { review } = await reviewDependencies({
      base: [manifest([component('old', '1.0.0')])],
      head: [
        manifest([
          component('old', '1.0.0'),
          component('gpl', '1.0.0'),
          component('mit', '1.0.0', { license: 'MIT' }),
        ]),
      ],
      policy: { allow: ['MIT'], deny: [] },
      includeDev: true,
      lookupLicenses: (components) => {
        asked.push(...components.map((c) => c.name));
        return Promise.resolve(new Map([[purlFor('npm', 'gpl', '1.0.0'), 'GPL-3.0-only']]));
      },
    });
    expect(asked).toEqual(['gpl']);
    expect(review.licenses.map((l) => [l.component.name, l.reason, l.component.license])).toEqual([
      ['gpl', 'not-allowed', 'GPL-3.0-only'],
    ]);
  });
});

describe('deps.dev licences', () => {
  it('builds the GetVersion URL per system, with Go versions prefixed with v', () => {
    expect(depsDevUrl('https://api.deps.dev/', component('@babel/core', '7.0.0'))).toBe(
      'https://api.deps.dev/v3/systems/NPM/packages/%40babel%2Fcore/versions/7.0.0',
    );
    expect(
      depsDevUrl('https://api.deps.dev', { ecosystem: 'Go', name: 'golang.org/x/net', version: '0.17.0' }),
    ).toBe('https://api.deps.dev/v3/systems/GO/packages/golang.org%2Fx%2Fnet/versions/v0.17.0');
    expect(
      depsDevUrl('https://api.deps.dev', { ecosystem: 'Packagist', name: 'a/b', version: '1' }),
    ).toBeUndefined();
  });
  it('several licences all apply (AND); non-standard means unknown', () => {
    expect(combineLicenses(['MIT'])).toBe('MIT');
    expect(combineLicenses(['MIT', 'Apache-2.0 OR BSD-3-Clause'])).toBe(
      'MIT AND (Apache-2.0 OR BSD-3-Clause)',
    );
    expect(combineLicenses(['MIT', 'non-standard'])).toBeUndefined();
    expect(combineLicenses('MIT')).toBeUndefined();
  });
  it('a failed look-up leaves the licence unknown and says why once', async () => {
    const result = await lookupLicenses([component('a', '1.0.0'), component('b', '1.0.0')], {
      baseUrl: 'https://deps.test',
      transport: (request) =>
        request.url.includes('/a/')
          ? Promise.resolve({ status: 200, headers: {}, json: { licenses: ['ISC'] } })
          : Promise.reject(new Error('https://deps.test could not be reached')),
    });
    expect([...result.licenses]).toEqual([[purlFor('npm', 'a', '1.0.0'), 'ISC']]);
    expect(result.unknown).toBe(1);
    expect(result.firstError).toBe('https://deps.test could not be reached');
  });
});
