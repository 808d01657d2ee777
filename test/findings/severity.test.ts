import { describe, expect, test } from '@jest/globals';
import type { SarifLevel } from '../../src/findings/finding.js';
import {
  parseScore,
  resolveSeverity,
  severityFromLevel,
  severityFromScore,
  severityFromWord,
} from '../../src/findings/severity.js';

type Bag = Record<string, unknown> | undefined;

const resolve = (resultProperties: Bag, ruleProperties?: Bag, level: SarifLevel = 'warning') =>
  resolveSeverity({ resultProperties, ruleProperties, level });

describe('severityFromScore', () => {
  test.each([
    [0, 'note'],
    [0.05, 'low'],
    [0.1, 'low'],
    [3.9, 'low'],
    [3.99, 'low'],
    [4.0, 'medium'],
    [6.9, 'medium'],
    [6.99, 'medium'],
    [7.0, 'high'],
    [8.9, 'high'],
    [8.99, 'high'],
    [9.0, 'critical'],
    [10, 'critical'],
  ])('%d is %s', (score, severity) => {
    expect(severityFromScore(score)).toBe(severity);
  });
});

describe('severityFromLevel', () => {
  test.each<[SarifLevel, string]>([
    ['error', 'high'],
    ['warning', 'medium'],
    ['note', 'low'],
    ['none', 'note'],
  ])('%s is %s', (level, severity) => {
    expect(severityFromLevel(level)).toBe(severity);
  });
});

describe('severityFromWord', () => {
  test.each([
    ['CRITICAL', 'critical'],
    ['High', 'high'],
    [' medium ', 'medium'],
    ['MODERATE', 'medium'],
    ['low', 'low'],
    ['INFO', 'note'],
    ['recommendation', 'low'],
    ['error', 'high'],
    ['warning', 'medium'],
  ])('%s is %s', (word, severity) => {
    expect(severityFromWord(word)).toBe(severity);
  });

  test.each(['', 'severe', 'p1', '7.5'])('%j is not a severity word', (word) => {
    expect(severityFromWord(word)).toBeUndefined();
  });
});

describe('parseScore', () => {
  test.each([
    [7.5, 7.5],
    ['7.5', 7.5],
    [' 9.0 ', 9],
    ['0', 0],
    [10, 10],
  ])('%j is %d', (value, score) => {
    expect(parseScore(value)).toBe(score);
  });

  test.each([
    'high',
    '',
    '  ',
    -1,
    11,
    10.01,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '1e3',
    null,
    true,
    [7],
    {},
  ])('%j is not a score', (value) => {
    expect(parseScore(value)).toBeUndefined();
  });
});

describe('resolveSeverity: precedence', () => {
  const everything = {
    'security-severity': '9.5',
    cvssScore: 5.0,
    severity: 'LOW',
  };

  test('the result security-severity beats the rule security-severity', () => {
    expect(resolve({ 'security-severity': '2.0' }, { 'security-severity': '9.5' }, 'error')).toEqual({
      severity: 'low',
      source: 'security-severity',
      score: 2,
    });
  });

  test('the rule security-severity beats CVSS, the tool word and the level', () => {
    expect(resolve({ cvssScore: 5.0, severity: 'LOW' }, { 'security-severity': '7.5' }, 'note')).toEqual({
      severity: 'high',
      source: 'security-severity',
      score: 7.5,
    });
  });

  test('CVSS beats the tool word and the level (result bag, then rule bag)', () => {
    expect(resolve({ severity: 'LOW' }, { cvssv3_baseScore: 9.8 }, 'note')).toEqual({
      severity: 'critical',
      source: 'cvss',
      score: 9.8,
    });
    expect(resolve({ cvssScore: '4.2' }, { cvssScore: 9.8 })).toEqual({
      severity: 'medium',
      source: 'cvss',
      score: 4.2,
    });
  });

  test('a CVSS v3 vector is scored when there is no numeric score, and beats the tool word', () => {
    const critical = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(resolve({ cvssV3Vector: critical, severity: 'LOW' }, undefined, 'note')).toEqual({
      severity: 'critical',
      source: 'cvss',
      score: 9.8,
    });
    expect(resolve(undefined, { cvssv3_vector: critical, cvssScore: 5.0 }, 'note')).toMatchObject({
      severity: 'medium',
      score: 5,
    });
  });

  test.each([
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    'CVSS:3.1/AV:N/AC:L',
    'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'not a vector',
  ])('an unusable vector (%s) falls through to the tool word', (vector) => {
    expect(resolve({ cvssVector: vector }, { severity: 'low' }, 'error')).toEqual({
      severity: 'low',
      source: 'tool-severity',
    });
  });

  test('the tool word beats the level (result bag, then rule bag)', () => {
    expect(resolve(undefined, { severity: 'MEDIUM' }, 'error')).toEqual({
      severity: 'medium',
      source: 'tool-severity',
    });
    expect(resolve({ severity: 'critical' }, { severity: 'low' }, 'note')).toEqual({
      severity: 'critical',
      source: 'tool-severity',
    });
  });

  test('the level decides when nothing else does', () => {
    expect(resolve({}, {}, 'error')).toEqual({ severity: 'high', source: 'level' });
    expect(resolve(undefined, undefined, 'none')).toEqual({ severity: 'note', source: 'level' });
  });

  test('every source at once: security-severity decides', () => {
    expect(resolve(everything, everything, 'note').source).toBe('security-severity');
  });

  test.each(['high', -1, 11, Number.NaN, '', 'NaN', null])(
    'an unusable security-severity (%j) falls through to the next source',
    (value) => {
      expect(resolve({ 'security-severity': value }, { cvssScore: 7.1 })).toEqual({
        severity: 'high',
        source: 'cvss',
        score: 7.1,
      });
      expect(resolve({ 'security-severity': value }, { severity: 'low' })).toEqual({
        severity: 'low',
        source: 'tool-severity',
      });
      expect(resolve({ 'security-severity': value }, undefined, 'note')).toEqual({
        severity: 'low',
        source: 'level',
      });
    },
  );

  test('an unusable result score does not hide a usable rule score', () => {
    expect(resolve({ 'security-severity': 'high' }, { 'security-severity': '9.0' })).toEqual({
      severity: 'critical',
      source: 'security-severity',
      score: 9,
    });
  });

  test('an unknown tool word falls through to the level', () => {
    expect(resolve({ severity: 'severe' }, { severity: 'P1' }, 'error')).toEqual({
      severity: 'high',
      source: 'level',
    });
  });

  test('a string score is read as a number', () => {
    expect(resolve(undefined, { 'security-severity': '7.5' })).toMatchObject({
      severity: 'high',
      score: 7.5,
    });
  });

  test.each([
    ['0.0', 'note'],
    ['0.1', 'low'],
    ['3.9', 'low'],
    ['4.0', 'medium'],
    ['6.9', 'medium'],
    ['7.0', 'high'],
    ['8.9', 'high'],
    ['9.0', 'critical'],
    ['10.0', 'critical'],
  ])('security-severity %s is %s', (score, severity) => {
    expect(resolve(undefined, { 'security-severity': score }, 'error').severity).toBe(severity);
  });
});

describe('resolveSeverity: tool dialects', () => {
  test('gosec-style tags ["security", "HIGH"]', () => {
    expect(resolve(undefined, { tags: ['security', 'HIGH'] }, 'error')).toEqual({
      severity: 'high',
      source: 'tool-severity',
    });
    expect(resolve(undefined, { tags: ['security', 'MEDIUM'] }, 'error').severity).toBe('medium');
    expect(resolve(undefined, { tags: ['security', 'CRITICAL'] }).severity).toBe('critical');
  });

  test('tags without a severity word fall through to the level', () => {
    expect(resolve(undefined, { tags: ['security', 'external/cwe/cwe-89', 'info'] }, 'error')).toEqual({
      severity: 'high',
      source: 'level',
    });
  });

  test('CodeQL problem.severity, flat and nested', () => {
    expect(resolve(undefined, { 'problem.severity': 'recommendation' }, 'error')).toEqual({
      severity: 'low',
      source: 'tool-severity',
    });
    expect(resolve(undefined, { 'problem.severity': 'warning' }, 'note').severity).toBe('medium');
    expect(resolve(undefined, { problem: { severity: 'error' } }, 'note')).toEqual({
      severity: 'high',
      source: 'tool-severity',
    });
  });

  test('CodeQL security-severity beats problem.severity', () => {
    expect(
      resolve(undefined, { 'problem.severity': 'warning', 'security-severity': '9.3' }, 'warning').severity,
    ).toBe('critical');
  });

  test('Bandit issue_severity and a Severity key', () => {
    expect(resolve({ issue_severity: 'LOW' }, undefined, 'error').severity).toBe('low');
    expect(resolve({ Severity: 'Moderate' }, undefined, 'error').severity).toBe('medium');
  });

  test('a non-string severity value is ignored', () => {
    expect(resolve({ severity: 3, problem: { severity: 2 }, tags: [7] }, undefined, 'note')).toEqual({
      severity: 'low',
      source: 'level',
    });
  });
});
