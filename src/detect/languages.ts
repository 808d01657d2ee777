/**
 * Which languages a repository is written in, from its file list alone (pure: paths in, facts
 * out). A language counts when the tree has at least one of its source files outside vendored,
 * generated and test-data folders; project markers (go.mod, package.json, pyproject.toml, …) say
 * where its projects are, which is what a monorepo needs (gosec runs once per Go module).
 */
import { isSkippedDirectory } from '../inventory/discover.js';

export const LANGUAGES = [
  'go',
  'python',
  'javascript',
  'typescript',
  'java',
  'kotlin',
  'ruby',
  'php',
  'csharp',
  'rust',
  'c',
  'cpp',
  'scala',
  'swift',
] as const;
export type Language = (typeof LANGUAGES)[number];

const EXTENSIONS: Readonly<Record<string, Language>> = {
  '.go': 'go',
  '.py': 'python',
  '.pyw': 'python',
  '.js': 'javascript',
  '.cjs': 'javascript',
  '.mjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.cts': 'typescript',
  '.mts': 'typescript',
  '.tsx': 'typescript',
  '.java': 'java',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.rb': 'ruby',
  '.php': 'php',
  '.cs': 'csharp',
  '.rs': 'rust',
  '.c': 'c',
  '.h': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.hpp': 'cpp',
  '.scala': 'scala',
  '.swift': 'swift',
};

/** File names that mark a project of a language (the folder that holds one is a project root). */
const MARKERS: readonly { test: (name: string) => boolean; language: Language }[] = [
  { test: (n) => n === 'go.mod', language: 'go' },
  {
    test: (n) =>
      n === 'pyproject.toml' ||
      n === 'setup.py' ||
      n === 'setup.cfg' ||
      n === 'Pipfile' ||
      /^requirements[\w.-]*\.(txt|in)$/.test(n),
    language: 'python',
  },
  { test: (n) => n === 'package.json', language: 'javascript' },
  { test: (n) => n === 'tsconfig.json' || /^tsconfig\.[\w.-]+\.json$/.test(n), language: 'typescript' },
  { test: (n) => n === 'pom.xml' || n === 'build.gradle' || n === 'build.gradle.kts', language: 'java' },
  { test: (n) => n === 'Gemfile', language: 'ruby' },
  { test: (n) => n === 'composer.json', language: 'php' },
  { test: (n) => n.endsWith('.csproj') || n.endsWith('.sln'), language: 'csharp' },
  { test: (n) => n === 'Cargo.toml', language: 'rust' },
];

/** Folders of generated or bundled code: their files say nothing about the project's language. */
const GENERATED_DIRECTORIES = new Set([
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.venv',
  'venv',
  '.tox',
  '__pycache__',
  'site-packages',
  '.mypy_cache',
]);

export interface DetectedLanguage {
  language: Language;
  /** Source files of the language (outside skipped folders). */
  files: number;
  /** Project roots: folders ('' is the repository root) holding one of the language's markers. */
  projects: string[];
}

function isSkipped(folder: string): boolean {
  if (isSkippedDirectory(folder)) return true;
  return folder.split('/').some((part) => GENERATED_DIRECTORIES.has(part) || part.startsWith('.'));
}

function isMinified(name: string): boolean {
  return /[.-]min\.[cm]?js$/.test(name) || /\.bundle\.[cm]?js$/.test(name);
}

/**
 * The languages of a repository's files (repository-relative paths), most files first. Files in
 * dependency, version-control, generated, hidden and test-data folders are not counted.
 */
export function detectLanguages(files: readonly string[]): DetectedLanguage[] {
  const found = new Map<Language, { files: number; projects: Set<string> }>();
  const entry = (language: Language) => {
    let value = found.get(language);
    if (!value) {
      value = { files: 0, projects: new Set() };
      found.set(language, value);
    }
    return value;
  };
  for (const raw of files) {
    const file = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    const slash = file.lastIndexOf('/');
    const folder = slash < 0 ? '' : file.slice(0, slash);
    const name = file.slice(slash + 1);
    if (isSkipped(folder)) continue;
    const dot = name.lastIndexOf('.');
    const language = dot > 0 ? EXTENSIONS[name.slice(dot).toLowerCase()] : undefined;
    if (language && !isMinified(name) && !name.endsWith('.d.ts')) entry(language).files += 1;
    for (const marker of MARKERS) {
      if (marker.test(name)) entry(marker.language).projects.add(folder);
    }
  }
  return [...found]
    .filter(([, value]) => value.files > 0)
    .map(([language, value]) => ({ language, files: value.files, projects: [...value.projects].sort() }))
    .sort((a, b) => b.files - a.files || a.language.localeCompare(b.language));
}

/** The repository-relative files of `languages` among `files`, skipping what detection skips. */
export function filesOfLanguages(files: readonly string[], languages: readonly Language[]): string[] {
  const wanted = new Set(languages);
  return files
    .map((raw) => raw.replace(/\\/g, '/').replace(/^\.\//, ''))
    .filter((file) => {
      const slash = file.lastIndexOf('/');
      const name = file.slice(slash + 1);
      if (isSkipped(slash < 0 ? '' : file.slice(0, slash)) || isMinified(name)) return false;
      const dot = name.lastIndexOf('.');
      const language = dot > 0 ? EXTENSIONS[name.slice(dot).toLowerCase()] : undefined;
      return language !== undefined && wanted.has(language) && !name.endsWith('.d.ts');
    });
}

/** The language of a file by its extension (not by folder), or undefined. */
export function languageOf(file: string): Language | undefined {
  const name = file.replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.endsWith('.d.ts')) return undefined;
  return EXTENSIONS[name.slice(dot).toLowerCase()];
}

/** Folders ('' is the root) that hold a project marker of any language, outside skipped folders. */
export function markerFolders(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const raw of files) {
    const file = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    const slash = file.lastIndexOf('/');
    const folder = slash < 0 ? '' : file.slice(0, slash);
    if (isSkipped(folder)) continue;
    const name = file.slice(slash + 1);
    if (MARKERS.some((m) => m.test(name))) folders.add(folder);
  }
  return [...folders].sort();
}
