/** The gate: does this run fail, given the threshold and whether only new findings count. */
import type { Finding, Severity } from './finding.js';
import { SEVERITIES, severityRank } from './finding.js';

export type FailOn = Severity | 'none';
export type FailOnScope = 'new' | 'all';

export interface Gate {
  verdict: 'pass' | 'fail';
  failOn: FailOn;
  scope: FailOnScope;
  failing: string[];
  reason: string;
}

export function evaluateGate(
  counted: { new: readonly Finding[]; existing: readonly Finding[] },
  failOn: FailOn,
  scope: FailOnScope,
): Gate {
  if (failOn === 'none') {
    return { verdict: 'pass', failOn, scope, failing: [], reason: 'The gate is off (fail-on: none).' };
  }
  const pool = scope === 'new' ? counted.new : [...counted.new, ...counted.existing];
  const threshold = severityRank(failOn);
  const failing = pool.filter((f) => severityRank(f.severity) >= threshold);
  const what = scope === 'new' ? 'new ' : '';
  const atLeast = failOn === 'critical' ? 'critical' : `${failOn} or higher`;
  if (failing.length === 0) {
    return {
      verdict: 'pass',
      failOn,
      scope,
      failing: [],
      reason: `No ${what}findings of ${atLeast} severity.`,
    };
  }
  const bySeverity = SEVERITIES.map((s) => [s, failing.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  return {
    verdict: 'fail',
    failOn,
    scope,
    failing: failing.map((f) => f.fingerprint),
    reason: `${failing.length} ${what}finding(s) of ${atLeast} severity (${bySeverity}).`,
  };
}
