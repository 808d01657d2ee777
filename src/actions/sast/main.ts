/**
 * The SAST action: detect the repository's languages, pick the engines (or take the `engines`
 * input), make each one ready (pinned, verified), run them one after another over the tree or
 * over the pull request's changed files, and write one SARIF file with a run per engine, every
 * rule enriched with CWE tags, a `security-severity` and help. An engine that fails is named with
 * its reason; the others still run, and the run says it is partial.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { detectLanguages, filesOfLanguages, languageOf } from '../../detect/languages.js';
import { listFiles } from '../../io/walk.js';
import { combineSarif, countResults, engineOf, filterToFiles, withCategory } from '../../sast/combine.js';
import {
  ENGINES,
  chooseEngines,
  uncoveredLanguages,
  languageTitle,
  parseEngineList,
  parseVersionOverrides,
} from '../../sast/engines.js';
import { parseEngineMap, splitArgs } from '../../sast/options.js';
import type { EngineReport } from '../../sast/types.js';
import { readRunContext } from '../shared/context.js';
import {
  CHANGED_FILES_MODES,
  HANDOFF_DIR,
  SastInputs as Inputs,
  SastOutputs as Outputs,
} from '../shared/constants.js';
import { fitSarifForCodeScanning } from '../shared/code-scanning.js';
import { ConfigurationError } from '../shared/errors.js';
import { changedFiles } from '../shared/git.js';
import { booleanInput, choice, displayPath } from '../shared/inputs.js';
import { ensureEngine } from './install.js';
import { runEngine } from './run-engine.js';

type SarifLog = Parameters<typeof combineSarif>[0][number];

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.venv', 'venv', '.tox', '__pycache__']);

/** The scan folder from the `path` input: inside the workspace, and a folder. */
function scanFolder(workspace: string, input: string): { absolute: string; relative: string } {
  const absolute = path.resolve(workspace, input || '.');
  const relative = path.relative(workspace, absolute).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ConfigurationError(
      `Input '${Inputs.path}' is '${input}', which is outside the workspace (${workspace}). Give a folder of the checkout, relative to it.`,
    );
  }
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new ConfigurationError(
      `Input '${Inputs.path}' is '${input}', which is not a folder of the checkout. Check the path, and that actions/checkout ran before this step.`,
    );
  }
  return { absolute, relative };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function summaryTable(reports: readonly EngineReport[]): string {
  const rows = reports.map(
    (r) =>
      `| ${r.name} | ${r.version || '—'} | ${r.status === 'ok' ? 'ran' : r.status} | ${r.status === 'ok' ? String(r.findings) : '—'} | ${seconds(r.durationMs)} | ${(r.reason ?? '').replace(/\|/g, '\\|')} |`,
  );
  return [
    '| Engine | Version | Status | Findings | Time | Note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const workspace = path.resolve(context.workspace);
    const runnerTemp = process.env.RUNNER_TEMP;
    if (!runnerTemp)
      throw new ConfigurationError('RUNNER_TEMP is not set: this action must run in a GitHub Actions job');

    const scan = scanFolder(workspace, core.getInput(Inputs.path).trim());
    const prefix = scan.relative === '' ? '' : `${scan.relative}/`;
    const files = listFiles(scan.absolute, (dir) => SKIPPED_FOLDERS.has(dir.split('/').pop() ?? '')).map(
      (f) => `${prefix}${f}`,
    );
    const languages = detectLanguages(files);
    core.info(
      languages.length === 0
        ? `Languages: none found under '${scan.relative || '.'}'.`
        : `Languages: ${languages.map((l) => `${languageTitle(l.language)} (${String(l.files)})`).join(', ')}`,
    );

    // Inputs, all checked before anything is installed.
    const errors: string[] = [];
    const selection = parseEngineList(core.getInput(Inputs.engines));
    if (selection) errors.push(...selection.errors.map((e) => `'${Inputs.engines}': ${e}`));
    const overrides = parseVersionOverrides(core.getInput(Inputs.versions));
    errors.push(...overrides.errors.map((e) => `'${Inputs.versions}': ${e}`));
    const configs = parseEngineMap(core.getInput(Inputs.config), Inputs.config);
    errors.push(...configs.errors);
    const extras = parseEngineMap(core.getInput(Inputs.extraArgs), Inputs.extraArgs);
    errors.push(...extras.errors);
    for (const [engine, value] of [
      ...Object.entries(extras.byEngine),
      ['(every engine)', extras.shared ?? ''],
    ]) {
      try {
        splitArgs(value ?? '');
      } catch (error) {
        errors.push(
          `'${Inputs.extraArgs}' for ${engine}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (configs.byEngine['eslint-security'] !== undefined) {
      errors.push(
        `'${Inputs.config}': eslint-security always runs with Paved Path's own ESLint config (eslint-plugin-security's recommended rules), never a project's; leave it out, and exclude paths or ignore findings in .github/pavedpath.yml instead`,
      );
    }
    if (extras.shared !== undefined) {
      errors.push(
        `'${Inputs.extraArgs}': '${extras.shared}' names no engine; write one 'engine: arguments' line per engine (for example 'bandit: --skip B101')`,
      );
    }
    const collect = <T>(read: () => T): T | undefined => {
      try {
        return read();
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    };
    const changedMode = collect(() => choice(Inputs.changedFilesOnly, CHANGED_FILES_MODES)) ?? 'auto';
    const failOnEngineError = collect(() => booleanInput(Inputs.failOnEngineError, false)) ?? false;
    if (errors.length > 0) {
      throw new ConfigurationError(
        `The SAST inputs have ${String(errors.length)} problem(s):\n- ${errors.join('\n- ')}`,
      );
    }

    const choices = selection
      ? selection.engines.map((engine) => ({ engine, why: `asked for in '${Inputs.engines}'` }))
      : chooseEngines(languages);
    if (choices.length === 0)
      core.info('No engine applies: no source files of a supported language were found.');
    for (const c of choices) core.info(`Engine ${c.engine}: ${c.why}`);
    const uncovered = uncoveredLanguages(languages);
    if (!selection && uncovered.length > 0) {
      core.warning(
        `No engine has rules for ${uncovered.map((l) => languageTitle(l.language)).join(', ')}: those files are not scanned. Add 'engines: opengrep' (or semgrep) with rules for them in '${Inputs.config}'.`,
        { title: 'Languages not scanned' },
      );
    }

    // Changed files only: on for pull requests under 'auto'.
    let changed: Set<string> | undefined;
    const wantChanged =
      changedMode === 'true' || (changedMode === 'auto' && context.pullRequest !== undefined);
    if (wantChanged) {
      if (!context.pullRequest) {
        core.warning(
          `'${Inputs.changedFilesOnly}' is true, but this ${context.eventName} run is not for a pull request: scanning every file.`,
        );
      } else {
        const diff = changedFiles(workspace, context.pullRequest.baseSha, context.pullRequest.headSha);
        if (diff.ok) {
          changed = new Set(diff.files.filter((f) => f.startsWith(prefix)));
          core.info(
            `Changed files only: ${String(changed.size)} file(s) under '${scan.relative || '.'}' changed.`,
          );
        } else {
          core.warning(
            `Scanning every file: the changed files are unknown (${diff.reason}). Check out with 'fetch-depth: 0' so the base commit is in the clone.`,
            { title: 'Changed files unknown' },
          );
        }
      }
    }

    const outputFile = path.resolve(
      workspace,
      core.getInput(Inputs.output).trim() || path.join(runnerTemp, HANDOFF_DIR, 'sast.sarif'),
    );
    mkdirSync(path.dirname(outputFile), { recursive: true });
    const scratchRoot = mkdtempSync(path.join(runnerTemp, 'pavedpath-sast-'));
    const mirror = core.getInput(Inputs.toolsMirror).trim();
    const category = core.getInput(Inputs.category).trim();

    const reports: EngineReport[] = [];
    const logs: SarifLog[] = [];
    for (const { engine } of choices) {
      const started = Date.now();
      const spec = ENGINES[engine];
      const own = filesOfLanguages(files, spec.languages);
      const report = (status: EngineReport['status'], extra: Partial<EngineReport>): void => {
        reports.push({
          name: engine,
          status,
          version: '',
          durationMs: Date.now() - started,
          findings: 0,
          ...extra,
        });
      };
      if (own.length === 0) {
        report('skipped', {
          reason: `no ${spec.languages.map(languageTitle).join('/')} files under '${scan.relative || '.'}'`,
        });
        continue;
      }
      let targets = [scan.relative || '.'];
      if (changed && spec.acceptsFiles) {
        // Every changed file of the engine's languages, wherever it is: a full scan reads them all.
        targets = [...changed].filter((f) => {
          const language = languageOf(f);
          return (
            language !== undefined && spec.languages.includes(language) && existsSync(path.join(workspace, f))
          );
        });
        if (targets.length === 0) {
          report('skipped', { reason: 'the pull request changed none of its files' });
          continue;
        }
      }
      const goModules = (languages.find((l) => l.language === 'go')?.projects ?? []).map((p) =>
        `${prefix}${p}`.replace(/\/$/, ''),
      );
      core.startGroup(`${engine}: ${spec.title}`);
      let version = '';
      let source: EngineReport['source'];
      try {
        const installed = await ensureEngine(engine, {
          ...(overrides.versions[engine] ? { version: overrides.versions[engine] } : {}),
          ...(mirror ? { mirror } : {}),
          log: (m) => {
            core.info(m);
          },
        });
        version = installed.version;
        source = installed.source;
        // A config line without an engine name is a rules file: only opengrep and semgrep read those.
        const config =
          configs.byEngine[engine] ??
          (engine === 'opengrep' || engine === 'semgrep' ? configs.shared : undefined);
        const extra = extras.byEngine[engine];
        const scratch = path.join(scratchRoot, engine);
        mkdirSync(scratch, { recursive: true });
        let engineLogs = await runEngine(engine, installed, {
          root: workspace,
          targets,
          goModules,
          ...(config ? { config } : {}),
          extraArgs: extra ? splitArgs(extra) : [],
          scratch,
          log: (m) => {
            core.info(m);
          },
        });
        if (changed && !spec.acceptsFiles) {
          engineLogs = engineLogs.map((log) => {
            const filtered = filterToFiles(log, changed);
            if (filtered.dropped > 0)
              core.info(
                `${engine}: ${String(filtered.dropped)} result(s) outside the changed files left out.`,
              );
            return filtered.log;
          });
        }
        const findings = engineLogs.reduce((sum, log) => sum + countResults(log), 0);
        logs.push(...engineLogs);
        report('ok', { version, source, findings });
        core.info(`${engine} ${version}: ${String(findings)} finding(s) in ${seconds(Date.now() - started)}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report('failed', { version, ...(source ? { source } : {}), reason });
        core.error(`${engine} did not complete: ${reason}`, { title: `SAST engine ${engine} failed` });
      } finally {
        core.endGroup();
      }
    }
    rmSync(scratchRoot, { recursive: true, force: true });

    let combined = combineSarif(logs);
    if (category) combined = withCategory(combined, category);
    const fitted = fitSarifForCodeScanning(
      combined,
      displayPath(outputFile, workspace),
      `Scan a narrower '${Inputs.path}', or leave generated and vendored code out in the engines' configuration ('${Inputs.config}').`,
    );
    combined = fitted.log;
    // A run cut to code scanning's limits: its engine's count is what the file holds.
    if (fitted.cut.some((c) => c.limit === 'resultsPerRun')) {
      for (const r of reports) {
        if (r.status !== 'ok') continue;
        const runs = combined.runs.filter((run) => engineOf(run) === r.name);
        if (runs.length > 0) r.findings = countResults({ ...combined, runs });
      }
    }
    writeFileSync(outputFile, `${JSON.stringify(combined, null, 2)}\n`);
    const total = countResults(combined);
    const failed = reports.filter((r) => r.status === 'failed');
    const ran = reports.filter((r) => r.status === 'ok');
    const status = failed.length === 0 ? 'complete' : ran.length === 0 ? 'failed' : 'partial';

    core.setOutput(Outputs.sarif, outputFile);
    core.setOutput(Outputs.findingCount, String(total));
    core.setOutput(Outputs.engines, JSON.stringify(reports));
    core.setOutput(Outputs.status, status);
    await core.summary
      .addHeading('Paved Path SAST', 3)
      .addRaw(`${summaryTable(reports)}\n\n`, true)
      .addRaw(
        `${String(total)} finding(s) in ${displayPath(outputFile, workspace)}${status === 'partial' ? ` — **partial**: ${failed.map((f) => f.name).join(', ')} did not complete` : ''}.\n`,
        true,
      )
      .write();
    core.info(
      `SAST: ${String(total)} finding(s) from ${String(ran.length)} engine(s); SARIF in ${displayPath(outputFile, workspace)}`,
    );

    if (failed.length > 0) {
      const list = failed.map((f) => `${f.name} (${f.reason ?? 'failed'})`).join('; ');
      if (status === 'failed' || failOnEngineError) {
        core.setFailed(`SAST did not complete: ${list}.`);
      } else {
        core.warning(
          `SAST is partial: ${list}. The other engines' findings are in the SARIF file; set '${Inputs.failOnEngineError}: true' to fail the step instead.`,
          { title: 'SAST partial' },
        );
      }
    }
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(error.message);
    else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
      core.setFailed(
        `Paved Path SAST failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
