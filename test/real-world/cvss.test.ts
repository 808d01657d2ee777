// CVSS v3 base scores computed from vectors agree with the scores real tools and the FIRST
// specification give.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { cvss3BaseScore, roundUp31 } from '../../src/findings/cvss.js';
import { resolveSeverity } from '../../src/findings/severity.js';
import { itRealWorld, REAL_WORLD } from '../support/real-world.js';

const REAL = REAL_WORLD;

describe('cvss3BaseScore', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ])('%s → %d', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it.each([
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
    'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    '',
  ])('refuses %j', (vector) => {
    expect(cvss3BaseScore(vector)).toBeUndefined();
  });

  it('rounds up as CVSS v3.1 Appendix A says, free of floating-point error', () => {
    expect(roundUp31(4.02)).toBe(4.1);
    expect(roundUp31(4.0)).toBe(4.0);
    expect(roundUp31(4.000001)).toBe(4.0);
  });

  itRealWorld('matches every score Trivy gives with its vector (real data)', () => {
    const sarif = JSON.parse(readFileSync(path.join(REAL, 'sarif', 'trivy-image-alpine-310.sarif'), 'utf8'));
    const more = JSON.parse(readFileSync(path.join(REAL, 'sarif', 'snyk-container.sarif'), 'utf8'));
    const rules = [...sarif.runs[0].tool.driver.rules, ...more.runs[0].tool.driver.rules] as {
      properties?: Record<string, unknown>;
    }[];
    const pairs = rules
      .map((r) => [r.properties?.cvssv3_vector, r.properties?.cvssv3_baseScore])
      .filter(([v, s]) => typeof v === 'string' && typeof s === 'number');
    expect(pairs.length).toBeGreaterThan(0);
    for (const [vector, score] of pairs)
      expect([vector, cvss3BaseScore(vector as string)]).toEqual([vector, score]);
  });

  it('gives a severity when a tool has only the vector', () => {
    expect(
      resolveSeverity({
        resultProperties: undefined,
        ruleProperties: { cvssv3_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        level: 'note',
      }),
    ).toEqual({ severity: 'critical', source: 'cvss', score: 9.8 });
  });
});
