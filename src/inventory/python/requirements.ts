/**
 * pip requirements files (requirements.txt, requirements-dev.txt, requirements/*.txt) → PyPI
 * components and unpinned requirements.
 *
 * Lines are read as pip reads them: `\` joins a line with the next (a comment line ends the
 * join), `#` after whitespace starts a comment, options (`--hash`, `--index-url`…) are not
 * requirements.
 *
 * - `name==1.2.3` and `name===1.2.3` (with extras `name[a,b]`, an environment marker after `;`,
 *   `--hash` options) pin one version: a component, on the line where the requirement starts.
 *   The same package pinned at two versions under different markers gives both components.
 * - Anything else that names a package (`name>=2`, `name~=1.4`, `name==1.*`, `name`) is an
 *   UnpinnedRequirement, with the specifier as written ('' when there is none). So is a URL that
 *   does not name a released file (`https://…/archive/refs/heads/main.tar.gz`, `git+https://…`):
 *   its name comes from `#egg=`, the repository name, or else the URL. A URL to a wheel or sdist
 *   file pins that file's version: a component.
 * - `-r`/`--requirement` and `-c`/`--constraint` are includes: not followed here (a parser has no
 *   file system), no warning either; `requirementsIncludes` lists them for the caller.
 *   `-e`/`--editable` (usually the project itself, `-e .`) and local paths are skipped the same way.
 * - Direct: every requirement is direct, except one whose pip-compile / uv `# via` comment names
 *   only other packages (or only `-c` constraint files): it was pulled in by them. An entry
 *   `-r file` or `project (pyproject.toml)` means the project asked for it: direct.
 * - Scope: `requirementsScope`: dev when the file name says dev, test, docs, lint or typing
 *   (`requirements-dev.txt`, `dev-requirements.txt`, `tests.txt`, `test-requirements.txt`,
 *   `requirements/docs.txt`, `tests-min.txt`) or the file sits in a `docs`, `doc`, `test` or
 *   `tests` folder; prod otherwise (`build.txt` and `requirements/base.txt` are prod).
 * - A line that is not a requirement (`flask ==`, `==1.0`, `foo bar`) makes the file fail, as it
 *   makes pip fail: an error with its line, and no components.
 * - Graph: none (pip-compile's `# via` comments say who asked, for `direct`, but the file is not a
 *   graph pip reads), so components have no `dependsOn`; no root either (the file does not name
 *   the project).
 * - Hashes: none. The `--hash=sha256:…` options of a pinned line are the hashes of every
 *   distribution file pip may install for it (each wheel and the sdist), not one for the package:
 *   no single one is the component's.
 */
import path from 'node:path';
import type { ParsedManifest, Scope } from '../component.js';
import { Collector, guarded, SyntaxProblem, textLines } from '../parse-helpers.js';

const FORMAT = 'requirements.txt';

/** Whether a file is a requirements file: requirements*.txt, *requirements.txt, requirements/**.txt. */
export function isRequirementsFile(fileName: string, pathInRepo: string): boolean {
  const name = fileName.toLowerCase();
  if (!name.endsWith('.txt')) return false;
  if (name.startsWith('requirements') || name.endsWith('requirements.txt')) return true;
  return pathInRepo.split('/').slice(0, -1).includes('requirements');
}

const DEV_WORDS = new Set([
  'dev',
  'devel',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'doc',
  'docs',
  'lint',
  'linting',
  'typing',
]);
const DEV_FOLDERS = new Set(['doc', 'docs', 'test', 'tests']);

/** prod, unless the file name (or its folder) says it is for development, tests or docs. */
export function requirementsScope(file: string): Scope {
  const parts = file.split('/');
  const base = (parts.at(-1) ?? '').toLowerCase().replace(/\.txt$/, '');
  if (base.split(/[^a-z0-9]+/).some((w) => DEV_WORDS.has(w))) return 'dev';
  const folder = (parts.at(-2) ?? '').toLowerCase();
  return DEV_FOLDERS.has(folder) ? 'dev' : 'prod';
}

export interface RequirementsInclude {
  /** `-r` adds the file's requirements; `-c` only constrains versions. */
  kind: 'requirements' | 'constraints';
  /** As written after the option. */
  target: string;
  /**
   * The included file, repository-relative with `/` (pip resolves it against the including file's
   * folder). Absent for URLs, absolute paths and paths that leave the repository.
   */
  path?: string;
  line: number;
}

interface LogicalLine {
  /** Without its comment. */
  text: string;
  /** The comment of the line's last physical line, if any. */
  comment?: string;
  line: number;
  /** 0-based index of the last physical line, for the `# via` lines after it. */
  last: number;
}

/**
 * Where a line's comment starts: a `#` at the start or after whitespace (pip's `(^|\s+)#.*$`,
 * found without a regular expression, whose backtracking is slow on long runs of spaces).
 */
function commentStart(line: string): number {
  for (let i = line.indexOf('#'); i !== -1; i = line.indexOf('#', i + 1)) {
    if (i === 0 || /\s/.test(line[i - 1] ?? '')) return i;
  }
  return -1;
}

/** pip's preprocessing: joined continuations, comments removed, empty lines dropped. */
function logicalLines(lines: readonly string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  let parts: string[] = [];
  let start = 0;
  const push = (joined: string, last: number) => {
    const hash = commentStart(joined);
    const text = (hash === -1 ? joined : joined.slice(0, hash)).trim();
    if (text === '') return;
    const entry: LogicalLine = { text, line: start + 1, last };
    if (hash !== -1) entry.comment = joined.slice(hash + 1).trim();
    out.push(entry);
  };
  lines.forEach((line, i) => {
    const isComment = line.trimStart().startsWith('#');
    if (!line.endsWith('\\') || isComment) {
      if (parts.length > 0) {
        // A comment line ends the continuation (pip), and may be a `# via` line of it.
        if (isComment) push(parts.join(''), i - 1);
        else push(parts.join('') + line, i);
        parts = [];
      } else {
        start = i;
        push(line, i);
      }
    } else {
      if (parts.length === 0) start = i;
      parts.push(line.slice(0, -1));
    }
  });
  if (parts.length > 0) push(parts.join(''), lines.length - 1);
  return out;
}

const OPTION_WITH_VALUE = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--no-binary',
  '--only-binary',
  '--trusted-host',
  '--use-feature',
  '--config-settings',
  '--global-option',
  '--install-option',
  '--hash',
]);
const FLAG_OPTIONS = new Set(['--no-index', '--pre', '--prefer-binary', '--require-hashes']);

/** `-r file`, `-rfile`, `--requirement=file`, `--requirement file` → option and value. */
function splitOption(text: string): { option: string; value: string } {
  const long = /^(--[a-z-]+)(?:\s*=\s*|\s+|$)(.*)$/.exec(text);
  if (long) return { option: long[1] ?? '', value: (long[2] ?? '').trim() };
  const short = /^(-[a-zA-Z])\s*(.*)$/.exec(text);
  return { option: short?.[1] ?? text, value: (short?.[2] ?? '').trim() };
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const CLAUSE = /^(===|==|!=|~=|<=|>=|<|>)\s*([^\s,;]+)$/;
const URL_START = /^([a-z][a-z0-9+.-]*:\/\/|git\+|hg\+|svn\+|bzr\+|file:)/i;

/** A version read from a wheel or sdist file name at the end of a URL. */
function versionFromFileName(url: string): { name: string; version: string } | undefined {
  const raw = url.split(/[?#]/)[0]?.split('/').at(-1) ?? '';
  // Longer is not a file name (and the patterns below would be slow on it).
  if (raw.length > 255) return undefined;
  let file = raw;
  try {
    file = decodeURIComponent(raw);
  } catch {
    // a stray % that is not an escape: keep the name as written
  }
  const wheel = /^([A-Za-z0-9_.]+)-(\d[^-]*)-(?:\d[^-]*-)?[^-]+-[^-]+-[^-]+\.whl$/.exec(file);
  if (wheel) return { name: wheel[1] ?? '', version: wheel[2] ?? '' };
  const sdist = /^(.+?)-(\d[A-Za-z0-9.+!_]*)\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$/.exec(file);
  if (sdist) return { name: sdist[1] ?? '', version: sdist[2] ?? '' };
  return undefined;
}

/** The best name for a URL requirement without one: `#egg=`, the repository, else the URL. */
function nameFromUrl(url: string): string {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(url);
  if (egg) return egg[1] ?? url;
  const repo =
    /^(?:[a-z+]+:\/\/)?(?:[^/]+@)?(?:github\.com|gitlab\.com|bitbucket\.org)[/:]([^/]+)\/([^/@#?]+)/i.exec(
      url.replace(/^[a-z]+\+/i, ''),
    );
  if (repo) return (repo[2] ?? url).replace(/\.git$/, '');
  return url;
}

function isLocalPath(text: string): boolean {
  return /^(\.{1,2}([/\\]|$)|[/\\~]|[A-Za-z]:[/\\])/.test(text) || /^file:/i.test(text);
}

const PACKAGE_ENTRY = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(\[[^\]]*\])?$/;

/**
 * Who pulled a requirement in, per its `# via` comment: the project (direct) when there is no such
 * comment, or when an entry is not another package: `-r file`, `-e …`, `project (pyproject.toml)`.
 * Package names and `-c` constraint files alone mean it came in through other packages.
 */
function directFromVia(via: readonly string[] | undefined): boolean {
  if (via === undefined || via.length === 0) return true;
  return via.some((entry) => !PACKAGE_ENTRY.test(entry) && !/^(-c|--constraint)\b/.test(entry));
}

/** The `# via` entries after each logical line (pip-compile writes them under the requirement). */
function viaComments(lines: readonly string[], logical: readonly LogicalLine[]): Map<LogicalLine, string[]> {
  const out = new Map<LogicalLine, string[]>();
  const byLast = new Map<number, LogicalLine>();
  for (const l of logical) byLast.set(l.last, l);
  let current: LogicalLine | undefined;
  let inVia = false;
  lines.forEach((line, i) => {
    const owner = byLast.get(i);
    if (owner !== undefined) {
      current = owner;
      inVia = false;
      const inline = owner.comment === undefined ? undefined : /^via\s+(.+)$/.exec(owner.comment);
      if (inline) {
        out.set(
          owner,
          (inline[1] ?? '').split(/,\s*/).filter((s) => s !== ''),
        );
      }
      return;
    }
    const comment = /^\s*#(.*)$/.exec(line);
    if (!comment || current === undefined) {
      if (line.trim() !== '' && !/\\$/.test(line)) inVia = false;
      return;
    }
    const body = comment[1] ?? '';
    const via = /^\s*via\b\s*(.*)$/.exec(body);
    if (via) {
      inVia = true;
      const first = (via[1] ?? '').trim();
      const entries = out.get(current) ?? [];
      if (first !== '') entries.push(...first.split(/,\s*/));
      out.set(current, entries);
    } else if (inVia && /^\s{2,}\S/.test(body)) {
      out.get(current)?.push(body.trim());
    } else {
      inVia = false;
    }
  });
  return out;
}

interface Requirement {
  name: string;
  /** The specifier clauses as written, '' for none; or `@ url`. */
  spec: string;
  version?: string;
}

function parseRequirement(text: string, line: number): Requirement | 'local' {
  // Options after the requirement (--hash=…, --config-settings …) are not part of it.
  const tokens = text.split(/\s+/);
  const firstOption = tokens.findIndex((t, i) => i > 0 && t.startsWith('-'));
  const req = (firstOption === -1 ? tokens : tokens.slice(0, firstOption)).join(' ').trim();

  if (URL_START.test(req) || isLocalPath(req)) {
    const url = req.split(/\s+;/)[0]?.trim() ?? req;
    if (isLocalPath(url)) return 'local';
    const file = versionFromFileName(url);
    if (file) return { name: file.name, spec: url, version: file.version };
    return { name: nameFromUrl(url), spec: url };
  }

  const bad = (what: string): never => {
    throw new SyntaxProblem(
      line,
      `"${req}" is not a requirement: ${what}`,
      'Write one requirement per line, such as `name==1.2.3`, `name[extra]>=2; python_version < "3.12"` or `name @ https://…`',
    );
  };
  const nameMatch = NAME.exec(req);
  if (!nameMatch) return bad('it does not start with a package name');
  const name = nameMatch[1] ?? '';
  let rest = req.slice(name.length).trim();
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return bad('the list of extras is not closed with ]');
    rest = rest.slice(close + 1).trim();
  }
  if (rest.startsWith('@')) {
    const url = (rest.slice(1).split(/\s+;/)[0] ?? '').trim();
    if (url === '') return bad('there is no URL after @');
    const file = versionFromFileName(url);
    if (file) return { name, spec: `@ ${url}`, version: file.version };
    return { name, spec: `@ ${url}` };
  }
  const semicolon = rest.indexOf(';');
  let specText = (semicolon === -1 ? rest : rest.slice(0, semicolon)).trim();
  if (semicolon !== -1 && rest.slice(semicolon + 1).trim() === '') {
    return bad('the environment marker after ; is empty');
  }
  if (specText.startsWith('(') && specText.endsWith(')')) specText = specText.slice(1, -1).trim();
  if (specText === '') return { name, spec: '' };
  let version: string | undefined;
  for (const clause of specText.split(',')) {
    const m = CLAUSE.exec(clause.trim());
    if (!m) return bad(`"${clause.trim()}" is not a version specifier (==1.2.3, >=2, ~=1.4)`);
    const [, op, v] = m;
    if ((op === '==' && !(v ?? '').endsWith('.*')) || op === '===') version = v;
  }
  const r: Requirement = { name, spec: specText };
  if (version !== undefined) r.version = version;
  return r;
}

export function parseRequirementsTxt(text: string, file: string): ParsedManifest {
  const compiled = /autogenerated by (pip-compile|uv)/.exec(text.slice(0, 2000));
  const format = compiled ? `${FORMAT} (${compiled[1] === 'uv' ? 'uv pip compile' : 'pip-compile'})` : FORMAT;
  return guarded(file, format, 'PyPI', () => {
    const out = new Collector(file, 'PyPI');
    const scope = requirementsScope(file);
    const lines = textLines(text);
    const logical = logicalLines(lines);
    const via = viaComments(lines, logical);
    for (const l of logical) {
      if (l.text.startsWith('-')) {
        const { option, value } = splitOption(l.text);
        if (OPTION_WITH_VALUE.has(option)) {
          if (value === '') {
            throw new SyntaxProblem(
              l.line,
              `${option} needs a value`,
              `Write \`${option} <value>\` on one line`,
            );
          }
        } else if (!FLAG_OPTIONS.has(option)) {
          out.warn(
            l.line,
            `unknown option ${option}: the line is ignored`,
            'Check the option against `pip install --help`',
          );
        }
        continue;
      }
      const req = parseRequirement(l.text, l.line);
      if (req === 'local') continue;
      if (req.version === undefined) {
        out.unpinnedRequirement(req.name, req.spec, l.line);
      } else {
        out.add({
          name: req.name,
          version: req.version,
          direct: directFromVia(via.get(l)),
          scope,
          line: l.line,
        });
      }
    }
    return out.result(format);
  });
}

/** The `-r` and `-c` includes of a requirements file, for the caller to parse as well. */
export function requirementsIncludes(text: string, file: string): RequirementsInclude[] {
  const out: RequirementsInclude[] = [];
  const folder = path.posix.dirname(file);
  for (const l of logicalLines(textLines(text))) {
    if (!l.text.startsWith('-')) continue;
    const { option, value } = splitOption(l.text);
    const kind =
      option === '-r' || option === '--requirement'
        ? 'requirements'
        : option === '-c' || option === '--constraint'
          ? 'constraints'
          : undefined;
    if (kind === undefined || value === '') continue;
    const include: RequirementsInclude = { kind, target: value, line: l.line };
    if (!URL_START.test(value) && !path.posix.isAbsolute(value) && !/^[A-Za-z]:[/\\]/.test(value)) {
      const resolved = path.posix.normalize(path.posix.join(folder, value.replace(/\\/g, '/')));
      if (resolved !== '..' && !resolved.startsWith('../')) include.path = resolved;
    }
    out.push(include);
  }
  return out;
}
