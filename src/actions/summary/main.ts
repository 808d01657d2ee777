/**
 * The summary action: loads every SARIF file, classifies the findings as new, existing or fixed
 * (against a baseline, or the pull request's diff), applies the config file, enriches them with
 * fixes and compliance evidence, gates, and writes the report, the job summary, the PR comment
 * body, annotations and outputs, then delivers the comment (or, when it cannot, the artifact).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { applyConfig } from '../../config/apply.js';
import { formatConfigError } from '../../config/errors.js';
import type { Classification } from '../../findings/classify.js';
import { parseUnifiedDiff } from '../../findings/diff-hunks.js';
import { openFileSource } from '../../io/file-source.js';
import { complianceEvidence } from '../../knowledge/compliance.js';
import type { Finding } from '../../findings/finding.js';
import { packageIndex, remediationWithFixes, summariseDependencyChanges } from '../../report/dependencies.js';
import { DEPENDENCY_TOOL_NAME } from '../../vulns/sarif-output.js';
import { cweForRule } from '../../knowledge/rule-cwe.js';
import { annotationsFor } from '../../report/annotations.js';
import { buildReport } from '../../report/build.js';
import { badgeFor, reportFacts, scanSecondsSince } from '../../report/facts.js';
import { MAX_COMMENT_CHARS, renderCommentMarkdown } from '../../report/comment-markdown.js';
import { type SbomSummary, summariseSbom } from '../../report/inventory.js';
import { serializeReport } from '../../report/serialize.js';
import { type Diagnostic, formatDiagnostic } from '../../sarif/diagnostics.js';
import { type LoadedSarifSet, loadSarifSet } from '../../sarif/load-many.js';
import { VERSION } from '../../version.js';
import { readRunContext } from '../shared/context.js';
import { HANDOFF_DIR, SCAN_STARTED_AT_ENV, SummaryInputs, SummaryOutputs } from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { pullRequestDiff } from '../shared/git.js';
import { displayPath, parseList, resolveFiles } from '../shared/inputs.js';
import { readDependencyChanges } from './dependency-changes.js';
import { renderHtml } from '../../report/html.js';
import { deliver } from './deliver.js';
import { readSettings } from './settings.js';

/** GitHub shows only the first 10 error and 10 warning annotations of a step. */
const MAX_ANNOTATIONS = 10;
const MAX_SUMMARY_BYTES = 1024 * 1024;

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new ConfigurationError(`${name} is not set: this action must run in a GitHub Actions job`);
  return value;
}

function load(patterns: string[], workspace: string, input: string, exclude: string): LoadedSarifSet {
  const files = resolveFiles(patterns, workspace).filter((f) => !f.startsWith(exclude));
  if (files.length === 0) {
    throw new ConfigurationError(
      `No SARIF files matched the '${input}' input (${patterns.join(', ')}). ` +
        'Check the path, and that the scanning step ran before this one and wrote its SARIF there.',
    );
  }
  core.info(`Loading ${files.length} SARIF file(s) for '${input}'`);
  return loadSarifSet(
    files.map((f) => ({ file: displayPath(f, workspace), open: () => openFileSource(f) })),
    { root: workspace, knownCwes: cweForRule },
  );
}

/** The SBOMs of the `sbom` input, summarised for the inventory line; unreadable ones are diagnostics. */
function readSboms(
  input: string,
  workspace: string,
): { summaries: SbomSummary[]; diagnostics: Diagnostic[] } {
  const out = { summaries: [] as SbomSummary[], diagnostics: [] as Diagnostic[] };
  if (input.trim() === '') return out;
  const files = resolveFiles(parseList(input), workspace, '**/*.json');
  if (files.length === 0) {
    throw new ConfigurationError(
      `No SBOM files matched the '${SummaryInputs.sbom}' input (${input.trim()}). Check the path, and that the SBOM step ran before this one.`,
    );
  }
  for (const file of files) {
    const shown = displayPath(file, workspace);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      out.diagnostics.push({
        level: 'error',
        file: shown,
        message: `could not read the SBOM: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Give a CycloneDX or SPDX JSON document',
      });
      continue;
    }
    const summary = summariseSbom(value, shown);
    if ('format' in summary) out.summaries.push(summary);
    else out.diagnostics.push(summary);
  }
  return out;
}

export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const workspace = context.workspace;
    const runnerTemp = requireEnv('RUNNER_TEMP');
    const handoff = path.join(runnerTemp, HANDOFF_DIR);
    const today = new Date();
    const settings = readSettings(workspace, today);
    for (const e of settings.configErrors) {
      core.error(formatConfigError(e), {
        title: 'Config file error',
        file: e.file,
        startLine: e.line,
        startColumn: e.column,
      });
    }
    const reportDir = path.resolve(
      workspace,
      core.getInput(SummaryInputs.reportDir) || path.join(handoff, 'report'),
    );
    const sarifInput = core.getInput(SummaryInputs.sarif);
    const head = load(
      sarifInput.trim() === '' ? [handoff] : parseList(sarifInput),
      workspace,
      SummaryInputs.sarif,
      `${reportDir}${path.sep}`,
    );

    // New versus existing: a baseline when given, else the pull request's diff, else a push.
    const notices = [...settings.notices];
    let classification: Classification;
    let failOnScope = settings.failOnScope;
    const baselineInput = core.getInput(SummaryInputs.baseline);
    let baseline: LoadedSarifSet | undefined;
    if (baselineInput.trim() !== '') {
      baseline = load(parseList(baselineInput), workspace, SummaryInputs.baseline, `${reportDir}${path.sep}`);
      classification = { kind: 'baseline', baseline: baseline.findings };
    } else if (context.pullRequest) {
      const diff = pullRequestDiff(workspace, context.pullRequest.baseSha, context.pullRequest.headSha);
      if (diff.ok) {
        classification = { kind: 'diff', changed: parseUnifiedDiff(diff.diff) };
      } else {
        // Without the diff nothing can be told new: fail closed, every finding counts.
        classification = { kind: 'none' };
        failOnScope = 'all';
        const message = `New findings could not be told from existing ones (${diff.reason}), so every finding counts for the gate. Check out with 'fetch-depth: 0', or pass the base branch's SARIF as 'baseline'.`;
        core.warning(message);
        notices.push(message);
      }
    } else {
      classification = { kind: 'push' };
    }

    const sboms = readSboms(core.getInput(SummaryInputs.sbom), workspace);
    const dependencyInput = readDependencyChanges(
      core.getInput(SummaryInputs.dependencyChanges),
      handoff,
      workspace,
    );
    const dependencyChanges = dependencyInput.changes;
    // Dependency findings get their fix (version and upgrade command) from the review.
    const remediation = remediationWithFixes(dependencyChanges);

    const packages = dependencyChanges ? packageIndex(dependencyChanges) : undefined;
    const applied = applyConfig(head.findings, settings.config, today, {
      ...(packages
        ? {
            packageOf: (f: Finding) =>
              f.location ? packages.get(`${f.location.path}\0${f.location.startLine ?? 0}`) : undefined,
          }
        : {}),
    });
    notices.push(...applied.notices);
    if (applied.excluded > 0) core.info(`${applied.excluded} finding(s) in excluded paths were dropped`);
    const allTools = [...new Set(head.files.flatMap((f) => f.runs.map((r) => r.tool.name)))];
    const tools = allTools.filter((t) => t !== DEPENDENCY_TOOL_NAME);
    const dependencyVulnerable = dependencyChanges?.counts.vulnerable;
    const report = buildReport({
      version: VERSION,
      findings: applied.kept,
      ignored: applied.ignored,
      classification,
      failOn: settings.failOn,
      failOnScope,
      files: [...head.files, ...(baseline?.files ?? [])].map((f) => ({
        file: f.file,
        loaded: f.loaded,
        tools: [...new Set(f.runs.map((r) => r.tool.name))],
        resultCount: f.resultCount,
      })),
      diagnostics: [
        ...head.diagnostics,
        ...(baseline?.diagnostics ?? []),
        ...sboms.diagnostics,
        ...dependencyInput.diagnostics,
      ],
      inventory: sboms.summaries,
      ...(dependencyChanges ? { dependencies: summariseDependencyChanges(dependencyChanges) } : {}),
      ...(settings.projects ? { projects: settings.projects } : {}),
      notices,
      context: {
        ...(context.repository ? { repository: context.repository } : {}),
        ...(context.sha ? { sha: context.sha } : {}),
        serverUrl: context.serverUrl,
        event: context.eventName,
        ...(context.pullRequest
          ? { pullRequest: context.pullRequest.number, baseRef: context.pullRequest.baseRef }
          : {}),
      },
      remediation,
      compliance: ({ newCount, fixedCount, verdict }) =>
        complianceEvidence({
          sast: { ran: tools.length > 0, tools },
          dependencyReview: {
            ran: dependencyChanges !== undefined || allTools.includes(DEPENDENCY_TOOL_NAME),
            ...(dependencyVulnerable !== undefined ? { vulnerable: dependencyVulnerable } : {}),
          },
          sbom: {
            ran: sboms.summaries.length > 0,
            formats: [...new Set(sboms.summaries.map((s) => s.format))],
          },
          gate: { verdict, failOn: settings.failOn },
          pullRequest: context.pullRequest !== undefined,
          newFindings: newCount,
          fixedFindings: fixedCount,
        }),
    });

    mkdirSync(reportDir, { recursive: true });
    const reportJson = path.join(reportDir, 'report.json');
    const reportMarkdown = path.join(reportDir, 'report.md');
    writeFileSync(reportJson, `${JSON.stringify(serializeReport(report))}\n`);
    const shownReport = displayPath(reportJson, workspace);
    // With upload-artifact: always the report artifact exists whatever happens to the comment: the
    // comment links the run's artifacts (the artifact's own URL is known only after the upload).
    const runId = process.env.GITHUB_RUN_ID;
    const artifact =
      settings.uploadArtifact === 'always' && context.repository && runId && /^\d+$/.test(runId)
        ? {
            name: settings.artifactName,
            url: `${context.serverUrl}/${context.repository}/actions/runs/${runId}#artifacts`,
          }
        : undefined;
    const commentBody = renderCommentMarkdown(report, {
      budget: MAX_COMMENT_CHARS,
      unit: 'chars',
      fullReport: `the workflow run's report artifact (${path.basename(reportJson)})`,
      ...(artifact ? { artifact } : {}),
    });
    writeFileSync(reportMarkdown, commentBody);
    // The same report as one self-contained page (no request to any host), for the artifact.
    const reportHtml = path.join(reportDir, 'report.html');
    writeFileSync(reportHtml, renderHtml(report));
    // For developer portals: facts a scorecard reads, and a shields.io endpoint badge.
    const factsJson = path.join(reportDir, 'facts.json');
    const badgeJson = path.join(reportDir, 'badge.json');
    const facts = reportFacts(report, {
      generatedAt: new Date(),
      scanSeconds: scanSecondsSince(process.env[SCAN_STARTED_AT_ENV], Date.now()),
    });
    writeFileSync(factsJson, `${JSON.stringify(facts, null, 2)}\n`);
    writeFileSync(badgeJson, `${JSON.stringify(badgeFor(report), null, 2)}\n`);

    core.setOutput(SummaryOutputs.verdict, report.gate.verdict);
    core.setOutput(SummaryOutputs.newCount, String(report.counts.new));
    core.setOutput(SummaryOutputs.fixedCount, String(report.counts.fixed));
    core.setOutput(SummaryOutputs.existingCount, String(report.counts.existing));
    core.setOutput(SummaryOutputs.totalCount, String(report.counts.all.total));
    core.setOutput(
      SummaryOutputs.counts,
      JSON.stringify({
        bySeverity: report.counts.all.bySeverity,
        byTool: report.counts.all.byTool,
        newBySeverity: report.counts.newBySeverity,
      }),
    );
    core.setOutput(SummaryOutputs.reportJson, reportJson);
    core.setOutput(SummaryOutputs.reportMarkdown, reportMarkdown);
    core.setOutput(SummaryOutputs.reportHtml, reportHtml);
    core.setOutput(SummaryOutputs.factsJson, factsJson);
    core.setOutput(SummaryOutputs.badgeJson, badgeJson);
    await core.summary
      .addRaw(
        renderCommentMarkdown(report, {
          budget: MAX_SUMMARY_BYTES - 1024,
          unit: 'bytes',
          marker: false,
          listProblems: true,
          fullReport: shownReport,
        }),
      )
      .write();

    const { annotations, omitted } = annotationsFor(report);
    for (const a of annotations) {
      const props = {
        title: a.title,
        file: a.file,
        startLine: a.startLine,
        endLine: a.endLine,
        startColumn: a.startColumn,
        endColumn: a.endColumn,
      };
      if (a.level === 'error') core.error(a.message, props);
      else if (a.level === 'warning') core.warning(a.message, props);
      else core.notice(a.message, props);
    }
    if (omitted > 0) core.info(`${omitted} more new finding(s) are in the job summary and ${shownReport}`);

    const errors = report.diagnostics.filter((d) => d.level === 'error');
    // Files other than SARIF (SBOMs, the dependency changes) whose problems are their own.
    const otherInputs = new Set([...sboms.diagnostics, ...dependencyInput.diagnostics].map((d) => d.file));
    const warnings = report.diagnostics.filter((d) => d.level === 'warning');
    const slots = (level: 'error' | 'warning') =>
      Math.max(0, MAX_ANNOTATIONS - annotations.filter((a) => a.level === level).length);
    const refusedFiles = new Set(report.files.filter((f) => !f.loaded).map((f) => f.file));
    errors.forEach((d, i) => {
      if (i < slots('error')) {
        core.error(formatDiagnostic(d), {
          title: otherInputs.has(d.file)
            ? 'Input file not read'
            : refusedFiles.has(d.file)
              ? 'SARIF file not loaded'
              : 'SARIF result skipped',
          file: d.file,
          startLine: d.line,
        });
      } else core.info(formatDiagnostic(d));
    });
    warnings.forEach((d, i) => {
      if (i < slots('warning'))
        core.warning(formatDiagnostic(d), {
          title: otherInputs.has(d.file) ? 'Input file read with a caveat' : 'SARIF loaded leniently',
          file: d.file,
          startLine: d.line,
        });
      else core.info(formatDiagnostic(d));
    });
    const deliveryFailure = await deliver(report, commentBody, context, settings, [
      reportJson,
      reportMarkdown,
      reportHtml,
      factsJson,
      badgeJson,
    ]);
    core.info(`${report.gate.verdict.toUpperCase()}: ${report.gate.reason} Report: ${reportJson}`);

    const withSkipped =
      new Set(errors.map((d) => d.file).filter((f) => !otherInputs.has(f))).size - refusedFiles.size;
    const unreadInputs = [...otherInputs].filter((f) => errors.some((d) => d.file === f));
    if (settings.configErrors.length > 0) {
      core.setFailed(
        `${settings.configFile ?? 'The config file'} has ${settings.configErrors.length} error(s) (see above); fix them so the settings you meant apply.`,
      );
    } else if (refusedFiles.size > 0) {
      core.setFailed(
        `${refusedFiles.size} of ${report.files.length} SARIF file(s) could not be loaded (see the errors above); the other files were reported.`,
      );
    } else if (unreadInputs.length > 0) {
      core.setFailed(
        `${unreadInputs.join(', ')} could not be read (see the errors above); the SARIF findings were reported.`,
      );
    } else if (withSkipped > 0) {
      core.setFailed(
        `${withSkipped} SARIF file(s) had results that could not be read and were skipped (see the errors above); the rest was reported.`,
      );
    } else if (report.gate.verdict === 'fail') {
      core.setFailed(`Paved Path gate: ${report.gate.reason}`);
    } else if (deliveryFailure) {
      core.setFailed(deliveryFailure);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) {
      core.setFailed(error.message);
    } else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
      core.setFailed(
        `Paved Path summary failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
