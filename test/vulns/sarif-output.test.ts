import { describe, expect, it } from '@jest/globals';
import { loadSarif } from '../../src/sarif/load.js';
import {
  dependencyReviewSarif,
  FINGERPRINT_KEY,
  LICENSE_RULE,
  UNPINNED_RULE,
} from '../../src/vulns/sarif-output.js';
import { REVIEW } from './review-fixture.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';

describe('dependency review SARIF', () => {
  const log = dependencyReviewSarif(REVIEW, {
    version: '0.1.0',
    informationUri: 'https://github.com/pavedpath/pavedpath',
  });

  it('one result per component and advisory, rules with severity and CWE tags, stable fingerprints', () => {
    const run = (
      log as {
        runs: {
          tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } };
          results: Record<string, unknown>[];
        }[];
      }
    ).runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-p6mc-m468-83gw',
      UNPINNED_RULE,
      LICENSE_RULE,
    ]);
    expect(run.tool.driver.rules[0]!.properties).toMatchObject({
      'security-severity': '7.2',
      tags: ['security', 'dependency', 'vulnerability', 'external/cwe/cwe-77', 'external/cwe/cwe-94'],
    });
    expect(run.tool.driver.rules[1]!.properties['security-severity']).toBe('5.5');
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toMatchObject({
      ruleId: 'GHSA-35jh-r3h4-6jhm',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/api/package-lock.json' },
            region: { startLine: 42 },
          },
        },
      ],
      properties: {
        pavedpath: { fixedIn: '4.17.21', upgrade: 'npm install lodash@4.17.21', change: 'added' },
      },
    });
    const again = dependencyReviewSarif(REVIEW, { version: '9.9.9', informationUri: 'x' });
    expect(
      JSON.stringify(
        (again as { runs: { results: { partialFingerprints: unknown }[] }[] }).runs[0]!.results.map(
          (r) => r.partialFingerprints,
        ),
      ),
    ).toBe(JSON.stringify(run.results.map((r) => r.partialFingerprints)));
    expect(Object.keys(run.results[0]!.partialFingerprints as object)).toEqual([FINGERPRINT_KEY]);
  });

  it('reads back through the summary loader: severity from security-severity, CWE ids, the location', () => {
    const loaded = loadSarif(Buffer.from(JSON.stringify(log)), 'dependencies.sarif');
    expect(loaded.diagnostics).toEqual([]);
    const findings = loaded.findings;
    expect(findings.map((f) => [f.rule.id, f.severity])).toEqual([
      ['GHSA-35jh-r3h4-6jhm', 'high'],
      ['GHSA-p6mc-m468-83gw', 'medium'],
      [UNPINNED_RULE, 'low'],
      [LICENSE_RULE, expect.any(String)],
    ]);
    expect(findings[0]!.cwes).toEqual([77, 94]);
    expect(findings[0]!.location).toMatchObject({ path: 'services/api/package-lock.json', startLine: 42 });
  });

  (HAS_SARIF_VALIDATOR ? it : it.skip)(
    "passes Microsoft's SARIF validator with GitHub's ingestion rules",
    () => {
      expect(validateSarif(log)).toEqual([]);
    },
    120_000,
  );
});
