/**
 * The report artifact, uploaded by the summary action: a fork pull request's report reaches the
 * privileged pr-comment workflow this way, and a report is never lost when a comment cannot be
 * posted. (The download side is in artifact-download.ts, so pr-comment does not bundle this.)
 */
import { DefaultArtifactClient } from '@actions/artifact';

export { DEFAULT_ARTIFACT_NAME } from './artifact-download.js';

export type UploadOutcome =
  { uploaded: true; id: number; size: number } | { uploaded: false; reason: string };

/** Upload files (relative to `root`) as an artifact of this run; never throws. */
export async function uploadReportArtifact(
  name: string,
  files: string[],
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<UploadOutcome> {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    return {
      uploaded: false,
      reason:
        'this runner does not offer the artifact service (ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL is not set)',
    };
  }
  try {
    const response = await new DefaultArtifactClient().uploadArtifact(name, files, root);
    return { uploaded: true, id: response.id ?? 0, size: response.size ?? 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /conflict|already exists|409/i.test(message)
      ? ` (an artifact named '${name}' already exists in this run: give each job's summary its own 'artifact-name')`
      : '';
    return { uploaded: false, reason: `${message.replace(/[.\s]+$/, '')}${hint}` };
  }
}
