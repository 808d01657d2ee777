/**
 * The dependency-review action: finds the lockfiles and manifests (any ecosystem, anywhere in the
 * tree), reads them at the head (the checkout, or `head-ref`) and at the base (`git show`),
 * reviews what changed against OSV (the API, a mirror, or an offline database) and the licence
 * policy, and writes SARIF and dependency-changes.json for the summary.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { FAIL_ON_VALUES, type FailOn } from '../../config/schema.js';
import { severityRank } from '../../findings/finding.js';
import type { Component, ParsedManifest } from '../../inventory/component.js';
import { parseLicensePolicy } from '../../inventory/licenses.js';
import { readOsvDatabase } from '../../io/osv-files.js';
import { VERSION } from '../../version.js';
import { dependencyChangesJson } from '../../vulns/changes-json.js';
import { lookupLicenses } from '../../vulns/deps-dev.js';
import { buildOfflineIndex } from '../../vulns/offline-db.js';
import { createOsvClient } from '../../vulns/osv-client.js';
import type { OsvSource } from '../../vulns/osv-source.js';
import { reviewDependencies } from '../../vulns/review.js';
import { dependencyReviewSarif } from '../../vulns/sarif-output.js';
import { readRunContext } from '../shared/context.js';
import {
  DependencyReviewInputs as Inputs,
  DependencyReviewOutputs as Outputs,
  HANDOFF_DIR,
} from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { resolveCommit } from '../shared/git.js';
import { commitManifests, manifestScope, workingTreeManifests } from '../shared/manifests.js';
import { createFetchTransport } from '../shared/http.js';
import { fitSarifForCodeScanning } from '../shared/code-scanning.js';
import { booleanInput, choice, displayPath, parseList } from '../shared/inputs.js';

const INFORMATION_URI = 'https://github.com/pavedpath/pavedpath';
function requireCommit(workspace: string, ref: string, input: string): string {
  const resolved = resolveCommit(workspace, ref);
  if (!resolved.ok) {
    throw new ConfigurationError(
      `The commit ${ref} ('${input}') is not in this clone (${resolved.reason}). Check out with 'fetch-depth: 0' on actions/checkout, or fetch it first: git fetch origin ${ref}.`,
    );
  }
  return resolved.sha;
}

function osvSource(workspace: string): OsvSource {
  const offline = core.getInput(Inputs.offlineDb).trim();
  if (offline !== '') {
    const file = path.resolve(workspace, offline);
    if (!existsSync(file)) {
      throw new ConfigurationError(
        `The offline OSV database '${offline}' ('${Inputs.offlineDb}') does not exist. Give a folder of OSV JSON records or a zip in the layout of OSV's all.zip.`,
      );
    }
    let db: ReturnType<typeof readOsvDatabase>;
    try {
      db = readOsvDatabase(file);
    } catch (error) {
      throw new ConfigurationError(
        `The offline OSV database '${offline}' ('${Inputs.offlineDb}') cannot be used: ${error instanceof Error ? error.message : String(error)}. Give a folder of OSV JSON records, or a zip in the layout of OSV's all.zip.`,
      );
    }
    for (const p of db.problems.slice(0, 10))
      core.warning(`${p.file}: ${p.message}`, { title: 'Offline OSV record skipped' });
    if (db.problems.length > 10)
      core.info(`${db.problems.length - 10} more offline OSV problem(s) not shown`);
    core.info(`Offline OSV database: ${db.records.length} record(s) from ${displayPath(file, workspace)}`);
    return buildOfflineIndex(db.records);
  }
  const baseUrl = core.getInput(Inputs.osvApiUrl).trim() || 'https://api.osv.dev';
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new ConfigurationError(
      `'${baseUrl}' ('${Inputs.osvApiUrl}') is not an http(s) URL. Give the OSV API or a mirror of it, e.g. https://api.osv.dev.`,
    );
  }
  return createOsvClient({
    baseUrl,
    transport: createFetchTransport({
      onRetry: (info) => {
        core.info(`OSV: retrying ${info.method} ${info.url} in ${info.delayMs} ms (${info.why})`);
      },
    }),
  });
}

export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const workspace = context.workspace;
    const runnerTemp = process.env.RUNNER_TEMP;
    if (!runnerTemp)
      throw new ConfigurationError('RUNNER_TEMP is not set: this action must run in a GitHub Actions job');
    const handoff = path.join(runnerTemp, HANDOFF_DIR);
    const failOn: FailOn = choice(Inputs.failOnSeverity, FAIL_ON_VALUES) ?? 'high';
    const onNetworkError = choice(Inputs.onNetworkError, ['fail', 'warn'] as const) ?? 'fail';
    const includeDev = booleanInput(Inputs.includeDev, true);
    const licenseInputs = parseLicensePolicy(
      parseList(core.getInput(Inputs.allowLicenses)),
      parseList(core.getInput(Inputs.denyLicenses)),
    );
    if (licenseInputs.errors.length > 0)
      throw new ConfigurationError(licenseInputs.errors.map((e) => e.message).join('; '));
    const sarifPath = path.resolve(
      workspace,
      core.getInput(Inputs.output) || path.join(handoff, 'dependencies.sarif'),
    );
    const changesPath = path.resolve(
      workspace,
      core.getInput(Inputs.changesOutput) || path.join(handoff, 'dependency-changes.json'),
    );

    // The folder to review, as a path inside the repository (manifest paths are repository-relative).
    const scope = manifestScope(workspace, core.getInput(Inputs.path), Inputs.path);
    const repoRoot = scope.repoRoot;

    // Head: the commit named, else the files checked out.
    const headRef = core.getInput(Inputs.headRef).trim();
    let head: ParsedManifest[];
    let headSha: string | undefined;
    if (headRef !== '') {
      headSha = requireCommit(repoRoot, headRef, Inputs.headRef);
      head = commitManifests(scope, headSha);
    } else {
      head = workingTreeManifests(scope);
      headSha = context.pullRequest?.headSha ?? context.sha;
    }

    // Base: the input, else the pull request's base; none on other events (full review).
    const baseRef = core.getInput(Inputs.baseRef).trim() || context.pullRequest?.baseSha || '';
    let base: ParsedManifest[] | undefined;
    let baseSha: string | undefined;
    if (baseRef !== '') {
      baseSha = requireCommit(
        repoRoot,
        baseRef,
        core.getInput(Inputs.baseRef).trim() ? Inputs.baseRef : 'the pull request base',
      );
      base = commitManifests(scope, baseSha);
    }
    core.info(
      `${head.length} lockfile(s)/manifest(s): ${head.map((m) => `${m.file} (${m.format}, ${m.components.length})`).join(', ') || 'none found'}`,
    );

    const source = osvSource(workspace);
    const policy = licenseInputs.policy;
    // Licences the lockfiles do not record, from deps.dev: only for the packages under review.
    const depsDev = core.getInput(Inputs.depsDevApiUrl).trim();
    const lookupLicensesFromDepsDev =
      depsDev !== '' && source.kind === 'online'
        ? async (components: readonly Component[]) => {
            const found = await lookupLicenses(components, {
              baseUrl: depsDev,
              transport: createFetchTransport({ maxAttempts: 2 }),
            });
            core.info(
              `deps.dev: ${found.licenses.size} licence(s) found for ${components.length} package(s) whose lockfile records none${found.firstError ? ` (${found.firstError})` : ''}`,
            );
            return found.licenses;
          }
        : undefined;

    const outcome = await reviewDependencies({
      head,
      ...(base ? { base } : {}),
      ...(baseSha ? { baseRef: baseSha } : {}),
      ...(headSha ? { headRef: headSha } : {}),
      source,
      policy,
      includeDev,
      ...(lookupLicensesFromDepsDev ? { lookupLicenses: lookupLicensesFromDepsDev } : {}),
    });
    const { review } = outcome;
    let lookupFailed: string | undefined;
    if (outcome.lookupError !== undefined) {
      const message =
        outcome.lookupError instanceof Error ? outcome.lookupError.message : 'the look-up failed';
      // Said once, below (the step's failure or a warning): not a lockfile problem.
      lookupFailed = `No vulnerability data: ${message}`;
    }

    mkdirSync(path.dirname(sarifPath), { recursive: true });
    mkdirSync(path.dirname(changesPath), { recursive: true });
    const sarif = fitSarifForCodeScanning(
      dependencyReviewSarif(review, { version: VERSION, informationUri: INFORMATION_URI }),
      displayPath(sarifPath, workspace),
      `Review fewer lockfiles at once (a narrower '${Inputs.path}').`,
    ).log;
    writeFileSync(sarifPath, `${JSON.stringify(sarif, null, 2)}\n`);
    const changes = dependencyChangesJson(review, VERSION);
    writeFileSync(changesPath, `${JSON.stringify(changes, null, 2)}\n`);

    core.setOutput(Outputs.sarif, sarifPath);
    core.setOutput(Outputs.changes, changesPath);
    core.setOutput(Outputs.vulnerableCount, String(review.vulnerable.length));
    core.setOutput(Outputs.addedCount, String(changes.counts.added));
    core.setOutput(Outputs.removedCount, String(changes.counts.removed));
    core.setOutput(Outputs.changedCount, String(changes.counts.changed));

    const errors = review.problems.filter((p) => p.level === 'error');
    for (const p of review.problems.slice(0, 10)) {
      const text = `${p.message}${p.hint ? ` ${p.hint}` : ''}`;
      const props = {
        title: p.level === 'error' ? 'Lockfile not reviewed' : 'Lockfile read leniently',
        file: p.file,
        ...(p.line ? { startLine: p.line } : {}),
      };
      if (p.level === 'error') core.error(text, props);
      else core.warning(text, props);
    }
    const lines = [
      review.mode === 'pull-request'
        ? `${changes.counts.added} added, ${changes.counts.changed} changed, ${changes.counts.removed} removed package(s)`
        : `${head.reduce((n, m) => n + m.components.length, 0)} package(s) reviewed`,
      `${review.vulnerable.length} vulnerable (${changes.counts.advisories} advisories)`,
      ...(review.licenses.length > 0 ? [`${review.licenses.length} licence issue(s)`] : []),
      ...(review.unpinned.length > 0 ? [`${review.unpinned.length} unpinned requirement(s)`] : []),
    ];
    core.info(`Dependency review: ${lines.join('; ')}. SARIF: ${sarifPath}`);
    for (const v of review.vulnerable) {
      for (const x of v.vulnerabilities) {
        core.info(
          `  ${x.severity.toUpperCase()} ${v.component.name}@${v.component.version} (${v.component.manifest}): ${x.id}${x.fixedIn ? `, fixed in ${x.fixedIn}${x.upgrade ? `: ${x.upgrade}` : ''}` : ''}`,
        );
      }
    }

    // The gate: advisories at or above fail-on-severity, denied licences, unreadable lockfiles.
    const threshold = failOn === 'none' ? undefined : severityRank(failOn);
    const failing = review.vulnerable.filter((v) =>
      v.vulnerabilities.some((x) => threshold !== undefined && severityRank(x.severity) >= threshold),
    );
    const denied = review.licenses.filter((l) => l.reason !== 'unknown');
    if (lookupFailed && onNetworkError === 'fail') {
      core.setFailed(`${lookupFailed} Set 'on-network-error: warn' to go on without it.`);
    } else if (lookupFailed) {
      core.warning(lookupFailed, { title: 'Vulnerabilities not checked' });
    }
    if (failing.length > 0) {
      core.setFailed(
        `${failing.length} vulnerable package(s) with advisories of ${failOn} or higher severity: ${failing
          .slice(0, 5)
          .map((v) => `${v.component.name}@${v.component.version}`)
          .join(
            ', ',
          )}${failing.length > 5 ? ` and ${failing.length - 5} more` : ''}. The upgrade for each is in the log above and in the SARIF.`,
      );
    } else if (denied.length > 0) {
      core.setFailed(
        `${denied.length} package(s) outside the licence policy: ${denied
          .slice(0, 5)
          .map((l) => `${l.component.name}@${l.component.version}`)
          .join(', ')}.`,
      );
    } else if (errors.length > 0) {
      const files = new Set(errors.map((e) => e.file));
      core.setFailed(
        `${files.size} lockfile(s) could not be read (${[...files].slice(0, 5).join(', ')}; see the errors above); the others were reviewed.`,
      );
    }
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(error.message);
    else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
      core.setFailed(
        `Paved Path dependency review failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
