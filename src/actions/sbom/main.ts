/**
 * The SBOM action: CycloneDX 1.6 and/or SPDX 2.3 JSON from the lockfiles of a folder (the same
 * inventory the dependency review reads), or from a container image with syft. Reproducible on
 * request: the timestamp from SOURCE_DATE_EPOCH or the commit time, everything sorted, the serial
 * number derived from the content.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { cycloneDxJson } from '../../sbom/cyclonedx.js';
import { buildSbomModel, reproducibleTimestamp, sbomRootFor } from '../../sbom/model.js';
import { spdxJson } from '../../sbom/spdx.js';
import { VERSION } from '../../version.js';
import { readRunContext } from '../shared/context.js';
import {
  HANDOFF_DIR,
  SBOM_FORMATS,
  SbomInputs as Inputs,
  SbomOutputs as Outputs,
} from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { booleanInput, choice, displayPath } from '../shared/inputs.js';
import { engineEnvironment } from '../shared/environment.js';
import { ensureTool } from '../shared/install-tool.js';
import { manifestScope, workingTreeManifests } from '../shared/manifests.js';

const FILES = { 'cyclonedx-json': 'sbom.cdx.json', 'spdx-json': 'sbom.spdx.json' } as const;
type Format = keyof typeof FILES;

/** The commit time of HEAD in seconds, or undefined outside a git repository. */
function commitTime(repoRoot: string): string | undefined {
  try {
    return execFileSync('git', ['log', '-1', '--format=%ct'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** syft's SBOM of an image, in one format; syft is installed (pinned, digest-checked) when needed. */
async function imageSbom(
  image: string,
  formats: Format[],
  outDir: string,
  mirror: string,
): Promise<string[]> {
  if (image.startsWith('-') || /[\s]/.test(image)) {
    throw new ConfigurationError(`'${image}' ('${Inputs.image}') is not an image reference.`);
  }
  const syft = await ensureTool('syft', mirror ? { mirror } : {});
  core.info(
    `syft ${syft.version} (${syft.from === 'path' ? 'from PATH' : syft.from === 'cache' ? 'from the tool cache' : `downloaded from ${syft.url ?? 'its release'}, SHA-256 checked`})`,
  );
  const written: string[] = [];
  for (const format of formats) {
    const file = path.join(outDir, FILES[format]);
    core.info(`syft ${image} -o ${format}`);
    try {
      execFileSync(syft.path, ['scan', image, '-o', `${format}=${file}`, '-q'], {
        stdio: ['ignore', 'inherit', 'pipe'],
        env: { ...engineEnvironment(), SYFT_CHECK_FOR_APP_UPDATE: 'false' },
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = (error as { stderr?: unknown }).stderr;
      const detail = Buffer.isBuffer(stderr)
        ? stderr.toString('utf8').trim().split('\n').slice(-3).join(' ')
        : '';
      throw new ConfigurationError(
        `syft could not describe the image '${image}'${detail ? `: ${detail}` : ''}. Check the image reference, and that the runner can pull it (docker login, or docker-archive:<file>).`,
      );
    }
    written.push(file);
  }
  return written;
}

function countComponents(file: string): number {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { components?: unknown[]; packages?: unknown[] };
  return Array.isArray(doc.components)
    ? doc.components.length
    : Array.isArray(doc.packages)
      ? doc.packages.length - 1
      : 0;
}

export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const workspace = context.workspace;
    const runnerTemp = process.env.RUNNER_TEMP;
    if (!runnerTemp)
      throw new ConfigurationError('RUNNER_TEMP is not set: this action must run in a GitHub Actions job');
    const choice_ = choice(Inputs.format, SBOM_FORMATS) ?? 'cyclonedx-json';
    const formats: Format[] = choice_ === 'both' ? ['cyclonedx-json', 'spdx-json'] : [choice_];
    const includeDev = booleanInput(Inputs.includeDev, false);
    const reproducible = booleanInput(Inputs.reproducible, false);
    const outDir = path.resolve(
      workspace,
      core.getInput(Inputs.output) || path.join(runnerTemp, HANDOFF_DIR, 'sbom'),
    );
    mkdirSync(outDir, { recursive: true });
    const image = core.getInput(Inputs.image).trim();

    let written: string[];
    let count: number;
    if (image !== '') {
      written = await imageSbom(image, formats, outDir, core.getInput(Inputs.toolsMirror).trim());
      count = countComponents(written[0] as string);
    } else {
      const scope = manifestScope(workspace, core.getInput(Inputs.path), Inputs.path);
      const manifests = workingTreeManifests(scope);
      for (const m of manifests) {
        for (const p of m.problems) {
          const props = { file: p.file, ...(p.line ? { startLine: p.line } : {}) };
          if (p.level === 'error')
            core.error(`${p.message}${p.hint ? ` ${p.hint}` : ''}`, { title: 'Lockfile not read', ...props });
          else
            core.warning(`${p.message}${p.hint ? ` ${p.hint}` : ''}`, {
              title: 'Lockfile read leniently',
              ...props,
            });
        }
      }
      if (manifests.length === 0) {
        core.warning(
          `No lockfile or manifest was found under '${core.getInput(Inputs.path) || '.'}': the SBOM lists the project alone. Check 'path', and that the checkout holds the lockfiles.`,
          { title: 'Empty SBOM' },
        );
      }
      let timestamp = new Date().toISOString();
      if (reproducible) {
        const fixed = reproducibleTimestamp(process.env.SOURCE_DATE_EPOCH, commitTime(scope.repoRoot));
        if (!fixed) {
          throw new ConfigurationError(
            "'reproducible' needs a fixed time: set SOURCE_DATE_EPOCH, or run in a git checkout (the commit time is used).",
          );
        }
        timestamp = fixed;
      }
      const model = buildSbomModel({
        manifests,
        root: sbomRootFor(manifests, context.repository, context.sha),
        includeDev,
        timestamp,
        ...(reproducible ? {} : { serial: `urn:uuid:${randomUUID()}` }),
        tool: { name: 'pavedpath', version: VERSION },
      });
      written = formats.map((format) => {
        const file = path.join(outDir, FILES[format]);
        writeFileSync(file, format === 'cyclonedx-json' ? cycloneDxJson(model) : spdxJson(model));
        return file;
      });
      count = model.components.length;
      const errors = manifests.flatMap((m) => m.problems).filter((p) => p.level === 'error');
      if (errors.length > 0) {
        core.setFailed(
          `${new Set(errors.map((e) => e.file)).size} lockfile(s) could not be read (see above): the SBOM lacks their components.`,
        );
      }
    }

    core.setOutput(Outputs.sbom, written.join('\n'));
    core.setOutput(Outputs.componentCount, String(count));
    core.setOutput(Outputs.format, choice_);
    core.info(`SBOM: ${count} component(s) in ${written.map((f) => displayPath(f, workspace)).join(', ')}`);
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(error.message);
    else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
      core.setFailed(
        `Paved Path SBOM failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
