/**
 * The command a developer runs to move a vulnerable dependency to its fixed version, per package
 * manager, in the documented forms of research §4 (direct-dependency column). Pipenv is not in
 * the research: its form is from the pipenv docs (pypa/pipenv `docs/specifiers.md`:
 * `pipenv install "requests>=2.20.0"`).
 *
 * Package names and versions come from lockfiles and advisories: untrusted. Each is checked
 * against the name grammar of its ecosystem and a conservative version grammar; anything else
 * (shell metacharacters, whitespace, quotes, a leading `-` that would read as an option, paths
 * and URLs that a package manager would install from) gives undefined, never a command. What
 * passes is pasted bare when it holds only characters no shell treats specially, else in single
 * quotes (which the checks guarantee it cannot contain).
 */

export type PackageManager =
  | 'npm'
  | 'yarn'
  | 'yarn-berry'
  | 'pnpm'
  | 'bun'
  | 'pip'
  | 'poetry'
  | 'uv'
  | 'pipenv'
  | 'go'
  | 'cargo'
  | 'bundler'
  | 'composer'
  | 'maven'
  | 'gradle'
  | 'nuget';

type Family = 'npm' | 'pypi' | 'go' | 'cargo' | 'rubygems' | 'packagist' | 'maven' | 'nuget';

const FAMILY: Readonly<Record<PackageManager, Family>> = {
  npm: 'npm',
  yarn: 'npm',
  'yarn-berry': 'npm',
  pnpm: 'npm',
  bun: 'npm',
  pip: 'pypi',
  poetry: 'pypi',
  uv: 'pypi',
  pipenv: 'pypi',
  go: 'go',
  cargo: 'cargo',
  bundler: 'rubygems',
  composer: 'packagist',
  maven: 'maven',
  gradle: 'maven',
  nuget: 'nuget',
};

/**
 * Ecosystem names (OSV spells them `npm`, `PyPI`, `Go`, `crates.io`, `RubyGems`, `Packagist`,
 * `Maven`, `NuGet`) and package-manager names, lower-cased, to the default manager; the manifest
 * or lockfile refines it.
 */
const ECOSYSTEMS: ReadonlyMap<string, PackageManager> = new Map<string, PackageManager>([
  ['npm', 'npm'],
  ['yarn', 'yarn'],
  ['yarn-berry', 'yarn-berry'],
  ['pnpm', 'pnpm'],
  ['bun', 'bun'],
  ['pypi', 'pip'],
  ['pip', 'pip'],
  ['requirements', 'pip'],
  ['poetry', 'poetry'],
  ['uv', 'uv'],
  ['pipenv', 'pipenv'],
  ['pipfile', 'pipenv'],
  ['go', 'go'],
  ['golang', 'go'],
  ['crates.io', 'cargo'],
  ['cargo', 'cargo'],
  ['rubygems', 'bundler'],
  ['bundler', 'bundler'],
  ['packagist', 'composer'],
  ['composer', 'composer'],
  ['maven', 'maven'],
  ['gradle', 'gradle'],
  ['nuget', 'nuget'],
]);

/** Manifest and lockfile names (lower-cased basenames) that decide the manager of a family. */
const MANIFESTS: ReadonlyMap<string, PackageManager> = new Map<string, PackageManager>([
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['yarn.lock', 'yarn'],
  // Yarn 2+ (berry) keeps its settings in .yarnrc.yml; Yarn classic has no `yarn up`.
  ['.yarnrc.yml', 'yarn-berry'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['pnpm-workspace.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['poetry.lock', 'poetry'],
  ['uv.lock', 'uv'],
  ['pipfile', 'pipenv'],
  ['pipfile.lock', 'pipenv'],
  ['pom.xml', 'maven'],
  ['build.gradle', 'gradle'],
  ['build.gradle.kts', 'gradle'],
  ['settings.gradle', 'gradle'],
  ['settings.gradle.kts', 'gradle'],
  ['gradle.lockfile', 'gradle'],
  ['buildscript-gradle.lockfile', 'gradle'],
  ['settings-gradle.lockfile', 'gradle'],
  ['libs.versions.toml', 'gradle'],
]);

const basename = (file: string): string => (file.split(/[\\/]/).pop() ?? '').toLowerCase();

/**
 * Registry ecosystems that more than one package manager serves: the manifest or lockfile picks
 * the manager. A package manager named outright is taken as is (only Yarn still learns from a
 * `.yarnrc.yml` that it is Yarn 2+).
 */
const REFINED_BY_MANIFEST: ReadonlySet<string> = new Set(['npm', 'pypi', 'maven', 'yarn']);

/** The package manager for an ecosystem, refined by the manifest or lockfile the package is in. */
export function packageManagerFor(ecosystem: string, manifest?: string): PackageManager | undefined {
  const key = ecosystem.trim().toLowerCase();
  const base = ECOSYSTEMS.get(key);
  if (base === undefined) return undefined;
  if (manifest === undefined || !REFINED_BY_MANIFEST.has(key)) return base;
  // Gradle's legacy per-configuration lockfiles: gradle/dependency-locks/<configuration>.lockfile.
  const name = basename(manifest);
  const byFile =
    MANIFESTS.get(name) ??
    (name.endsWith('.lockfile') && /(^|[\\/])dependency-locks[\\/]/.test(manifest) ? 'gradle' : undefined);
  if (byFile === undefined || FAMILY[byFile] !== FAMILY[base]) return base;
  if (key === 'yarn') return byFile === 'yarn-berry' ? byFile : base;
  return byFile;
}

const MAX_LENGTH = 214;

/** Name grammars per family: what the registry allows, minus anything a shell or a package manager
 * would read as something else (options, paths, URLs, specifiers). */
const NAME: Readonly<Record<Family, RegExp>> = {
  // npm: optional @scope/, then a name; no leading dot or underscore, no path, no `:` (git:, file:).
  npm: /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i,
  // PEP 508 project name.
  pypi: /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
  // Go module path: slash-separated elements, each starting with a letter or digit (no `..`, no `./`).
  go: /^[A-Za-z0-9][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9][A-Za-z0-9._~-]*)*$/,
  cargo: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  rubygems: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  // vendor/package.
  packagist: /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/,
  // groupId:artifactId.
  maven: /^[A-Za-z0-9_][A-Za-z0-9._-]*:[A-Za-z0-9_][A-Za-z0-9._-]*$/,
  nuget: /^[A-Za-z0-9_][A-Za-z0-9._-]*$/,
};

/** A concrete version: starts with a letter or digit; letters, digits and `. + ~ _ -` only. */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+~_-]*$/;

/** Characters no POSIX shell, bash or zsh gives a meaning to inside a word. */
const BARE = /^[A-Za-z0-9@%/._+:,=-]+$/;

/** The word as typed: bare when that is safe, else single-quoted (callers ensure no `'` inside). */
function word(text: string): string {
  return BARE.test(text) && !text.startsWith('=') ? text : `'${text}'`;
}

function validName(family: Family, name: string): boolean {
  return name.length <= MAX_LENGTH && NAME[family].test(name);
}

function validVersion(version: string): boolean {
  return version.length <= 128 && VERSION.test(version);
}

/**
 * The shell command that upgrades `name` to `fixedVersion` as a direct dependency, or undefined:
 * for an unknown ecosystem, a name or version outside the allowed grammar, the Go standard
 * library (upgraded with the toolchain, not `go get`), and Gradle without dependency locking
 * (the fix there is an edit of build.gradle, not a command). `manifest` is the path or name of the
 * manifest or lockfile that holds the package (yarn.lock, poetry.lock, build.gradle…).
 */
export function upgradeCommand(
  ecosystem: string,
  name: string,
  fixedVersion: string,
  manifest?: string,
): string | undefined {
  const manager = packageManagerFor(ecosystem, manifest);
  if (manager === undefined) return undefined;
  if (!validName(FAMILY[manager], name) || !validVersion(fixedVersion)) return undefined;
  const at = `${name}@${fixedVersion}`;
  switch (manager) {
    case 'npm':
      return `npm install ${word(at)}`;
    case 'yarn':
      return `yarn upgrade ${word(at)}`;
    case 'yarn-berry':
      return `yarn up ${word(at)}`;
    case 'pnpm':
      return `pnpm update ${word(at)}`;
    case 'bun':
      return `bun add ${word(at)}`;
    case 'pip':
      return `pip install --upgrade '${name}==${fixedVersion}'`;
    case 'poetry':
      return `poetry add '${name}@^${fixedVersion}'`;
    case 'uv':
      return `uv add '${name}>=${fixedVersion}'`;
    case 'pipenv':
      return `pipenv install '${name}>=${fixedVersion}'`;
    case 'go': {
      if (name === 'stdlib' || name === 'toolchain') return undefined;
      const version = /^v\d/.test(fixedVersion) ? fixedVersion : `v${fixedVersion}`;
      return `go get ${word(`${name}@${version}`)} && go mod tidy`;
    }
    case 'cargo':
      return `cargo update -p ${word(name)} --precise ${word(fixedVersion)}`;
    case 'bundler':
      return `bundle update ${word(name)}`;
    case 'composer':
      return `composer require '${name}:^${fixedVersion}'`;
    case 'maven':
      return `mvn versions:use-dep-version ${word(`-Dincludes=${name}`)} ${word(`-DdepVersion=${fixedVersion}`)}`;
    case 'gradle':
      return manifest !== undefined && basename(manifest).endsWith('.lockfile')
        ? `./gradlew dependencies --update-locks ${word(name)}`
        : undefined;
    case 'nuget':
      return `dotnet add package ${word(name)} --version ${word(fixedVersion)}`;
  }
}
