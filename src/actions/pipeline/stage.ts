/**
 * Runs one action of the suite in this process, exactly as its own `uses:` step would run: its
 * inputs are the defaults its action.yml declares (as the runner sets them) overlaid with the
 * pipeline's, read through the same INPUT_* variables; its outputs go to a file of its own and are
 * returned instead of becoming the pipeline step's outputs; a failure it reports (exit code 1) is
 * recorded and cleared, so the pipeline decides what fails the step.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export type StageName = 'sast' | 'dependency-review' | 'sbom' | 'summary';

export interface StageRun {
  name: StageName;
  /** False when the stage reported a failure (core.setFailed, or an exit code of 1). */
  ok: boolean;
  outputs: Record<string, string>;
  durationMs: number;
}

/** The folder that holds actions/<name>/action.yml: found upward from this module (src or dist). */
export function findActionsDir(start = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'actions', 'summary', 'action.yml'))) return path.join(dir, 'actions');
    if (path.dirname(dir) === dir) {
      throw new Error(
        `Paved Path's actions/ folder was not found above ${start}: the action's checkout is incomplete`,
      );
    }
  }
}

/** The input defaults of actions/<name>/action.yml, with `${{ github.token }}` as `token`. */
export function stageDefaults(actionsDir: string, name: StageName, token: string): Record<string, string> {
  const file = path.join(actionsDir, name, 'action.yml');
  const metadata = parseYaml(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: string | number | boolean } | null>;
  };
  const defaults: Record<string, string> = {};
  for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
    if (spec?.default === undefined) continue;
    const value = String(spec.default);
    if (value.includes('${{')) {
      if (value.replace(/\s+/g, '') !== '${{github.token}}') {
        throw new Error(
          `${file}: the default of '${input}' is an expression the pipeline cannot evaluate (${value})`,
        );
      }
      defaults[input] = token;
    } else defaults[input] = value;
  }
  return defaults;
}

/**
 * The outputs in a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks, as
 * @actions/core writes them. The last value of a name wins, as on the runner.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

/** Whether the code that just ran set a failing exit code (core.setFailed sets 1). */
function reportedFailure(): boolean {
  const code = process.exitCode;
  return code !== undefined && Number(code) !== 0;
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface StageOptions {
  actionsDir: string;
  token: string;
  /** Folder for the stage's output file. */
  scratch: string;
}

/** Runs `run` (the stage's exported run()) with its inputs and a GITHUB_OUTPUT of its own. */
export async function runStage(
  name: StageName,
  run: () => Promise<void>,
  inputs: Record<string, string>,
  options: StageOptions,
): Promise<StageRun> {
  const saved: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) {
      saved[key] = process.env[key];
      Reflect.deleteProperty(process.env, key);
    }
  }
  const dir = mkdtempSync(path.join(options.scratch, `${name}-`));
  const outputFile = path.join(dir, 'output');
  writeFileSync(outputFile, '');
  const savedOutput = process.env.GITHUB_OUTPUT;
  const savedExitCode = process.exitCode;
  const all = { ...stageDefaults(options.actionsDir, name, options.token), ...inputs };
  for (const [input, value] of Object.entries(all)) process.env[inputVariable(input)] = value;
  process.env.GITHUB_OUTPUT = outputFile;
  process.exitCode = undefined;
  const started = Date.now();
  let ok = true;
  try {
    await run();
    ok = !reportedFailure();
  } finally {
    process.exitCode = savedExitCode;
    if (savedOutput === undefined) Reflect.deleteProperty(process.env, 'GITHUB_OUTPUT');
    else process.env.GITHUB_OUTPUT = savedOutput;
    for (const input of Object.keys(all)) Reflect.deleteProperty(process.env, inputVariable(input));
    for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
  }
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { name, ok, outputs, durationMs: Date.now() - started };
}
