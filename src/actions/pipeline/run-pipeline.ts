/**
 * The whole pipeline in one process: SAST, dependency review, SBOM, then the summary with its
 * sticky comment, each stage being the suite's own action run in process (src/actions/<name>),
 * with the inputs this pipeline gives it over the defaults of its action.yml. The all-in-one
 * action (action.yml at the repository root) and the `pavedpath` CLI both call runPipeline.
 *
 * Hand-offs between stages are the files the single actions already agree on, under
 * ${RUNNER_TEMP}/pavedpath: sast.sarif, dependencies.sarif, dependency-changes.json, sbom/.
 *
 * Baseline: with `baselineDir`, a run that is not for a pull request saves the SARIF of its scans
 * there (for a cache to keep), and a pull-request run that finds SARIF there hands it to the
 * summary as the baseline, so a finding already on the base branch is reported as existing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { run as runDependencyReview } from '../dependency-review/main.js';
import { run as runSast } from '../sast/main.js';
import { run as runSbom } from '../sbom/main.js';
import { HANDOFF_DIR, SCAN_STARTED_AT_ENV } from '../shared/constants.js';
import { run as runSummary } from '../summary/main.js';
import { findActionsDir, runStage, type StageName, type StageRun } from './stage.js';

export const SBOM_FORMATS_OR_NONE = ['cyclonedx-json', 'spdx-json', 'both', 'none'] as const;
export type SbomFormatOrNone = (typeof SBOM_FORMATS_OR_NONE)[number];

export interface PipelineOptions {
  /** The folder to scan, relative to the workspace. */
  path: string;
  /** Whether this run is for a pull request (the baseline is read, not saved). */
  pullRequest: boolean;
  runnerTemp: string;
  token: string;
  engines?: string;
  sastConfig?: string;
  changedFilesOnly?: string;
  toolsMirror?: string;
  category?: string;
  allowLicenses?: string;
  denyLicenses?: string;
  offlineDb?: string;
  osvApiUrl?: string;
  sbomFormat: SbomFormatOrNone;
  failOn?: string;
  failOnScope?: string;
  config?: string;
  comment?: string;
  uploadArtifact?: string;
  artifactName?: string;
  baselineDir?: string;
  /** Where actions/<name>/action.yml are; found from this module by default. */
  actionsDir?: string;
}

export interface PipelineResult {
  stages: StageRun[];
  /** The summary's outputs (verdict, counts, report files, comment). */
  outputs: Record<string, string>;
  /** SARIF files the scans wrote. */
  sarif: string[];
  sbom: string[];
  /** Whether the summary's gate failed. */
  gateFailed: boolean;
  /** Stages that reported a failure other than the gate's. */
  failedStages: StageName[];
  baseline: 'used' | 'saved' | 'none';
}

/** Only the inputs that were given: an empty one would hide the stage's own default. */
function given(inputs: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

function sarifIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sarif'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const startedAt = Date.now();
  const actionsDir = options.actionsDir ?? findActionsDir();
  const handoff = path.join(options.runnerTemp, HANDOFF_DIR);
  mkdirSync(handoff, { recursive: true });
  const scratch = mkdtempSync(path.join(options.runnerTemp, 'pavedpath-pipeline-'));
  const stageOptions = { actionsDir, token: options.token, scratch };
  const stages: StageRun[] = [];
  const stage = async (name: StageName, run: () => Promise<void>, inputs: Record<string, string>) => {
    core.startGroup(`Paved Path: ${name}`);
    try {
      const result = await runStage(name, run, inputs, stageOptions);
      stages.push(result);
      core.info(`${name}: ${result.ok ? 'done' : 'failed'} in ${(result.durationMs / 1000).toFixed(1)} s`);
      return result;
    } finally {
      core.endGroup();
    }
  };

  let changedFilesOnly = options.changedFilesOnly || 'auto';
  let baseline: PipelineResult['baseline'] = 'none';
  let baselineFiles: string[] = [];
  if (options.baselineDir && options.pullRequest) {
    baselineFiles = sarifIn(options.baselineDir);
    if (baselineFiles.length > 0) {
      baseline = 'used';
      core.info(`Baseline: ${String(baselineFiles.length)} SARIF file(s) from ${options.baselineDir}.`);
      // Compared with a baseline, a finding of an unchanged file that was not scanned would count
      // as fixed: the SAST stage scans every file then.
      if (changedFilesOnly === 'auto') changedFilesOnly = 'false';
    } else {
      core.info(
        `Baseline: none in ${options.baselineDir}; new findings are those on the lines the pull request changed.`,
      );
    }
  }

  const sast = await stage(
    'sast',
    runSast,
    given({
      path: options.path,
      engines: options.engines,
      config: options.sastConfig,
      'changed-files-only': changedFilesOnly,
      'tools-mirror': options.toolsMirror,
      category: options.category,
      output: path.join(handoff, 'sast.sarif'),
    }),
  );
  const dependencies = await stage(
    'dependency-review',
    runDependencyReview,
    given({
      path: options.path,
      'offline-db': options.offlineDb,
      'osv-api-url': options.osvApiUrl,
      'allow-licenses': options.allowLicenses,
      'deny-licenses': options.denyLicenses,
      // The summary's gate decides; the stage only reports.
      'fail-on-severity': 'none',
      output: path.join(handoff, 'dependencies.sarif'),
      'changes-output': path.join(handoff, 'dependency-changes.json'),
    }),
  );
  let sbomDir: string | undefined;
  if (options.sbomFormat !== 'none') {
    sbomDir = path.join(handoff, 'sbom');
    await stage('sbom', runSbom, given({ path: options.path, format: options.sbomFormat, output: sbomDir }));
  }

  const sarif = [sast.outputs.sarif, dependencies.outputs.sarif].filter(
    (f): f is string => f !== undefined && f !== '' && existsSync(f),
  );
  // The summary's facts.json gives the whole run's time: from a start the workflow set, else ours.
  const ownStart = !process.env[SCAN_STARTED_AT_ENV];
  if (ownStart) process.env[SCAN_STARTED_AT_ENV] = String(startedAt);
  const summary = await stage(
    'summary',
    runSummary,
    given({
      sarif: sarif.join('\n'),
      baseline: baselineFiles.join('\n'),
      'dependency-changes': dependencies.outputs.changes,
      sbom: sbomDir,
      'fail-on': options.failOn,
      'fail-on-scope': options.failOnScope,
      config: options.config,
      comment: options.comment,
      token: options.token,
      'upload-artifact': options.uploadArtifact,
      'artifact-name': options.artifactName,
    }),
  ).finally(() => {
    if (ownStart) Reflect.deleteProperty(process.env, SCAN_STARTED_AT_ENV);
  });

  // Only the SAST findings make the baseline: the dependency review compares the base and head
  // lockfiles itself and, on a pull request, reports only the packages it changes.
  const sastSarif = sast.outputs.sarif;
  if (options.baselineDir && !options.pullRequest && sast.ok && sastSarif && existsSync(sastSarif)) {
    rmSync(options.baselineDir, { recursive: true, force: true });
    mkdirSync(options.baselineDir, { recursive: true });
    copyFileSync(sastSarif, path.join(options.baselineDir, path.basename(sastSarif)));
    baseline = 'saved';
    core.info(
      `Baseline: saved the SAST findings to ${options.baselineDir} for pull requests to compare with.`,
    );
  }
  rmSync(scratch, { recursive: true, force: true });

  const verdict = summary.outputs.verdict;
  return {
    stages,
    outputs: summary.outputs,
    sarif,
    sbom: (stages.find((s) => s.name === 'sbom')?.outputs.sbom ?? '').split('\n').filter(Boolean),
    gateFailed: verdict === 'fail',
    // The summary's own failure is the gate's when it gave a verdict of fail; otherwise a failure.
    failedStages: stages
      .filter((s) => !s.ok && !(s.name === 'summary' && verdict === 'fail'))
      .map((s) => s.name),
    baseline,
  };
}
