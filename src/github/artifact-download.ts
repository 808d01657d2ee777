/**
 * The report artifact, downloaded by the pr-comment action: only report.json is read out of it,
 * within size bounds, since a fork pull request's run wrote it.
 */
import { readZipEntry } from '../io/zip.js';
import type { GitHubClient } from './client.js';

export const DEFAULT_ARTIFACT_NAME = 'pavedpath-report';
/** The artifact (zip) a pr-comment run is willing to download. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
/** report.json inside it, uncompressed. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;
export const REPORT_ENTRY = 'report.json';

export interface ArtifactRef {
  owner: string;
  repo: string;
  runId: number;
  name: string;
}

export type DownloadOutcome =
  { ok: true; report: Buffer; artifactId: number } | { ok: false; missing: boolean; reason: string };

interface ApiArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  workflow_run?: { id?: number | null; head_sha?: string } | null;
}

/** report.json from the run's artifact, or why not. API errors other than a missing artifact throw. */
export async function downloadReport(octokit: GitHubClient, ref: ArtifactRef): Promise<DownloadOutcome> {
  const artifacts = (await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    owner: ref.owner,
    repo: ref.repo,
    run_id: ref.runId,
    name: ref.name,
    per_page: 100,
  })) as ApiArtifact[];
  const matching = artifacts.filter((a) => a.name === ref.name);
  const artifact = matching.find((a) => !a.expired);
  if (!artifact) {
    return {
      ok: false,
      missing: true,
      reason:
        matching.length > 0
          ? `the artifact '${ref.name}' of run ${ref.runId} has expired`
          : `run ${ref.runId} has no artifact named '${ref.name}'`,
    };
  }
  if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES) {
    return {
      ok: false,
      missing: false,
      reason: `the artifact '${ref.name}' is ${artifact.size_in_bytes} bytes, above the ${MAX_ARTIFACT_BYTES} bytes pr-comment downloads`,
    };
  }
  const response = await octokit.rest.actions.downloadArtifact({
    owner: ref.owner,
    repo: ref.repo,
    artifact_id: artifact.id,
    archive_format: 'zip',
  });
  const zip = Buffer.from(response.data as ArrayBuffer);
  if (zip.length > MAX_ARTIFACT_BYTES) {
    return {
      ok: false,
      missing: false,
      reason: `the artifact '${ref.name}' downloaded as ${zip.length} bytes, above the ${MAX_ARTIFACT_BYTES} bytes limit`,
    };
  }
  const entry = readZipEntry(zip, REPORT_ENTRY, { maxEntryBytes: MAX_REPORT_BYTES });
  if (!entry.ok) {
    return {
      ok: false,
      missing: false,
      reason: `the artifact '${ref.name}' (id ${artifact.id}): ${entry.reason}`,
    };
  }
  return { ok: true, report: entry.data, artifactId: artifact.id };
}
