/**
 * Makes a SAST engine runnable, the way src/actions/shared/install-tool.ts does for release
 * binaries, for the engines that are packages:
 *
 * - Python packages (bandit, semgrep): an executable on PATH whose version is within the allowed
 *   range (or equal to a `versions` override) is used as is. Otherwise a virtual environment of
 *   the engine's own under the tool cache gets `pip install --only-binary=:all: <pkg>==<version>`
 *   (wheels only: no build script of any package runs). pip reads its index from pip's own
 *   settings, so PIP_INDEX_URL points air-gapped runners at a mirror.
 * - npm packages (ESLint with eslint-plugin-security): installed at their pinned versions, with
 *   install scripts off, into a folder of their own under the tool cache, from npm's configured
 *   registry (npm_config_registry for a mirror). The project's node_modules is never touched.
 *
 * Installs are kept under RUNNER_TOOL_CACHE/pavedpath-<engine>/<version>/ and marked complete only
 * when they succeeded, so a half-finished install is redone, not used.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { ENGINES, type EngineInstall } from '../../sast/engines.js';
import type { EngineName } from '../../sast/types.js';
import { ConfigurationError } from '../shared/errors.js';
import { TOOLS, type ToolEntry } from '../../tools/catalogue.js';
import { ensureTool, findOnPath } from '../shared/install-tool.js';
import { engineEnvironment } from '../shared/environment.js';

const run = promisify(execFile);

export interface InstalledEngine {
  engine: EngineName;
  version: string;
  /** The command to start it: an executable and the arguments that come before the engine's own. */
  command: string;
  prefixArgs: string[];
  source: 'path' | 'cache' | 'download' | 'install';
  /** npm engines: the folder the packages were installed into (the config goes there). */
  home?: string;
  /** eslint-security: the version of eslint-plugin-security installed with ESLint. */
  pluginVersion?: string;
}

export interface InstallOptions {
  /** A version from the `versions` input, already validated. */
  version?: string;
  /** Base URL of a mirror of the pinned release binaries (opengrep, gosec). */
  mirror?: string;
  /** Directories searched for an installed engine; default PATH. */
  searchPath?: string;
  /** A catalogue entry used instead of the pinned one for a binary engine (tests serve their own). */
  toolEntry?: ToolEntry;
  log: (message: string) => void;
}

/** Why an engine could not be made ready: one sentence that says what to do. */
export class EngineInstallError extends ConfigurationError {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInstallError';
  }
}

function executableIn(dirs: string, name: string): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of dirs.split(path.delimiter).filter(Boolean)) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The first x.y.z in a tool's version output ("__main__.py 1.7.10", "bandit 1.9.4", "1.148.0"). */
export function versionFromOutput(output: string): string | undefined {
  return /(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

async function versionOf(executable: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(executable, [...args], {
      timeout: 60_000,
      encoding: 'utf8',
      env: engineEnvironment(),
    });
    return versionFromOutput(`${stdout}\n${stderr}`);
  } catch {
    return undefined;
  }
}

function toolCacheDir(engine: EngineName, version: string): string {
  const cache = process.env.RUNNER_TOOL_CACHE;
  if (!cache) {
    throw new EngineInstallError(
      `${engine} ${version} is not on PATH and cannot be installed here: RUNNER_TOOL_CACHE is not set (this is not a GitHub Actions runner). Install ${engine} and put it on PATH.`,
    );
  }
  return path.join(cache, `pavedpath-${engine}`, version, process.arch);
}

function tail(text: unknown, lines = 4): string {
  const s = Buffer.isBuffer(text) ? text.toString('utf8') : typeof text === 'string' ? text : '';
  return s.trim().split('\n').slice(-lines).join(' | ');
}

async function ensurePython(
  engine: EngineName,
  install: Extract<EngineInstall, { kind: 'python' }>,
  options: InstallOptions,
): Promise<InstalledEngine> {
  const wanted = options.version ?? install.version;
  const onPath = executableIn(options.searchPath ?? process.env.PATH ?? '', install.executable);
  if (onPath) {
    const version = await versionOf(onPath, install.versionArgs);
    const ok =
      version && (options.version ? version === options.version : semver.satisfies(version, install.allowed));
    if (ok) {
      options.log(`${engine} ${version}: using ${onPath} (on PATH)`);
      return { engine, version, command: onPath, prefixArgs: [], source: 'path' };
    }
    options.log(
      `${engine} on PATH (${onPath}) is ${version ?? 'of an unknown version'}, not ${options.version ?? install.allowed}: installing ${install.package} ${wanted} instead`,
    );
  }
  const venv = toolCacheDir(engine, wanted);
  const bin = process.platform === 'win32' ? path.join(venv, 'Scripts') : path.join(venv, 'bin');
  const executable = executableIn(bin, install.executable);
  if (executable && existsSync(`${venv}.complete`)) {
    options.log(`${engine} ${wanted}: found in the tool cache (${venv})`);
    return { engine, version: wanted, command: executable, prefixArgs: [], source: 'cache' };
  }

  refuseInstall(engine, `pip install ${install.package}==${wanted} (or any ${install.allowed})`);
  // `python` is Python 2 on some machines: only Windows, where python3 is not a name, uses it.
  const python = executableIn(process.env.PATH ?? '', process.platform === 'win32' ? 'python' : 'python3');
  if (!python) {
    throw new EngineInstallError(
      `${engine} needs Python 3 (with its venv module) to install ${install.package} ${wanted}, and no python3 is on PATH. Add actions/setup-python before this step, or put ${install.executable} ${install.allowed} on PATH.`,
    );
  }
  rmSync(venv, { recursive: true, force: true });
  rmSync(`${venv}.complete`, { force: true });
  mkdirSync(path.dirname(venv), { recursive: true });
  options.log(`${engine}: creating a virtual environment in ${venv}`);
  try {
    await run(python, ['-m', 'venv', venv], { timeout: 300_000, env: engineEnvironment() });
  } catch (error) {
    throw new EngineInstallError(
      `${engine}: '${python} -m venv' failed (${tail((error as { stderr?: unknown }).stderr) || String(error)}). On Debian and Ubuntu install the python3-venv package, or put ${install.executable} ${install.allowed} on PATH.`,
    );
  }
  const venvPython =
    process.platform === 'win32'
      ? path.join(venv, 'Scripts', 'python.exe')
      : path.join(venv, 'bin', 'python');
  const requirement = `${install.package}==${wanted}`;
  options.log(`${engine}: pip install --only-binary=:all: ${requirement}`);
  try {
    await run(
      venvPython,
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--only-binary=:all:',
        requirement,
      ],
      { timeout: 900_000, maxBuffer: 16 * 1024 * 1024, env: { ...engineEnvironment(), PIP_NO_INPUT: '1' } },
    );
  } catch (error) {
    rmSync(venv, { recursive: true, force: true });
    const detail = tail((error as { stderr?: unknown }).stderr) || String(error);
    throw new EngineInstallError(
      `${engine}: pip could not install ${requirement} (${detail}). Check that the runner can reach PyPI; on an air-gapped runner set PIP_INDEX_URL to a mirror that holds ${install.package} ${wanted} and its dependencies as wheels, or put ${install.executable} ${install.allowed} on PATH.`,
    );
  }
  const installed = executableIn(bin, install.executable);
  const version = installed ? await versionOf(installed, install.versionArgs) : undefined;
  if (!installed || version !== wanted) {
    rmSync(venv, { recursive: true, force: true });
    throw new EngineInstallError(
      `${engine}: after 'pip install ${requirement}' the virtual environment has ${installed ? `${install.executable} ${version ?? '(no version)'}` : `no ${install.executable} executable`}, not ${wanted}. The package index may serve a different package under that name; check PIP_INDEX_URL.`,
    );
  }
  writeFileSync(`${venv}.complete`, '');
  return { engine, version, command: installed, prefixArgs: [], source: 'install' };
}

async function ensureNpm(
  engine: EngineName,
  install: Extract<EngineInstall, { kind: 'npm' }>,
  options: InstallOptions,
): Promise<InstalledEngine> {
  const [main, ...rest] = Object.entries(install.packages);
  if (!main) throw new Error(`${engine}: no npm packages are listed`);
  const packages: [string, string][] = [[main[0], options.version ?? main[1]], ...rest];
  const key = packages.map(([, v]) => v).join('-');
  const pluginVersion = packages[1]?.[1];
  const plugin = pluginVersion ? { pluginVersion } : {};
  const local = localPrefix(packages);
  if (local) {
    options.log(`${engine} (${packages.map(([n, v]) => `${n}@${v}`).join(', ')}): found in ${local}`);
    return {
      engine,
      version: packages[0]?.[1] ?? '',
      command: process.execPath,
      prefixArgs: [path.join(local, 'node_modules', main[0], 'bin', `${main[0]}.js`)],
      source: 'path',
      home: local,
      ...plugin,
    };
  }
  const home = toolCacheDir(engine, key);
  const entry = path.join(home, 'node_modules', main[0], 'bin', `${main[0]}.js`);
  if (existsSync(entry) && existsSync(`${home}.complete`)) {
    options.log(
      `${engine} (${packages.map(([n, v]) => `${n}@${v}`).join(', ')}): found in the tool cache (${home})`,
    );
    return {
      engine,
      version: packages[0]?.[1] ?? '',
      command: process.execPath,
      prefixArgs: [entry],
      source: 'cache',
      home,
      ...plugin,
    };
  }
  refuseInstall(engine, `npm install ${packages.map(([n, v]) => `${n}@${v}`).join(' ')}`);
  const npm = executableIn(process.env.PATH ?? '', 'npm');
  if (!npm) {
    throw new EngineInstallError(
      `${engine} is installed with npm, and npm is not on PATH. Add actions/setup-node before this step.`,
    );
  }
  rmSync(home, { recursive: true, force: true });
  rmSync(`${home}.complete`, { force: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(
    path.join(home, 'package.json'),
    `${JSON.stringify({ name: `pavedpath-${engine}`, private: true, dependencies: Object.fromEntries(packages) }, null, 2)}\n`,
  );
  const specs = packages.map(([n, v]) => `${n}@${v}`).join(' ');
  options.log(`${engine}: npm install ${specs} (scripts off) into ${home}`);
  try {
    await run(
      npm,
      [
        'install',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        '--install-links=false',
      ],
      {
        cwd: home,
        timeout: 900_000,
        maxBuffer: 16 * 1024 * 1024,
        shell: process.platform === 'win32',
        env: engineEnvironment(),
      },
    );
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw new EngineInstallError(
      `${engine}: npm could not install ${specs} (${tail((error as { stderr?: unknown }).stderr) || String(error)}). Check that the runner can reach the npm registry, or set npm_config_registry to a mirror that holds them.`,
    );
  }
  if (!existsSync(entry)) {
    rmSync(home, { recursive: true, force: true });
    throw new EngineInstallError(`${engine}: npm installed ${specs}, but ${entry} is missing.`);
  }
  writeFileSync(`${home}.complete`, '');
  return {
    engine,
    version: packages[0]?.[1] ?? '',
    command: process.execPath,
    prefixArgs: [entry],
    source: 'install',
    home,
    ...plugin,
  };
}

/**
 * PAVED_PATH_NO_INSTALL=1 (the CLI sets it): engines are used only when present (PATH, tool cache,
 * PAVED_PATH_NPM_PREFIX); nothing is downloaded or installed.
 */
export const NO_INSTALL = 'PAVED_PATH_NO_INSTALL';
/** A folder whose node_modules may already hold the npm engine's pinned packages (the CLI's own). */
export const NPM_PREFIX = 'PAVED_PATH_NPM_PREFIX';

function refuseInstall(engine: EngineName, how: string): void {
  if (process.env[NO_INSTALL] === '1') {
    throw new EngineInstallError(
      `${engine} is not installed on this machine, and installing is off: ${how}.`,
    );
  }
}

/** PAVED_PATH_NPM_PREFIX when its node_modules holds exactly the pinned versions. */
function localPrefix(packages: readonly [string, string][]): string | undefined {
  const prefix = process.env[NPM_PREFIX];
  if (!prefix) return undefined;
  for (const [name, version] of packages) {
    try {
      const manifest = JSON.parse(
        readFileSync(path.join(prefix, 'node_modules', name, 'package.json'), 'utf8'),
      ) as {
        version?: unknown;
      };
      if (manifest.version !== version) return undefined;
    } catch {
      return undefined;
    }
  }
  return prefix;
}

/** The engine ready to run, from PATH, the tool cache, or a fresh verified install. */
export async function ensureEngine(engine: EngineName, options: InstallOptions): Promise<InstalledEngine> {
  const install = ENGINES[engine].install;
  if (install.kind === 'python') return ensurePython(engine, install, options);
  if (install.kind === 'npm') return ensureNpm(engine, install, options);
  if (process.env[NO_INSTALL] === '1') {
    const entry = options.toolEntry ?? TOOLS[install.tool];
    const found = await findOnPath(
      entry,
      options.searchPath ?? process.env.PATH ?? '',
      process.platform,
      options.log,
    );
    if (found) return { engine, version: found.version, command: found.path, prefixArgs: [], source: 'path' };
    refuseInstall(engine, `put ${entry.name} ${entry.allowed} on PATH (${entry.releasePage})`);
  }
  const tool = await ensureTool(options.toolEntry ?? install.tool, {
    ...(options.mirror ? { mirror: options.mirror } : {}),
    ...(options.searchPath !== undefined ? { searchPath: options.searchPath } : {}),
    log: options.log,
  });
  return {
    engine,
    version: tool.version,
    command: tool.path,
    prefixArgs: [],
    source: tool.from === 'download' ? 'download' : tool.from,
  };
}
