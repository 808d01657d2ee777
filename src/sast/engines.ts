/**
 * The SAST engines: what each scans, how it is installed, and which ones `engines: auto` picks for
 * a repository's languages. Pure data and decisions; installing and running is the action's.
 *
 * Install kinds (the action's src/actions/sast/install.ts):
 * - `binary` (opengrep, gosec): a release asset pinned by version and SHA-256 in
 *   src/tools/catalogue.ts, verified before extraction, cached; a binary on PATH within the
 *   allowed range is used as is.
 * - `python` (bandit, semgrep): `pip install <package>==<version>` into a virtual environment of
 *   its own in the tool cache (binary wheels only, no build scripts run); on PATH within the
 *   allowed range: used as is. The project's own Python environment is never touched.
 * - `npm` (eslint-security): ESLint and eslint-plugin-security at pinned versions installed into
 *   a prefix of their own in the tool cache, run with a config of ours; the project's
 *   node_modules and ESLint config are never read or changed.
 */
import semver from 'semver';
import { LANGUAGES, type DetectedLanguage, type Language } from '../detect/languages.js';
import { TOOLS } from '../tools/catalogue.js';
import { BANDIT_ALLOWED, BANDIT_PINNED_VERSION } from './bandit.js';
import { ESLINT_PINNED, ESLINT_TYPESCRIPT_PINNED } from './eslint.js';
import { STARTER_RULES } from './rules/starter-pack.js';
import { ENGINE_NAMES, isEngineName, type EngineName } from './types.js';

export type EngineInstall =
  | { kind: 'binary'; tool: 'opengrep' | 'gosec' }
  | {
      kind: 'python';
      /** The PyPI package. */
      package: string;
      /** The executable the package installs. */
      executable: string;
      version: string;
      allowed: string;
      versionArgs: readonly string[];
    }
  | {
      kind: 'npm';
      /** Packages installed together, name → pinned version; the first is the engine. */
      packages: Readonly<Record<string, string>>;
      /** Versions of the engine package accepted as overrides. */
      allowed: string;
    };

export interface EngineSpec {
  name: EngineName;
  /** What the engine is, for logs and docs. */
  title: string;
  /** Languages it scans. */
  languages: readonly Language[];
  install: EngineInstall;
  /** Whether it can be given a list of files (changed-files-only); if not, its results are filtered. */
  acceptsFiles: boolean;
}

export const ENGINES: Readonly<Record<EngineName, EngineSpec>> = {
  opengrep: {
    name: 'opengrep',
    title: 'opengrep (open-source Semgrep engine) with the Paved Path starter rules',
    // Every language detection knows (rules for most come from `config`; the starter pack's below).
    languages: LANGUAGES,
    install: { kind: 'binary', tool: 'opengrep' },
    acceptsFiles: true,
  },
  semgrep: {
    name: 'semgrep',
    title: 'Semgrep CE with the Paved Path starter rules',
    // Every language detection knows (rules for most come from `config`; the starter pack's below).
    languages: LANGUAGES,
    // Semgrep publishes no standalone binary: it is a Python package with the engine inside its wheel.
    install: {
      kind: 'python',
      package: 'semgrep',
      executable: 'semgrep',
      version: '1.148.0',
      allowed: '>=1.100.0 <2.0.0',
      versionArgs: ['--version'],
    },
    acceptsFiles: true,
  },
  gosec: {
    name: 'gosec',
    title: 'gosec (Go security checker)',
    languages: ['go'],
    install: { kind: 'binary', tool: 'gosec' },
    // gosec takes packages, not files: its results are filtered to the changed files.
    acceptsFiles: false,
  },
  bandit: {
    name: 'bandit',
    title: 'Bandit (Python security linter)',
    languages: ['python'],
    install: {
      kind: 'python',
      package: 'bandit',
      executable: 'bandit',
      version: BANDIT_PINNED_VERSION,
      // Before 1.7.0 bandit skips its string checks on Python 3.8+ (see src/sast/bandit.ts).
      allowed: BANDIT_ALLOWED,
      versionArgs: ['--version'],
    },
    acceptsFiles: true,
  },
  'eslint-security': {
    name: 'eslint-security',
    title: 'ESLint with eslint-plugin-security',
    languages: ['javascript', 'typescript'],
    // TypeScript files are parsed (syntax only, no type information) by @typescript-eslint/parser.
    install: {
      kind: 'npm',
      packages: {
        eslint: ESLINT_PINNED.eslint,
        'eslint-plugin-security': ESLINT_PINNED['eslint-plugin-security'],
        ...ESLINT_TYPESCRIPT_PINNED,
      },
      allowed: '>=9.0.0 <10.0.0',
    },
    acceptsFiles: true,
  },
};

/** The version an engine installs by default. */
export function pinnedVersion(engine: EngineName): string {
  const install = ENGINES[engine].install;
  if (install.kind === 'binary') return TOOLS[install.tool].version;
  if (install.kind === 'python') return install.version;
  return Object.values(install.packages)[0] ?? '';
}

export interface EngineChoice {
  engine: EngineName;
  /** Why it was chosen, for the log ("Python: 6 files"). */
  why: string;
}

const DEDICATED: Partial<Record<Language, EngineName>> = {
  go: 'gosec',
  python: 'bandit',
  javascript: 'eslint-security',
  typescript: 'eslint-security',
};

const LANGUAGE_TITLES: Readonly<Record<Language, string>> = {
  go: 'Go',
  python: 'Python',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  java: 'Java',
  kotlin: 'Kotlin',
  ruby: 'Ruby',
  php: 'PHP',
  csharp: 'C#',
  rust: 'Rust',
  c: 'C',
  cpp: 'C++',
  scala: 'Scala',
  swift: 'Swift',
};

export function languageTitle(language: Language): string {
  return LANGUAGE_TITLES[language];
}

function describe(languages: readonly DetectedLanguage[]): string {
  return languages
    .map((l) => `${LANGUAGE_TITLES[l.language]} (${String(l.files)} file${l.files === 1 ? '' : 's'})`)
    .join(', ');
}

/** Languages the starter rules (src/sast/rules) have rules for. */
export const STARTER_LANGUAGES: ReadonlySet<Language> = new Set(
  STARTER_RULES.flatMap((rule) => rule.languages),
);

/**
 * `engines: auto`: Go → gosec, Python → bandit, JavaScript/TypeScript → ESLint with
 * eslint-plugin-security; opengrep as well when the repository has several languages (one engine
 * with the same rules across all of them), or a language that only the starter rules cover
 * (Java). A language nothing covers (Ruby, PHP, …) chooses nothing: see `uncoveredLanguages`.
 */
export function chooseEngines(languages: readonly DetectedLanguage[]): EngineChoice[] {
  const chosen = new Map<EngineName, DetectedLanguage[]>();
  const starterOnly: DetectedLanguage[] = [];
  for (const language of languages) {
    const engine = DEDICATED[language.language];
    if (engine) chosen.set(engine, [...(chosen.get(engine) ?? []), language]);
    else if (STARTER_LANGUAGES.has(language.language)) starterOnly.push(language);
  }
  const covered = languages.filter(
    (l) => DEDICATED[l.language] !== undefined || STARTER_LANGUAGES.has(l.language),
  );
  const families = new Set(covered.map((l) => (l.language === 'typescript' ? 'javascript' : l.language)));
  const choices: EngineChoice[] = [];
  if (families.size > 1 || starterOnly.length > 0) {
    choices.push({
      engine: 'opengrep',
      why:
        families.size > 1
          ? `several languages: ${describe(covered)}`
          : `${describe(starterOnly)}: no dedicated engine, the starter rules cover it`,
    });
  }
  for (const engine of ENGINE_NAMES) {
    const langs = chosen.get(engine);
    if (langs) choices.push({ engine, why: describe(langs) });
  }
  return choices;
}

/**
 * Detected languages that no engine reads with Paved Path's own rules (Ruby, PHP, C#, …): opengrep
 * or semgrep with rules of the project's own (`config`) can scan them.
 */
export function uncoveredLanguages(languages: readonly DetectedLanguage[]): DetectedLanguage[] {
  return languages.filter((l) => DEDICATED[l.language] === undefined && !STARTER_LANGUAGES.has(l.language));
}

export interface EngineSelection {
  engines: EngineName[];
  /** Messages for names that are not engines (the input is refused when there are any). */
  errors: string[];
}

/**
 * The `engines` input: `auto`, or engine names separated by commas, spaces or newlines.
 * Returns undefined for `auto` (or empty).
 */
export function parseEngineList(input: string): EngineSelection | undefined {
  const names = input
    .split(/[\s,]+/)
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0 || (names.length === 1 && names[0] === 'auto')) return undefined;
  const engines: EngineName[] = [];
  const errors: string[] = [];
  for (const name of names) {
    const alias = name === 'eslint' || name === 'eslint-plugin-security' ? 'eslint-security' : name;
    if (name === 'auto') errors.push(`'auto' cannot be combined with engine names`);
    else if (!isEngineName(alias))
      errors.push(`'${name}' is not an engine (expected auto, or some of ${ENGINE_NAMES.join(', ')})`);
    else if (!engines.includes(alias)) engines.push(alias);
  }
  return { engines: ENGINE_NAMES.filter((e) => engines.includes(e)), errors };
}

export interface VersionOverrides {
  versions: Partial<Record<EngineName, string>>;
  errors: string[];
}

/**
 * The `versions` input: `engine=version` pairs separated by commas or newlines. A binary engine
 * accepts only a version whose digests are pinned in src/tools/catalogue.ts (nothing unverified is
 * downloaded); a package engine accepts a version within its allowed range.
 */
export function parseVersionOverrides(input: string): VersionOverrides {
  const versions: Partial<Record<EngineName, string>> = {};
  const errors: string[] = [];
  const entries = input
    .split(/[\n,]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '' && !e.startsWith('#'));
  for (const entry of entries) {
    const match = /^([\w-]+)\s*[=:@]\s*v?(\S+)$/.exec(entry);
    if (!match) {
      errors.push(`'${entry}' is not engine=version (for example: bandit=1.9.4)`);
      continue;
    }
    const name = (match[1] ?? '').toLowerCase();
    const version = match[2] ?? '';
    if (!isEngineName(name)) {
      errors.push(`'${name}' is not an engine (expected one of ${ENGINE_NAMES.join(', ')})`);
      continue;
    }
    const install = ENGINES[name].install;
    if (install.kind === 'binary') {
      const pinned = TOOLS[install.tool].version;
      if (version !== pinned) {
        errors.push(
          `${name} ${version} is not in Paved Path's table of verified downloads (it pins ${name} ${pinned} with SHA-256 digests); remove the override, or put ${name} ${version} on PATH yourself`,
        );
        continue;
      }
    } else if (!semver.valid(version) || !semver.satisfies(version, install.allowed)) {
      errors.push(`${name} ${version} is outside the versions Paved Path supports (${install.allowed})`);
      continue;
    }
    versions[name] = version;
  }
  return { versions, errors };
}
