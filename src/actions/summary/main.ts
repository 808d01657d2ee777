/**
 * The summary action: loads every SARIF file it is given, normalises and deduplicates the
 * findings, and reports them in outputs, the job summary and report files. Classification
 * (new / existing / fixed), the gate, the config file and the PR comment build on this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { countFindings } from '../../findings/counts.js';
import { openFileSource } from '../../io/file-source.js';
import { renderFindingsMarkdown } from '../../report/findings-markdown.js';
import { formatDiagnostic } from '../../sarif/diagnostics.js';
import { loadSarifSet } from '../../sarif/load-many.js';
import { HANDOFF_DIR, SummaryInputs, SummaryOutputs } from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { displayPath, parseList, resolveFiles } from '../shared/inputs.js';

/** GitHub shows only the first 10 error and 10 warning annotations of a step. */
const MAX_ANNOTATIONS = 10;

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new ConfigurationError(`${name} is not set: this action must run in a GitHub Actions job`);
  return value;
}

export async function run(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const runnerTemp = requireEnv('RUNNER_TEMP');
    const handoff = path.join(runnerTemp, HANDOFF_DIR);
    const sarifInput = core.getInput(SummaryInputs.sarif);
    const patterns = sarifInput.trim() === '' ? [handoff] : parseList(sarifInput);
    const reportDir = path.resolve(
      workspace,
      core.getInput(SummaryInputs.reportDir) || path.join(handoff, 'report'),
    );

    const files = resolveFiles(patterns, workspace).filter((f) => !f.startsWith(`${reportDir}${path.sep}`));
    if (files.length === 0) {
      throw new ConfigurationError(
        `No SARIF files matched the '${SummaryInputs.sarif}' input (${patterns.join(', ')}). ` +
          'Check the path, and that the scanning step ran before this one and wrote its SARIF there.',
      );
    }
    core.info(`Loading ${files.length} SARIF file(s)`);
    const set = loadSarifSet(
      files.map((f) => ({ file: displayPath(f, workspace), open: () => openFileSource(f) })),
      { root: workspace },
    );
    const counts = countFindings(set.findings);

    mkdirSync(reportDir, { recursive: true });
    const reportJson = path.join(reportDir, 'report.json');
    const reportMarkdown = path.join(reportDir, 'report.md');
    writeFileSync(
      reportJson,
      `${JSON.stringify({ schema: 'pavedpath-findings/0', files: set.files, counts, findings: set.findings, diagnostics: set.diagnostics }, null, 2)}\n`,
    );
    const markdown = renderFindingsMarkdown({
      findings: set.findings,
      counts,
      diagnostics: set.diagnostics,
      fileCount: files.length,
      loadedCount: set.files.filter((f) => f.loaded).length,
      reportPath: displayPath(reportJson, workspace),
    });
    writeFileSync(reportMarkdown, markdown);

    core.setOutput(SummaryOutputs.totalCount, String(counts.total));
    core.setOutput(
      SummaryOutputs.counts,
      JSON.stringify({ bySeverity: counts.bySeverity, byTool: counts.byTool }),
    );
    core.setOutput(SummaryOutputs.reportJson, reportJson);
    core.setOutput(SummaryOutputs.reportMarkdown, reportMarkdown);
    await core.summary.addRaw(markdown).write();

    const errors = set.diagnostics.filter((d) => d.level === 'error');
    const warnings = set.diagnostics.filter((d) => d.level === 'warning');
    for (const d of errors.slice(0, MAX_ANNOTATIONS)) {
      core.error(formatDiagnostic(d), {
        title:
          set.files.find((f) => f.file === d.file)?.loaded === false
            ? 'SARIF file not loaded'
            : 'SARIF result skipped',
        file: d.file,
        startLine: d.line,
      });
    }
    for (const d of warnings.slice(0, MAX_ANNOTATIONS)) {
      core.warning(formatDiagnostic(d), { title: 'SARIF loaded leniently', file: d.file, startLine: d.line });
    }
    for (const d of [...errors.slice(MAX_ANNOTATIONS), ...warnings.slice(MAX_ANNOTATIONS)])
      core.info(formatDiagnostic(d));
    core.info(
      `${counts.total} finding(s) from ${set.resultCount} result(s) in ${files.length} file(s); report: ${reportJson}`,
    );
    const refused = set.files.filter((f) => !f.loaded).length;
    const withSkipped = new Set(errors.map((d) => d.file)).size - refused;
    if (refused > 0) {
      core.setFailed(
        `${refused} of ${files.length} SARIF file(s) could not be loaded (see the errors above); the other files were reported.`,
      );
    } else if (withSkipped > 0) {
      core.setFailed(
        `${withSkipped} SARIF file(s) had results that could not be read and were skipped (see the errors above); the rest was reported.`,
      );
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
