// Builds Findings for config tests: defaults for every field, overrides for what a test is about.
import type { Finding } from '../../src/findings/finding.js';

let next = 0;

export function createTestFinding(
  overrides: Partial<Omit<Finding, 'rule'>> & { ruleId?: string; path?: string } = {},
): Finding {
  const { ruleId = 'G104', path = 'cmd/main.go', ...rest } = overrides;
  next++;
  return {
    fingerprint: `fp${String(next).padStart(4, '0')}`,
    tool: { name: 'gosec' },
    seenBy: ['gosec'],
    rule: { id: ruleId },
    message: 'Errors unhandled.',
    severity: 'low',
    severitySource: 'level',
    level: 'warning',
    cwes: [],
    location: { path, linkable: true, startLine: 10 },
    suppressions: [],
    origin: { file: 'gosec.sarif', run: 0, result: next },
    ...rest,
  };
}
