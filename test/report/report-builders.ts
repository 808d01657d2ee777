// Builders for Report tests: a finding or a report with only what a test cares about set, and a
// report built the way the summary action builds it, from SARIF logs on disk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Severity } from '../../src/findings/finding.js';
import { complianceEvidence } from '../../src/knowledge/compliance.js';
import { cachedRemediationFor } from '../../src/knowledge/remediation.js';
import { cweForRule } from '../../src/knowledge/rule-cwe.js';
import { buildReport, type BuildReportInput } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';
import { bufferSource } from '../../src/sarif/byte-source.js';
import type { LoadOptions } from '../../src/sarif/load.js';
import { type LoadedSarifSet, loadSarifSet } from '../../src/sarif/load-many.js';

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

/** Pull request 7 of octo-org/hello-service into main, at commit c…c: every context field set. */
export const PULL_REQUEST_CONTEXT: BuildReportInput['context'] = {
  repository: 'octo-org/hello-service',
  sha: 'c'.repeat(40),
  serverUrl: 'https://github.com',
  event: 'pull_request',
  pullRequest: 7,
  baseRef: 'main',
};

/** The `.sarif` files of `dir`, in name order, loaded into one set. */
export function loadSarifDir(
  dir: string,
  options: LoadOptions = {},
): { names: string[]; set: LoadedSarifSet } {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.sarif'))
    .sort();
  const set = loadSarifSet(
    names.map((name) => ({ file: name, open: () => bufferSource(readFileSync(path.join(dir, name))) })),
    options,
  );
  return { names, set };
}

/** The report's files, as the summary action lists a loaded set's: each file's tools and result count. */
export function reportFiles(set: LoadedSarifSet): BuildReportInput['files'] {
  return set.files.map((f) => ({
    file: f.file,
    loaded: f.loaded,
    tools: [...new Set(f.runs.map((r) => r.tool.name))],
    resultCount: f.resultCount,
  }));
}

/**
 * A report as the summary action builds it, from the SARIF files of `dir` (CWEs from the rule maps,
 * remediation and compliance filled in), for pull request 7: the files of the first `added` findings
 * are the ones the pull request adds.
 */
export function reportFromSarifDir(dir: string, added: number): Report {
  const { set } = loadSarifDir(dir, { knownCwes: cweForRule });
  const tools = [...new Set(set.files.flatMap((f) => f.runs.map((r) => r.tool.name)))];
  return buildReport({
    version: '1.0.0',
    findings: set.findings,
    ignored: [],
    classification: {
      kind: 'diff',
      changed: {
        ranges: new Map(),
        addedFiles: new Set(set.findings.slice(0, added).map((f) => f.location?.path ?? '')),
      },
    },
    failOn: 'high',
    failOnScope: 'new',
    files: reportFiles(set),
    diagnostics: set.diagnostics,
    notices: [],
    context: PULL_REQUEST_CONTEXT,
    remediation: cachedRemediationFor(),
    compliance: ({ newCount, fixedCount, verdict }) =>
      complianceEvidence({
        sast: { ran: tools.length > 0, tools },
        dependencyReview: { ran: false },
        sbom: { ran: false },
        gate: { verdict, failOn: 'high' },
        pullRequest: true,
        newFindings: newCount,
        fixedFindings: fixedCount,
      }),
  });
}
