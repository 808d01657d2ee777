/**
 * Builds and renders the report for 200,000 findings (classification against a baseline, the
 * gate, the PR comment, the job summary, annotations, report.json) and prints the time taken.
 */
import type { Finding, Severity } from '../src/findings/finding.js';
import { fingerprintOf, OccurrenceCounter } from '../src/findings/fingerprint.js';
import { cachedRemediationFor } from '../src/knowledge/remediation.js';
import { annotationsFor } from '../src/report/annotations.js';
import { buildReport } from '../src/report/build.js';
import { MAX_COMMENT_CHARS, renderCommentMarkdown } from '../src/report/comment-markdown.js';
import { serializeReport } from '../src/report/serialize.js';

const count = Number(process.argv[2] ?? 200_000);
const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'note'];
// One rule object per rule, shared by its findings, as the SARIF loader gives them.
const rules = Array.from({ length: 60 }, (_, r) => ({
  id: `R${r}`,
  helpUri: `https://example.com/rules/${r}`,
}));
const findings: Finding[] = [];
// Fingerprints as the SARIF loader computes them (src/findings/fingerprint.ts), one counter per run.
const occurrences = { gosec: new OccurrenceCounter(), 'Semgrep OSS': new OccurrenceCounter() };
for (let i = 0; i < count; i++) {
  const tool = i % 2 === 0 ? 'gosec' : 'Semgrep OSS';
  const rule = rules[i % 60] as Finding['rule'];
  const path = `services/svc${i % 40}/file${i % 3000}.go`;
  const message = `User input reaches a sink in handler${i % 977}() “q${i % 97}”`;
  findings.push({
    fingerprint: fingerprintOf(
      {
        tool,
        ruleId: rule.id,
        path,
        snippet: undefined,
        message,
        fingerprints: undefined,
        partialFingerprints: { primaryLocationLineHash: `${i.toString(16)}:1` },
      },
      occurrences[tool],
    ),
    tool: { name: tool },
    seenBy: [tool],
    rule,
    message,
    severity: severities[i % 5] as Severity,
    severitySource: 'security-severity',
    level: 'warning',
    cwes: [[89, 78, 22, 79][i % 4] as number],
    suppressions: [],
    origin: { file: 'bench.sarif', run: 0, result: i },
    location: { path, linkable: true, startLine: (i % 900) + 1 },
  });
}
// A baseline holding 90% of them, and 1,000 that the head fixed.
const baseline = findings.filter((_, i) => i % 10 !== 0);
for (let i = 0; i < 1000; i++) baseline.push({ ...(findings[i] as Finding), fingerprint: `fixed${i}` });

const start = performance.now();
const report = buildReport({
  version: '0.1.0',
  findings,
  ignored: [],
  classification: { kind: 'baseline', baseline },
  failOn: 'high',
  failOnScope: 'new',
  files: [{ file: 'bench.sarif', loaded: true, tools: ['gosec', 'Semgrep OSS'], resultCount: count }],
  diagnostics: [],
  notices: [],
  context: {
    repository: 'octo-org/hello-service',
    sha: 'a'.repeat(40),
    serverUrl: 'https://github.com',
    event: 'pull_request',
  },
  // As the action does: the real catalogue, one remediation object per rule and CWE list.
  remediation: cachedRemediationFor(),
});
const t1 = performance.now();
const comment = renderCommentMarkdown(report, {
  budget: MAX_COMMENT_CHARS,
  unit: 'chars',
  fullReport: 'report.json',
});
const summary = renderCommentMarkdown(report, { budget: 1024 * 1024, unit: 'bytes', marker: false });
const t2 = performance.now();
const { annotations } = annotationsFor(report);
const t3 = performance.now();
const json = JSON.stringify(serializeReport(report));
const ms = performance.now() - start;
const parts = { build: t1 - start, markdown: t2 - t1, annotations: t3 - t2, json: performance.now() - t3 };
process.stdout.write(
  `${JSON.stringify({ ms, parts, count, newCount: report.counts.new, fixed: report.counts.fixed, comment: comment.length, summary: Buffer.byteLength(summary), annotations: annotations.length, json: json.length })}\n`,
);
