import { describe, expect, it } from '@jest/globals';
import { dependencyChangesJson } from '../../src/vulns/changes-json.js';
import { validateDependencyChanges } from '../../src/vulns/changes-validate.js';
import type { DependencyReview } from '../../src/vulns/review-model.js';
import { summariseDependencyChanges } from '../../src/report/dependencies.js';
import { REVIEW } from './review-fixture.js';

const withChanges: DependencyReview = {
  ...REVIEW,
  changes: [
    {
      change: 'added',
      ecosystem: 'npm',
      name: 'lodash',
      manifest: 'services/api/package-lock.json',
      to: '4.17.20',
      component: REVIEW.vulnerable[0]!.component,
    },
    {
      change: 'removed',
      ecosystem: 'npm',
      name: 'left-pad',
      manifest: 'services/api/package-lock.json',
      from: '1.3.0',
      component: {
        ...REVIEW.vulnerable[0]!.component,
        name: 'left-pad',
        version: '1.3.0',
        purl: 'pkg:npm/left-pad@1.3.0',
      },
    },
  ],
};

describe('dependency-changes.json', () => {
  const json = dependencyChangesJson(withChanges, '0.1.0');

  it('carries each change with the advisories of its new version, and counts', () => {
    expect(json.changes.map((c) => [c.change, c.name, c.vulnerabilities.map((v) => v.id)])).toEqual([
      ['added', 'lodash', ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']],
      ['removed', 'left-pad', []],
    ]);
    expect(json.changes[0]!.vulnerabilities[0]).toMatchObject({
      fixedIn: '4.17.21',
      upgrade: 'npm install lodash@4.17.21',
    });
    expect(json.counts).toEqual({ added: 1, removed: 1, changed: 0, vulnerable: 1, advisories: 2 });
  });

  it('validates against its schema, and a broken one is refused with the path', () => {
    expect(validateDependencyChanges(JSON.parse(JSON.stringify(json)))).toMatchObject({ ok: true });
    const broken = JSON.parse(JSON.stringify(json));
    broken.changes[0].change = 'upgraded';
    broken.extra = 1;
    const result = validateDependencyChanges(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual(
        expect.arrayContaining([
          "(the top level): must NOT have additional properties 'extra'",
          '/changes/0/change: must be equal to one of the allowed values (added, removed, changed)',
        ]),
      );
    }
  });

  it('summarises for the report: vulnerable rows first, one upgrade past every advisory', () => {
    const summary = summariseDependencyChanges(json);
    expect(summary.counts).toMatchObject({ added: 1, removed: 1, vulnerable: 1, unpinned: 1, licenses: 1 });
    // GHSA-p6mc-m468-83gw has no fixed version in this review: no single command fixes both.
    expect(summary.changes[0]).toMatchObject({ name: 'lodash', change: 'added' });
    expect(summary.changes[0]!.upgrade).toBeUndefined();
    expect(summary.changes[1]).toMatchObject({ name: 'left-pad', change: 'removed', vulnerabilities: [] });
  });
});
