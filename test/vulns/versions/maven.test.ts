// Maven's ComparableVersion, checked against the examples of Maven's own ComparableVersionTest
// (maven-artifact 3.9.x) and the POM reference's version order specification.
import { describe, expect, it } from '@jest/globals';
import { compareVersions } from '../../../src/vulns/versions/index.js';
import { mavenCanonical } from '../../../src/vulns/versions/maven.js';
import { expectAscending, expectEqual, expectTotalOrder, expectUnorderable } from './helpers.js';

const M = 'Maven' as const;

// ComparableVersionTest.VERSIONS_QUALIFIER
const VERSIONS_QUALIFIER = [
  '1-alpha2snapshot',
  '1-alpha2',
  '1-alpha-123',
  '1-beta-2',
  '1-beta123',
  '1-m2',
  '1-m11',
  '1-rc',
  '1-cr2',
  '1-rc123',
  '1-SNAPSHOT',
  '1',
  '1-sp',
  '1-sp2',
  '1-sp123',
  '1-abc',
  '1-def',
  '1-pom-1',
  '1-1-snapshot',
  '1-1',
  '1-2',
  '1-123',
];

// ComparableVersionTest.VERSIONS_NUMBER
const VERSIONS_NUMBER = [
  '2.0',
  '2.0.a',
  '2-1',
  '2.0.2',
  '2.0.123',
  '2.1.0',
  '2.1-a',
  '2.1b',
  '2.1-c',
  '2.1-1',
  '2.1.0.1',
  '2.2',
  '2.123',
  '11.a2',
  '11.a11',
  '11.b2',
  '11.b11',
  '11.m2',
  '11.m11',
  '11',
  '11.a',
  '11b',
  '11c',
  '11m',
];

describe('Maven ComparableVersion', () => {
  it("orders Maven's VERSIONS_QUALIFIER list", () => {
    expectAscending(M, VERSIONS_QUALIFIER);
  });

  it("orders Maven's VERSIONS_NUMBER list", () => {
    expectAscending(M, VERSIONS_NUMBER);
  });

  it.each([
    ['1', '1'],
    ['1', '1.0'],
    ['1', '1.0.0'],
    ['1.0', '1.0.0'],
    ['1', '1-0'],
    ['1', '1.0-0'],
    ['1.0', '1.0-0'],
    // no separator between number and character
    ['1a', '1-a'],
    ['1a', '1.0-a'],
    ['1a', '1.0.0-a'],
    ['1.0a', '1-a'],
    ['1.0.0a', '1-a'],
    ['1x', '1-x'],
    ['1x', '1.0-x'],
    ['1x', '1.0.0-x'],
    ['1.0x', '1-x'],
    ['1.0.0x', '1-x'],
    // aliases
    ['1ga', '1'],
    ['1release', '1'],
    ['1final', '1'],
    ['1cr', '1rc'],
    // special "aliases" a, b and m for alpha, beta and milestone
    ['1a1', '1-alpha-1'],
    ['1b2', '1-beta-2'],
    ['1m3', '1-milestone-3'],
    // case insensitive
    ['1X', '1x'],
    ['1A', '1a'],
    ['1B', '1b'],
    ['1M', '1m'],
    ['1Ga', '1'],
    ['1GA', '1'],
    ['1RELEASE', '1'],
    ['1RELeaSE', '1'],
    ['1Final', '1'],
    ['1FinaL', '1'],
    ['1FINAL', '1'],
    ['1Cr', '1Rc'],
    ['1cR', '1rC'],
    ['1m3', '1Milestone3'],
    ['1m3', '1MileStone3'],
    ['1m3', '1MILESTONE3'],
    ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    // the POM reference: "1.foo" = "1-foo", "1.ga" = "1-ga" = "1-0" = "1.0" = "1"
    ['1.foo', '1-foo'],
    ['1.ga', '1-ga'],
    ['1-ga', '1-0'],
    ['1-0', '1.0'],
  ])('%s = %s (testVersionsEqual)', (a, b) => {
    expectEqual(M, a, b);
  });

  it.each([
    ['1', '2'],
    ['1.5', '2'],
    ['1', '2.5'],
    ['1.0', '1.1'],
    ['1.1', '1.2'],
    ['1.0.0', '1.1'],
    ['1.0.1', '1.1'],
    ['1.1', '1.2.0'],
    ['1.0-alpha-1', '1.0'],
    ['1.0-alpha-1', '1.0-alpha-2'],
    ['1.0-alpha-1', '1.0-beta-1'],
    ['1.0-beta-1', '1.0-SNAPSHOT'],
    ['1.0-SNAPSHOT', '1.0'],
    ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1'],
    ['1.0', '1.0-1'],
    ['1.0-1', '1.0-2'],
    ['1.0.0', '1.0-1'],
    ['2.0-1', '2.0.1'],
    ['2.0.1-klm', '2.0.1-lmn'],
    ['2.0.1', '2.0.1-xyz'],
    ['2.0.1', '2.0.1-123'],
    ['2.0.1-xyz', '2.0.1-123'],
    // leading zeroes
    ['0.7', '2'],
    ['0.2', '1.0.7'],
    // MNG-5568: transitivity with an unusual version
    ['6.1.0rc3', '6.1.0'],
    ['6.1.0rc3', '6.1H.5-beta'],
    ['6.1.0', '6.1H.5-beta'],
    // MNG-6572: int, long and big integer items
    ['20190126.230843', '1234567890.12345'],
    ['1234567890.12345', '123456789012345.1H.5-beta'],
    ['20190126.230843', '123456789012345.1H.5-beta'],
    ['123456789012345.1H.5-beta', '12345678901234567890.1H.5-beta'],
    ['1234567890.12345', '12345678901234567890.1H.5-beta'],
    ['20190126.230843', '12345678901234567890.1H.5-beta'],
    // MNG-6964: a sub-list starting with 0 still compares its qualifier
    ['1-0.alpha', '1'],
    ['1-0.beta', '1'],
    ['1-0.alpha', '1-0.beta'],
    // the POM reference: 1.0.RC2 < 1.0-RC3 < 1.0.1
    ['1.0.RC2', '1.0-RC3'],
    ['1.0-RC3', '1.0.1'],
    // the POM reference's examples (as corrected to what the code does, maven-site#707)
    ['1-foo2', '1-foo10'],
    ['1-foo', '1-1'],
    ['1-1', '1.1'],
    ['1-ga', '1-sp'],
    ['1-ga.1', '1-sp.1'],
    ['1-sp-1', '1-ga-1'],
  ])('%s < %s (testVersionComparing and MNG issues)', (low, high) => {
    expectAscending(M, [low, high]);
  });

  it.each(['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC'])(
    'MNG-7644: 1.0.0.%s1 < 1.0.0-X2 and 2-X = 2.0.X = 2.0.0.X',
    (x) => {
      expectAscending(M, [`1.0.0.${x}1`, `1.0.0-${x}2`]);
      expectEqual(M, `2-${x}`, `2.0.${x}`);
      expectEqual(M, `2-${x}`, `2.0.0.${x}`);
      expectEqual(M, `2.0.${x}`, `2.0.0.${x}`);
    },
  );

  it('reads any number of leading zeros as the same number (MNG-6572)', () => {
    for (const digit of ['0', '1']) {
      const variants = Array.from({ length: 19 }, (_, i) => digit.padStart(i + 1, '0'));
      for (const a of variants) for (const b of variants) expectEqual(M, a, b);
    }
  });

  it('keeps the int < long < big integer item order of Maven 3.9', () => {
    // ten zeros parse as a long, which outranks any int item
    expectAscending(M, ['1.5.5', '1.0000000000.5']);
  });

  it.each([
    ['1.0-sp1', '1-sp-1'],
    ['1.0.RELEASE', '1'],
    ['1.0', '1'],
    ['2.18.4', '2.18.4'],
    ['1.0alpha1', '1-alpha-1'],
    ['2.0-beta9', '2-beta-9'],
    ['0.x', 'x'],
    ['0.2', '0.2'],
  ])('canonical form of %s is %s', (version, canonical) => {
    expect(mavenCanonical(version)).toBe(canonical);
  });

  it('orders log4j releases the way GHSA-jfh8-c2jp-5v3q needs (2.0-beta9 < 2.0 < 2.3.1 < 2.4 < 2.12.2)', () => {
    expectTotalOrder(M, [
      '2.0-alpha1',
      '2.0-beta9',
      '2.0-rc1',
      '2.0',
      '2.3',
      '2.3.1',
      '2.3.2',
      '2.4',
      '2.4.1',
      '2.12.1',
      '2.12.2',
      '2.13.0',
      '2.14.1',
      '2.15.0',
      '2.17.0',
    ]);
    expect(compareVersions(M, '2.4', '2.4.0')).toBe(0);
  });

  it('is a total order over a hand-sorted list of qualifiers', () => {
    expectTotalOrder(M, [
      '1.0-alpha-1',
      '1.0-alpha-2',
      '1.0-beta-1',
      '1.0-M1',
      '1.0-RC1',
      '1.0-CR2',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp1',
      '1.0-jre',
      '1.0-1',
      '1.0.1',
      '1.1',
      '2',
    ]);
  });

  it('cannot order the empty string', () => {
    expectUnorderable(M, '');
    expectUnorderable(M, '   ');
  });
});
