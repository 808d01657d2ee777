// Builders for Report tests: a finding or a report with only what a test cares about set.
import type { Finding, Severity } from '../../src/findings/finding.js';
import { buildReport, type BuildReportInput } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';

let counter = 0;

export function makeFinding(overrides: Partial<Finding> & { severity?: Severity } = {}): Finding {
  counter++;
  return {
    fingerprint: `fp${counter.toString(16).padStart(14, '0')}`,
    tool: { name: 'gosec', version: '2.24.7' },
    seenBy: ['gosec'],
    rule: { id: 'G201', helpUri: 'https://securego.io/docs/rules/g201-g202' },
    message: 'SQL string formatting',
    severity: 'high',
    severitySource: 'tool-severity',
    level: 'error',
    cwes: [89],
    suppressions: [],
    origin: { file: 'gosec.sarif', run: 0, result: counter },
    location: { path: `pkg/store/file${counter}.go`, linkable: true, startLine: 10 + (counter % 50) },
    ...overrides,
  };
}

export function makeReport(findings: Finding[], overrides: Partial<BuildReportInput> = {}): Report {
  return buildReport({
    version: '0.1.0',
    findings,
    ignored: [],
    classification: {
      kind: 'diff',
      changed: { ranges: new Map(), addedFiles: new Set(findings.map((f) => f.location?.path ?? '')) },
    },
    failOn: 'high',
    failOnScope: 'new',
    files: [{ file: 'gosec.sarif', loaded: true, tools: ['gosec'], resultCount: findings.length }],
    diagnostics: [],
    notices: [],
    context: {
      repository: 'octo-org/hello-service',
      sha: 'a'.repeat(40),
      serverUrl: 'https://github.com',
      event: 'pull_request',
      pullRequest: 7,
    },
    ...overrides,
  });
}
