/**
 * Runs one installed SAST engine over its targets and returns its findings as enriched SARIF.
 * Each engine's own output (bandit JSON, ESLint JSON, SARIF from gosec/opengrep/semgrep) is read
 * from a file in a scratch folder, never from a pipe that a chatty tool could fill, and turned
 * into SARIF by the pure converters in src/sast.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { banditArgs, banditJsonToSarif } from '../../sast/bandit.js';
import { enrichSarif } from '../../sast/enrich.js';
import { eslintArgs, eslintConfigSource, eslintJsonToSarif } from '../../sast/eslint.js';
import { mergeRuns } from '../../sast/combine.js';
import { tidyNativeSarif } from '../../sast/native-sarif.js';
import { starterPackYaml } from '../../sast/rules/starter-pack.js';
import type { EngineName } from '../../sast/types.js';
import { engineEnvironment } from '../shared/environment.js';
import type { InstalledEngine } from './install.js';

export interface EngineRunOptions {
  /** Absolute path of the repository root: SARIF URIs are relative to it; engines run in it. */
  root: string;
  /** Paths to scan, relative to root (folders, or files for changed-files-only). */
  targets: string[];
  /** Go module roots (relative to root) for gosec, which scans packages, not files. */
  goModules: string[];
  /** The user's engine configuration file (from the `config` input), relative to root. */
  config?: string;
  extraArgs: string[];
  /** A scratch folder of this engine's own. */
  scratch: string;
  log: (message: string) => void;
}

/** An engine failure whose message says what went wrong and how to fix it. */
export class EngineRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineRunError';
  }
}

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: env ?? engineEnvironment(),
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
        timeout: 60 * 60 * 1000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(
            new EngineRunError(
              error.code === 'ENOENT'
                ? `${command} could not be started (not found)`
                : `${command} could not be run: ${error.message}`,
            ),
          );
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

function lastLines(text: string, n = 3): string {
  return text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join(' | ');
}

function readJson(file: string, what: string, exit: Exit): unknown {
  if (!existsSync(file)) {
    throw new EngineRunError(
      `${what} exited with code ${String(exit.code)} and wrote no output${exit.stderr.trim() ? `: ${lastLines(exit.stderr)}` : ''}`,
    );
  }
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EngineRunError(
      `${what} wrote output that is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

type SarifLog = ReturnType<typeof enrichSarif>;

async function bandit(engine: InstalledEngine, options: EngineRunOptions): Promise<SarifLog> {
  const output = path.join(options.scratch, 'bandit.json');
  const args = banditArgs({
    targets: options.targets,
    ...(options.config ? { config: options.config } : {}),
    extraArgs: options.extraArgs,
    output,
  });
  const exit = await exec(engine.command, [...engine.prefixArgs, ...args], options.root);
  // banditArgs passes --exit-zero: 0 = the scan ran (issues or not); 1 = Python crashed (a
  // traceback), 2 = bad arguments or config.
  if (exit.code !== 0) {
    throw new EngineRunError(
      `bandit failed with exit code ${String(exit.code)}: ${lastLines(exit.stderr || exit.stdout)}`,
    );
  }
  const json = readJson(output, 'bandit', exit);
  return banditJsonToSarif(json, { root: options.root, version: engine.version });
}

async function eslint(engine: InstalledEngine, options: EngineRunOptions): Promise<SarifLog> {
  if (!engine.home) throw new EngineRunError('ESLint was not installed into a folder of its own');
  // Our config lives in the scratch folder and imports the plugin and parser by absolute URL from
  // where they were installed, so no file is written beside them.
  const resolve = createRequire(path.join(engine.home, 'package.json')).resolve;
  const configFile = path.join(options.scratch, 'pavedpath-eslint.config.mjs');
  writeFileSync(
    configFile,
    eslintConfigSource({
      pluginSpecifier: pathToFileURL(resolve('eslint-plugin-security')).href,
      typescriptParserSpecifier: pathToFileURL(resolve('@typescript-eslint/parser')).href,
    }),
  );
  const output = path.join(options.scratch, 'eslint.json');
  const args = eslintArgs({ configFile, targets: options.targets, extraArgs: options.extraArgs, output });
  const exit = await exec(engine.command, [...engine.prefixArgs, ...args], options.root, {
    ...engineEnvironment(),
    ESLINT_USE_FLAT_CONFIG: 'true',
  });
  // ESLint: 0 = no problems, 1 = the report was written (with findings or parse errors), 2 = a
  // configuration or internal error and no report.
  if (exit.code !== 0 && exit.code !== 1) {
    throw new EngineRunError(
      `ESLint failed with exit code ${String(exit.code)}: ${lastLines(exit.stderr || exit.stdout)}`,
    );
  }
  const json = readJson(output, 'ESLint', exit);
  const pluginVersion = engine.pluginVersion ?? '';
  return eslintJsonToSarif(json, {
    root: options.root,
    cwd: options.root,
    version: engine.version,
    pluginVersion,
  });
}

async function gosec(engine: InstalledEngine, options: EngineRunOptions): Promise<SarifLog[]> {
  if (options.goModules.length === 0) throw new EngineRunError('no go.mod was found to scan with gosec');
  const logs: SarifLog[] = [];
  for (const [index, module] of options.goModules.entries()) {
    const output = path.join(options.scratch, `gosec-${String(index)}.sarif`);
    const args = ['-fmt=sarif', `-out=${output}`, '-no-fail', '-quiet'];
    if (options.config) args.push(`-conf=${path.resolve(options.root, options.config)}`);
    args.push(...options.extraArgs, './...');
    const cwd = path.join(options.root, module);
    const exit = await exec(engine.command, [...engine.prefixArgs, ...args], cwd);
    if (exit.code !== 0) {
      const detail = lastLines(exit.stderr || exit.stdout);
      throw new EngineRunError(
        /executable file not found|"go": not found|go: command not found/i.test(detail)
          ? `gosec needs the Go toolchain to load packages, and 'go' is not on PATH: add actions/setup-go before this step`
          : `gosec failed in ${module || '.'} with exit code ${String(exit.code)}: ${detail}`,
      );
    }
    const json = readJson(output, `gosec (${module || '.'})`, exit);
    logs.push(
      tidyNativeSarif(json, { root: options.root, version: engine.version, engine: 'gosec', scanDir: cwd }),
    );
  }
  return logs;
}

async function semgrepFamily(
  name: 'opengrep' | 'semgrep',
  engine: InstalledEngine,
  options: EngineRunOptions,
): Promise<SarifLog> {
  const rules = path.join(options.scratch, 'pavedpath-starter-rules.yml');
  writeFileSync(rules, starterPackYaml());
  const output = path.join(options.scratch, `${name}.sarif`);
  const args = ['scan', '--config', rules];
  if (options.config) args.push('--config', options.config);
  args.push('--sarif', '--output', output, '--quiet');
  if (name === 'semgrep') args.push('--metrics=off', '--disable-version-check');
  args.push(...options.extraArgs, '--', ...options.targets);
  const exit = await exec(engine.command, [...engine.prefixArgs, ...args], options.root, {
    ...engineEnvironment(),
    SEMGREP_SEND_METRICS: 'off',
    SEMGREP_ENABLE_VERSION_CHECK: '0',
  });
  // Semgrep and opengrep: 0 = ran (findings or not), 1 = findings with --error; 2 and up = failure
  // (7 = invalid rules, …). Parse errors in single files are reported inside the SARIF.
  if (exit.code !== 0 && exit.code !== 1) {
    throw new EngineRunError(
      `${name} failed with exit code ${String(exit.code)}${exit.code === 7 ? ' (a rule file is invalid)' : ''}: ${lastLines(exit.stderr || exit.stdout)}`,
    );
  }
  const json = readJson(output, name, exit);
  return tidyNativeSarif(json, { root: options.root, version: engine.version, engine: name });
}

/** The engine's findings as SARIF logs (one per run it made), enriched with CWEs and severities. */
export async function runEngine(
  name: EngineName,
  engine: InstalledEngine,
  options: EngineRunOptions,
): Promise<SarifLog[]> {
  let logs: SarifLog[];
  switch (name) {
    case 'bandit':
      logs = [await bandit(engine, options)];
      break;
    case 'eslint-security':
      logs = [await eslint(engine, options)];
      break;
    case 'gosec':
      logs = await gosec(engine, options);
      break;
    case 'opengrep':
    case 'semgrep':
      logs = [await semgrepFamily(name, engine, options)];
      break;
  }
  // One run per engine: code scanning expects one run per tool and category.
  if (logs.length > 1) {
    const run = mergeRuns(logs.flatMap((log) => log.runs));
    const [first] = logs;
    if (run && first) logs = [{ ...first, runs: [run] }];
  }
  return logs.map((log) => enrichSarif(log));
}
