/**
 * The all-in-one action (action.yml at the repository root): the whole pipeline in one step,
 * with the inputs of the single actions under the same names, and the summary's outputs.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { readRunContext } from '../shared/context.js';
import { ConfigurationError } from '../shared/errors.js';
import { choice } from '../shared/inputs.js';
import { runPipeline, SBOM_FORMATS_OR_NONE } from './run-pipeline.js';

export const PipelineInputs = {
  path: 'path',
  engines: 'engines',
  sastConfig: 'sast-config',
  changedFilesOnly: 'changed-files-only',
  toolsMirror: 'tools-mirror',
  category: 'category',
  allowLicenses: 'allow-licenses',
  denyLicenses: 'deny-licenses',
  offlineDb: 'offline-db',
  osvApiUrl: 'osv-api-url',
  sbomFormat: 'sbom-format',
  failOn: 'fail-on',
  failOnScope: 'fail-on-scope',
  config: 'config',
  comment: 'comment',
  token: 'token',
  uploadArtifact: 'upload-artifact',
  artifactName: 'artifact-name',
  baselineDir: 'baseline-dir',
} as const;

const input = (name: string): string => core.getInput(name).trim();

export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const runnerTemp = process.env.RUNNER_TEMP;
    if (!runnerTemp)
      throw new ConfigurationError('RUNNER_TEMP is not set: this action must run in a GitHub Actions job');
    const baselineDir = input(PipelineInputs.baselineDir);
    const result = await runPipeline({
      path: input(PipelineInputs.path) || '.',
      pullRequest: context.pullRequest !== undefined,
      runnerTemp,
      token: input(PipelineInputs.token),
      engines: input(PipelineInputs.engines),
      sastConfig: input(PipelineInputs.sastConfig),
      changedFilesOnly: input(PipelineInputs.changedFilesOnly),
      toolsMirror: input(PipelineInputs.toolsMirror),
      category: input(PipelineInputs.category),
      allowLicenses: input(PipelineInputs.allowLicenses),
      denyLicenses: input(PipelineInputs.denyLicenses),
      offlineDb: input(PipelineInputs.offlineDb),
      osvApiUrl: input(PipelineInputs.osvApiUrl),
      sbomFormat: choice(PipelineInputs.sbomFormat, SBOM_FORMATS_OR_NONE) ?? 'cyclonedx-json',
      failOn: input(PipelineInputs.failOn),
      failOnScope: input(PipelineInputs.failOnScope),
      config: input(PipelineInputs.config),
      comment: input(PipelineInputs.comment),
      uploadArtifact: input(PipelineInputs.uploadArtifact),
      artifactName: input(PipelineInputs.artifactName),
      ...(baselineDir ? { baselineDir: path.resolve(context.workspace, baselineDir) } : {}),
    });
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
    core.setOutput('sarif', result.sarif.join('\n'));
    core.setOutput('sbom', result.sbom.join('\n'));
    core.setOutput('baseline', result.baseline);
    core.setOutput(
      'stages',
      JSON.stringify(result.stages.map((s) => ({ name: s.name, ok: s.ok, durationMs: s.durationMs }))),
    );
    if (result.gateFailed || result.failedStages.length > 0) {
      const why = [
        ...(result.gateFailed ? ['the gate failed (see the summary)'] : []),
        ...(result.failedStages.length > 0
          ? [`${result.failedStages.join(', ')} did not complete (see the errors above)`]
          : []),
      ];
      core.setFailed(`Paved Path: ${why.join('; ')}.`);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(error.message);
    else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
      core.setFailed(
        `Paved Path failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
