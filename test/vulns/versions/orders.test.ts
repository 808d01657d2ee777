// The version orders of npm, Go, crates.io (SemVer), PyPI (PEP 440), RubyGems, Packagist and
// NuGet: each specification's own examples, edge cases, and order properties over sorted lists.
import { describe, expect, it } from '@jest/globals';
import { ECOSYSTEMS } from '../../../src/inventory/component.js';
import { composerNormalize } from '../../../src/vulns/versions/packagist.js';
import { compareVersions, parseVersion, sortVersions } from '../../../src/vulns/versions/index.js';
import { expectAscending, expectEqual, expectTotalOrder, expectUnorderable } from './helpers.js';

describe('the version API', () => {
  it('throws a RangeError when a version cannot be ordered, naming it', () => {
    expect(() => compareVersions('npm', '1.0.0', 'latest')).toThrow(/npm cannot order version "latest"/);
    expect(() => compareVersions('PyPI', 'nope', '1.0')).toThrow(RangeError);
  });

  it('keeps the raw string and drops unorderable versions when sorting', () => {
    expect(parseVersion('Go', 'v1.2.3')?.raw).toBe('v1.2.3');
    expect(sortVersions('npm', ['2.0.0', 'latest', '1.0.0'])).toEqual(['1.0.0', '2.0.0']);
  });

  it('refuses absurdly long strings and unknown ecosystems', () => {
    expect(parseVersion('npm', `1.0.0-${'a'.repeat(2000)}`)).toBeUndefined();
    expect(parseVersion('Debian' as never, '1.0')).toBeUndefined();
  });

  it.each(ECOSYSTEMS)('orders simple dotted versions numerically in %s', (ecosystem) => {
    expectTotalOrder(ecosystem, [
      '0.1.0',
      '0.9.0',
      '0.10.0',
      '1.0.0',
      '1.2.3',
      '1.2.10',
      '1.10.0',
      '2.0.0',
      '10.0.0',
    ]);
  });
});

describe('npm (SemVer 2.0 via node-semver)', () => {
  it('orders the SemVer §11 example', () => {
    expectTotalOrder('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
    ]);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['1', '1.0.0'],
    ['v1.2.3', '1.2.3'],
    ['=1.2.3', '1.2.3'],
    ['1.0.0+20130313144700', '1.0.0'],
    ['1.0.0-beta+exp.sha.5114f85', '1.0.0-beta'],
    [' 1.2.3 ', '1.2.3'],
  ])('reads %j as %s', (a, b) => {
    expectEqual('npm', a, b);
  });

  it('orders pre-release bounds the way express advisories use them', () => {
    expectTotalOrder('npm', [
      '4.19.1',
      '4.19.2',
      '5.0.0-alpha.1',
      '5.0.0-alpha.8',
      '5.0.0-beta.2',
      '5.0.0-beta.3',
      '5.0.0',
    ]);
  });

  it.each(['latest', '^1.2.3', '1.2.3.4', '', 'x.y.z', '>=1.0.0'])('cannot order %j', (v) => {
    expectUnorderable('npm', v);
  });
});

describe('Go (SemVer with optional v, +incompatible, pseudo-versions)', () => {
  it('puts pseudo-versions below their release and above the previous one', () => {
    expectTotalOrder('Go', [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.1.0',
      'v1.3.0',
      'v1.3.1-0.20190301021747-ccb9e902956d',
      'v1.3.1',
      'v1.4.0-pre',
      'v1.4.0-pre.0.20200101000000-abcdefabcdef',
      'v1.4.0-pre.1',
      'v1.4.0',
      'v1.9.0',
      'v1.9.1',
    ]);
  });

  it.each([
    ['v1.9.0', '1.9.0'],
    ['v3.2.2+incompatible', '3.2.2'],
    ['v1.2', '1.2.0'],
    ['v1', '1.0.0'],
    ['go1.21.3', '1.21.3'],
    ['go1.21rc2', '1.21.0-rc.2'],
    ['go1.20', '1.20.0'],
  ])('reads %s as %s', (a, b) => {
    expectEqual('Go', a, b);
  });

  it('orders the stdlib pre-release floor 1.21.0-0 below every 1.21 pre-release', () => {
    expectTotalOrder('Go', ['1.20.10', '1.21.0-0', 'go1.21rc1', '1.21.0-rc.2', '1.21.0', '1.21.3']);
  });

  it.each(['vv1.2.3', 'v01.2.3', '1.2.3.4', 'latest', 'v1.2-pre', ''])('cannot order %j', (v) => {
    expectUnorderable('Go', v);
  });
});

describe('crates.io (strict SemVer)', () => {
  it('orders releases and pre-releases', () => {
    expectTotalOrder('crates.io', [
      '0.1.0',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '1.0.0',
      '1.8.0',
      '1.8.4',
      '1.9.0',
      '1.13.1',
    ]);
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0-01'])('cannot order %j', (v) => {
    expectUnorderable('crates.io', v);
  });
});

describe('PyPI (PEP 440)', () => {
  it("orders PEP 440's example of every suffix", () => {
    expectTotalOrder('PyPI', [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('puts epochs above everything without one', () => {
    expectTotalOrder('PyPI', ['2013.10', '2014.04', '1!1.0', '1!1.1', '1!2.0']);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['1.0a1', '1.0.alpha1'],
    ['1.0a1', '1.0-a.1'],
    ['1.0c1', '1.0rc1'],
    ['1.0RC1', '1.0rc1'],
    ['1.0-1', '1.0.post1'],
    ['1.0.dev', '1.0.dev0'],
    ['v1.0', '1.0'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'],
    ['5.4b2', '5.4.0b2'],
  ])('normalises %s = %s', (a, b) => {
    expectEqual('PyPI', a, b);
  });

  it('orders PyYAML pre-releases below their release (PYSEC-2021-142)', () => {
    expectTotalOrder('PyPI', ['5.3.1', '5.4b1', '5.4b2', '5.4', '5.4.1']);
  });

  it.each(['2004d', 'dev', '', '1.0+', 'latest'])('cannot order %j', (v) => {
    expectUnorderable('PyPI', v);
  });
});

describe('RubyGems (Gem::Version)', () => {
  it.each([
    ['1.0', '1.0.0'],
    ['0.beta.1', '0.0.beta.1'],
    ['1.0.0-rc1', '1.0.0.pre.rc1'],
    [' 1.2 ', '1.2'],
  ])('%s = %s', (a, b) => {
    expectEqual('RubyGems', a, b);
  });

  it.each([
    ['1.0.a', '1.0'],
    ['0.0.0', '1.8.2'],
    ['1.8.2.a', '1.8.2'],
    ['1.8.2.a', '1.8.2.b'],
    ['1.8.2.a9', '1.8.2.a10'],
    ['0.0.beta', '0.0.beta.1'],
    ['0.0.beta', '0.beta.1'],
    ['5.a', '5.0.0.rc2'],
    ['5.0.0.rc2', '5.x'],
    ['1.13.3', '1.13.4'],
  ])('%s < %s (Gem::Version#<=> tests)', (low, high) => {
    expectAscending('RubyGems', [low, high]);
  });

  it('orders pre-releases below releases and letters byte-wise', () => {
    expectTotalOrder('RubyGems', [
      '1.0.0.a',
      '1.0.0.b1',
      '1.0.0.rc1',
      '1.0.0',
      '1.0.1',
      '1.13.3',
      '1.13.4',
      '2.0',
    ]);
  });

  it.each(['', '1.13.3-x86_64-linux', 'junk', '1..2', '.1'])('cannot order %j', (v) => {
    expectUnorderable('RubyGems', v);
  });
});

describe('Packagist (Composer normalize + version_compare)', () => {
  it.each([
    ['1.0.0', '1.0.0.0'],
    ['1.2.3.4', '1.2.3.4'],
    ['1.0.0RC1dev', '1.0.0.0-RC1-dev'],
    ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
    ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
    ['1.0.0-rc1', '1.0.0.0-RC1'],
    ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'],
    ['1.0-dev', '1.0.0.0-dev'],
    ['0', '0.0.0.0'],
    ['10.4.13-beta', '10.4.13.0-beta'],
    ['10.4.13beta2', '10.4.13.0-beta2'],
    ['10.4.13beta.2', '10.4.13.0-beta2'],
    ['v1.13.11-beta.0', '1.13.11.0-beta0'],
    ['10.4.13-b5', '10.4.13.0-beta5'],
    ['v1.0.0', '1.0.0.0'],
    ['2010.01', '2010.01.0.0'],
    ['v20100102', '20100102'],
    ['2010-01-02', '2010.01.02'],
    ['20100102-203040-p1', '20100102.203040-patch1'],
    ['1.x-dev', '1.9999999.9999999.9999999-dev'],
    ['dev-master', 'dev-master'],
    ['master', 'dev-master'],
    ['dev-master as 1.0.0', 'dev-master'],
    ['1.0.0+foo@dev', '1.0.0.0'],
    ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
    ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
    ['1.0.0-stable', '1.0.0.0'],
    [' 1.0.0', '1.0.0.0'],
  ])('normalizes %j to %s', (input, normalized) => {
    expect(composerNormalize(input)).toBe(normalized);
  });

  it('orders stabilities dev < alpha < beta < RC < stable < patch', () => {
    expectTotalOrder('Packagist', [
      '1.0.0-dev',
      '1.0.0-alpha1',
      '1.0.0-alpha2',
      '1.0.0-beta1',
      '1.0.0-beta2',
      '1.0.0-RC1',
      '1.0.0-RC2',
      '1.0.0',
      '1.0.0-p1',
      '1.0.0.1',
      '1.0.1',
      'v1.1.0',
      '2.4.4',
      '2.4.5',
    ]);
  });

  it.each([
    ['v2.4.5', '2.4.5'],
    ['2.4', '2.4.0.0'],
    ['1.0.0-b1', '1.0.0-beta1'],
    ['1.0.0-RC1', '1.0.0-rc1'],
  ])('%s = %s', (a, b) => {
    expectEqual('Packagist', a, b);
  });

  it.each(['dev-main', 'master', 'not a version', '', '1.0.0-foo'])(
    'cannot order %j (Composer never compares it)',
    (v) => {
      expectUnorderable('Packagist', v);
    },
  );
});

describe('NuGet (NuGetVersion)', () => {
  it.each([
    ['1.0', '1.0.0'],
    ['1', '1.0.0.0'],
    ['1.0.0-BETA', '1.0.0-beta'],
    ['1.0.0+metadata', '1.0.0'],
    ['01.0.0', '1.0.0'],
  ])('%s = %s', (a, b) => {
    expectEqual('NuGet', a, b);
  });

  it('orders four-part versions and pre-release labels', () => {
    expectTotalOrder('NuGet', [
      '1.0.0-1',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.2',
      '1.0.0-alpha.10',
      '1.0.0-Beta',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.0.1',
      '1.0.1',
      '12.0.3',
      '13.0.1',
    ]);
  });

  it.each(['1.0.0.0.0', 'abc', '1.0.0-', '2147483648.0.0', '', '1.0.0-beta..1'])('cannot order %j', (v) => {
    expectUnorderable('NuGet', v);
  });
});
