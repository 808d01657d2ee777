import { describe, expect, it } from '@jest/globals';
import { closest, editDistance } from '../../src/config/suggest.js';

const TOP = ['fail-on', 'fail-on-scope', 'exclude', 'ignore'];
const ENTRY = ['rule', 'fingerprint', 'path', 'cwe', 'advisory', 'package', 'reason', 'expires'];

describe('closest', () => {
  it.each([
    ['fail_on', TOP, 'fail-on'],
    ['failOn', TOP, 'fail-on'],
    ['Fail-On', TOP, 'fail-on'],
    ['fial-on', TOP, 'fail-on'],
    ['failon', TOP, 'fail-on'],
    ['fail-on-scop', TOP, 'fail-on-scope'],
    ['failOnScope', TOP, 'fail-on-scope'],
    ['exlude', TOP, 'exclude'],
    ['excludes', TOP, 'exclude'],
    ['ignores', TOP, 'ignore'],
    ['rules', ENTRY, 'rule'],
    ['paths', ENTRY, 'path'],
    ['expiry', ENTRY, 'expires'],
    ['expire', ENTRY, 'expires'],
    ['reasons', ENTRY, 'reason'],
    ['hgh', ['critical', 'high', 'medium', 'low', 'none'], 'high'],
    ['crit', ['critical', 'high', 'medium', 'low', 'none'], 'critical'],
    ['med', ['critical', 'high', 'medium', 'low', 'none'], 'medium'],
    ['fail', TOP, 'fail-on'],
    ['severity', TOP, undefined],
    ['id', ENTRY, undefined],
  ])('%s → %s', (input, candidates, expected) => {
    expect(closest(input, candidates)).toBe(expected);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['fial', 'fail', 1],
    ['rule', 'rules', 1],
  ])('%s / %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
