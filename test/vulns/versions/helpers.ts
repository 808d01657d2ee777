// Order checks shared by the version-order tests.
import { expect } from '@jest/globals';
import type { Ecosystem } from '../../../src/inventory/component.js';
import { compareVersions, parseVersion, sortVersions } from '../../../src/vulns/versions/index.js';

/** Every earlier version is below every later one, in both directions (Maven's checkVersionsOrder). */
export function expectAscending(ecosystem: Ecosystem, versions: readonly string[]): void {
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      const low = versions[i] as string;
      const high = versions[j] as string;
      expect([low, '<', high, compareVersions(ecosystem, low, high)]).toEqual([low, '<', high, -1]);
      expect([high, '>', low, compareVersions(ecosystem, high, low)]).toEqual([high, '>', low, 1]);
    }
  }
}

export function expectEqual(ecosystem: Ecosystem, a: string, b: string): void {
  expect([a, '=', b, compareVersions(ecosystem, a, b)]).toEqual([a, '=', b, 0]);
  expect([b, '=', a, compareVersions(ecosystem, b, a)]).toEqual([b, '=', a, 0]);
}

/**
 * Property checks over a list: reflexive, antisymmetric, transitive (for every triple), and
 * sorting a shuffled copy gives the hand-sorted list (the list must be strictly ascending).
 */
export function expectTotalOrder(ecosystem: Ecosystem, ascending: readonly string[]): void {
  const cmp = (a: string, b: string) => compareVersions(ecosystem, a, b);
  for (const a of ascending) {
    expect([a, cmp(a, a)]).toEqual([a, 0]);
    for (const b of ascending) {
      expect([a, b, cmp(a, b)]).toEqual([a, b, -cmp(b, a) || 0]);
      for (const c of ascending) {
        if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect([a, b, c, cmp(a, c) <= 0]).toEqual([a, b, c, true]);
      }
    }
  }
  // a fixed, deterministic shuffle: reversed, then interleaved
  const reversed = [...ascending].reverse();
  const shuffled = reversed.filter((_, i) => i % 2 === 0).concat(reversed.filter((_, i) => i % 2 === 1));
  expect(sortVersions(ecosystem, shuffled)).toEqual([...ascending]);
}

export function expectUnorderable(ecosystem: Ecosystem, version: string): void {
  expect([version, parseVersion(ecosystem, version)]).toEqual([version, undefined]);
}
