/**
 * `pavedpath`: the pipeline of the actions, on a laptop. The commands run the very code the
 * actions run (src/actions/pipeline, src/actions/summary), in an environment that looks like the
 * runner's (src/cli/runner.ts), and then show the report on the terminal and write its files.
 *
 * Exit codes: 0 the gate passed; 1 the gate failed; 2 bad usage, input or config; 3 a scanner or
 * the network failed (the report is still written when the summary could run).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { discoverProjects } from '../detect/projects.js';
import { listFiles } from '../io/walk.js';
import {
  runPipeline,
  SBOM_FORMATS_OR_NONE,
  type SbomFormatOrNone,
} from '../actions/pipeline/run-pipeline.js';
import { findActionsDir, runStage } from '../actions/pipeline/stage.js';
import { run as runSummary } from '../actions/summary/main.js';
import { renderHtml } from '../report/html.js';
import type { Report } from '../report/model.js';
import { deserializeReport } from '../report/serialize.js';
import { renderTerminalText } from '../report/terminal-text.js';
import { validateSerializedReport } from '../report/validate.js';
import { VERSION } from '../version.js';
import { enterRunner, localRun, UsageError, withProgress, type Progress } from './runner.js';

export const EXIT = { pass: 0, gateFailed: 1, usage: 2, toolFailed: 3 } as const;

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'] as const;

interface CommonOptions {
  out?: string;
  format: Format;
  failOn?: string;
  failOnScope?: string;
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** Where the CLI's own package is (its node_modules may hold ESLint and the plugin, pinned). */
function packageRoot(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'actions'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function colour(): boolean {
  return process.stdout.isTTY && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

function progressTo(quiet: boolean): Progress {
  const show = !quiet && process.stderr.isTTY;
  const paint = process.stderr.isTTY && !('NO_COLOR' in process.env);
  return {
    line(text: string) {
      // Errors and warnings always; stage lines only when someone watches.
      const important = /^(error|warning): /.test(text);
      if (!show && !important) return;
      const styled = !paint
        ? text
        : text.startsWith('error:')
          ? pc.red(text)
          : text.startsWith('warning:')
            ? pc.yellow(text)
            : pc.dim(text);
      process.stderr.write(`${styled}\n`);
    },
  };
}

function readReport(file: string | undefined): Report | undefined {
  if (!file || !existsSync(file)) return undefined;
  const checked = validateSerializedReport(JSON.parse(readFileSync(file, 'utf8')));
  return checked.ok ? deserializeReport(checked.report) : undefined;
}

/** The summary's files copied into `out`, by the output that names each. */
const SUMMARY_FILES = {
  'report-json': 'report.json',
  'report-markdown': 'report.md',
  'facts-json': 'facts.json',
  'badge-json': 'badge.json',
} as const;

/**
 * Writes report.json, report.md, report.html, facts.json, badge.json and the given files into
 * `out`; returns report.html.
 */
function writeOut(out: string, outputs: Record<string, string>, report: Report, files: string[]): string {
  mkdirSync(out, { recursive: true });
  for (const [output, name] of Object.entries(SUMMARY_FILES)) {
    const file = outputs[output];
    if (file) copyFileSync(file, path.join(out, name));
  }
  const html = path.join(out, 'report.html');
  writeFileSync(html, renderHtml(report));
  for (const file of files) if (existsSync(file)) copyFileSync(file, path.join(out, path.basename(file)));
  return html;
}

function printReport(format: Format, report: Report, outputs: Record<string, string>): void {
  if (format === 'json') process.stdout.write(readFileSync(outputs['report-json'] ?? '', 'utf8'));
  else if (format === 'markdown')
    process.stdout.write(readFileSync(outputs['report-markdown'] ?? '', 'utf8'));
  else process.stdout.write(`${renderTerminalText(report, { color: colour() })}\n`);
}

interface EngineOutput {
  name: string;
  status: string;
  reason?: string;
}

async function scan(
  dir: string | undefined,
  options: CommonOptions & Record<string, string | boolean | undefined>,
): Promise<number> {
  const workspace = path.resolve(dir ?? '.');
  if (!existsSync(workspace) || !statSync(workspace).isDirectory())
    throw new UsageError(`${workspace} is not a folder.`);
  const sbomFormat = (options.sbomFormat as string | undefined) ?? 'cyclonedx-json';
  if (!(SBOM_FORMATS_OR_NONE as readonly string[]).includes(sbomFormat)) {
    throw new UsageError(`--sbom-format ${sbomFormat}: expected one of ${SBOM_FORMATS_OR_NONE.join(', ')}.`);
  }
  const local = localRun(workspace, options.base as string | undefined);
  const progress = progressTo(options.quiet === true);
  progress.line(
    local.base
      ? `Comparing ${local.base.slice(0, 7)}..${local.head?.slice(0, 7) ?? ''} (as a pull request)`
      : 'Scanning every file (no base commit: as a push)',
  );
  const restore = enterRunner(local);
  const root = packageRoot();
  if (root) process.env.PAVED_PATH_NPM_PREFIX = root;
  let result;
  try {
    result = await withProgress(progress, options.verbose === true, () =>
      runPipeline({
        path: '.',
        pullRequest: local.base !== undefined,
        runnerTemp: local.runnerTemp,
        token: '',
        engines: (options.engines as string | undefined) ?? '',
        offlineDb: options.offlineDb ? path.resolve(options.offlineDb as string) : '',
        sbomFormat: sbomFormat as SbomFormatOrNone,
        failOn: options.failOn ?? '',
        failOnScope: options.failOnScope ?? '',
        config: options.config ? path.resolve(options.config) : '',
        comment: 'never',
        uploadArtifact: 'never',
      }),
    );
  } finally {
    restore();
    Reflect.deleteProperty(process.env, 'PAVED_PATH_NPM_PREFIX');
  }
  const sast = result.stages.find((s) => s.name === 'sast');
  const engines = JSON.parse(sast?.outputs.engines ?? '[]') as EngineOutput[];
  for (const e of engines.filter((x) => x.status !== 'ok')) {
    progress.line(
      `warning: ${e.name} ${e.status === 'skipped' ? 'skipped' : 'did not run'}: ${e.reason ?? ''}`,
    );
  }
  const report = readReport(result.outputs['report-json']);
  if (!report) return EXIT.usage; // the summary could not run: its error is above
  const out = path.resolve(options.out ?? 'pavedpath-report');
  const html = writeOut(out, result.outputs, report, [...result.sarif, ...result.sbom]);
  printReport(options.format, report, result.outputs);
  // The page's path goes with the report on standard output (text), else to the progress.
  if (options.format === 'text') process.stdout.write(`\nThe report as a web page: ${html}\n`);
  else progress.line(`Report: ${html}`);
  if (result.gateFailed) return EXIT.gateFailed;
  return result.failedStages.length > 0 ? EXIT.toolFailed : EXIT.pass;
}

async function summarize(
  sarif: string[],
  options: CommonOptions & { baseline?: string[]; dependencyChanges?: string },
): Promise<number> {
  const workspace = process.cwd();
  const local = localRun(workspace, undefined);
  // Files from anywhere: compared with a baseline when one is given, else everything is existing.
  delete local.base;
  const restore = enterRunner(local);
  const progress = progressTo(options.quiet === true);
  let stage;
  try {
    stage = await withProgress(progress, options.verbose === true, () =>
      runStage(
        'summary',
        runSummary,
        Object.fromEntries(
          Object.entries({
            sarif: sarif.map((f) => path.resolve(f)).join('\n'),
            baseline: (options.baseline ?? []).map((f) => path.resolve(f)).join('\n'),
            'dependency-changes': options.dependencyChanges ? path.resolve(options.dependencyChanges) : '',
            'fail-on': options.failOn ?? '',
            'fail-on-scope': options.failOnScope ?? '',
            config: options.config ? path.resolve(options.config) : '',
            comment: 'never',
            'upload-artifact': 'never',
          }).filter(([, v]) => v !== ''),
        ),
        { actionsDir: findActionsDir(), token: '', scratch: local.runnerTemp },
      ),
    );
  } finally {
    restore();
  }
  const report = readReport(stage.outputs['report-json']);
  if (!report) return EXIT.usage;
  const html = writeOut(path.resolve(options.out ?? 'pavedpath-report'), stage.outputs, report, []);
  printReport(options.format, report, stage.outputs);
  progress.line(`Report: ${html}`);
  return stage.outputs.verdict === 'fail' ? EXIT.gateFailed : EXIT.pass;
}

function discover(dir: string | undefined): number {
  const root = path.resolve(dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder.`);
  const skipped = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox']);
  const projects = discoverProjects(
    listFiles(root, (d) => skipped.has(d.split('/').pop() ?? '')),
    path.basename(root),
  );
  process.stdout.write(`${JSON.stringify({ include: projects }, null, 2)}\n`);
  return EXIT.pass;
}

function common(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'what goes to standard output').choices(FORMATS).default('text'),
    )
    .option(
      '--out <dir>',
      'where report.json, report.md, report.html, facts.json, badge.json (and SARIF, SBOM) go',
      'pavedpath-report',
    )
    .addOption(
      new Option('--fail-on <severity>', 'the lowest severity that fails (exit 1)').choices(SEVERITIES),
    )
    .addOption(
      new Option('--fail-on-scope <scope>', 'new: only new findings count; all').choices(['new', 'all']),
    )
    .option('--config <file>', 'the config file (default: .github/pavedpath.yml when present)')
    .option('-q, --quiet', 'no progress on standard error')
    .option('--verbose', "every line of the stages' logs on standard error");
}

export function program(): Command {
  const cli = new Command('pavedpath')
    .description(
      "Paved Path's security pipeline on your machine: SAST, dependency review, SBOM and the pull-request summary.",
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  cli.addHelpText(
    'after',
    '\nExit codes: 0 the gate passed · 1 the gate failed · 2 bad usage, input or config · 3 a scanner or the network failed',
  );
  common(
    cli
      .command('scan')
      .description(
        'the full pipeline on a folder: SAST (with the engines present), dependency review, SBOM, summary',
      )
      .argument('[dir]', 'the folder to scan', '.')
      .option('--base <ref>', 'compare with this commit (default: the merge base with the default branch)')
      .option('--offline-db <dir>', 'an OSV database on disk (folder or zip): no network call')
      .option(
        '--engines <list>',
        'SAST engines: auto, or some of opengrep, semgrep, gosec, bandit, eslint-security',
        'auto',
      )
      .addOption(
        new Option('--sbom-format <format>', 'the SBOM to write')
          .choices(SBOM_FORMATS_OR_NONE)
          .default('cyclonedx-json'),
      ),
  ).action(
    async (
      dir: string | undefined,
      options: CommonOptions & Record<string, string | boolean | undefined>,
    ) => {
      process.exitCode = await scan(dir, options);
    },
  );
  common(
    cli
      .command('summarize')
      .description("the summary action's work on SARIF files from anywhere (a CI artifact, another tool)")
      .argument('<sarif...>', 'SARIF files')
      .option('--baseline <sarif...>', 'SARIF of the base: findings in it count as existing')
      .option('--dependency-changes <file>', "the dependency-review action's dependency-changes.json"),
  ).action(
    async (sarif: string[], options: CommonOptions & { baseline?: string[]; dependencyChanges?: string }) => {
      process.exitCode = await summarize(sarif, options);
    },
  );
  cli
    .command('discover')
    .description('the projects of a monorepo, as the JSON matrix the workflows use')
    .argument('[dir]', 'the folder to look in', '.')
    .action((dir: string | undefined) => {
      process.exitCode = discover(dir);
    });
  return cli;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes 2 (commander printed the message).
      process.exitCode = error.exitCode === 0 ? EXIT.pass : EXIT.usage;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.toolFailed;
  }
}
