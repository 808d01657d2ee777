/**
 * Bandit (https://github.com/PyCQA/bandit): the command line we run and its JSON report
 * converted to SARIF 2.1.0. Pure: strings and parsed JSON in, argv and SARIF objects out.
 *
 * We read Bandit's JSON rather than its SARIF formatter, which only exists from 1.8.0 (and needs
 * extra packages before that): the JSON has the same facts in every version we accept.
 *
 * Bandit's exit codes (bandit/cli/main.py): 0 = ran, no issue at or above the filters; 1 = ran
 * and found issues, OR crashed with a Python traceback (uncaught exceptions also exit 1); 2 = bad
 * usage, config file, profile, baseline or more than one `.bandit` file in the targets. Because 1
 * is ambiguous, `banditArgs` passes `--exit-zero` (Bandit ≥ 1.6.3): then 0 = the report was
 * written (findings or not), anything else = Bandit failed and its stderr says why. Files Bandit
 * could not parse do not change the exit code: they are in the report's `errors`, which become
 * tool execution notifications.
 */
import { hash64, normaliseMessage, normaliseSnippet } from '../findings/fingerprint.js';
import { cweForRule } from '../knowledge/rule-cwe.js';
import { isObject } from '../sarif/run-context.js';
import type { ConvertContext, EngineName } from './types.js';

export const BANDIT_PINNED_VERSION = '1.9.4';
/**
 * Bandit before 1.7.0 skips its string checks (B105 hard-coded passwords, B608 SQL built from
 * strings, …) on Python 3.8 and later, whose parser no longer produces the `ast.Str` nodes those
 * checks look for: an older Bandit reports nothing for them instead of failing. (`--exit-zero`,
 * which banditArgs passes, arrived in 1.6.3, so every allowed version has it.)
 */
export const BANDIT_ALLOWED = '>=1.7.0 <2.0.0';

/**
 * Directories skipped by default. Bandit matches `-x` entries as globs against the whole path AND
 * as substrings of it, so bare names would also drop `.github/` (".git") or `my_venv_tools.py`
 * ("venv"): each name is given as a glob with a slash on both sides, which only matches the
 * directory itself. Passing `-x` replaces Bandit's own defaults (.svn, CVS, .bzr, .hg, .git,
 * __pycache__, .tox, .eggs, *.egg), so they are repeated here. A config file's `exclude_dirs`
 * adds to these; the `exclude` option replaces them.
 */
export const BANDIT_DEFAULT_EXCLUDES: readonly string[] = [
  '.git',
  '.svn',
  '.hg',
  '.bzr',
  'CVS',
  '__pycache__',
  '.tox',
  '.nox',
  '.eggs',
  '.venv',
  'venv',
  'node_modules',
  '.mypy_cache',
  '.pytest_cache',
].map((dir) => `*/${dir}/*`);

export type BanditArgsOptions = {
  /** Files or directories, relative to the working directory Bandit runs in (the repository root). */
  targets: readonly string[];
  /** A Bandit config file (`-c`): YAML, or TOML (pyproject.toml with [tool.bandit]). */
  config?: string;
  /** Replaces BANDIT_DEFAULT_EXCLUDES (an empty list excludes nothing but the config's `exclude_dirs`). */
  exclude?: readonly string[];
  /** Appended before the targets (for example `--severity-level`, `-s B101`). */
  extraArgs?: readonly string[];
  /** Where Bandit writes its JSON report. */
  output: string;
};

/** The arguments after `bandit`: a recursive, quiet JSON report that exits 0 unless Bandit fails. */
export function banditArgs(opts: BanditArgsOptions): string[] {
  if (opts.targets.length === 0) throw new Error('bandit needs at least one target');
  const exclude = opts.exclude ?? BANDIT_DEFAULT_EXCLUDES;
  return [
    '--recursive',
    '--format',
    'json',
    '--output',
    opts.output,
    '--quiet',
    '--exit-zero',
    ...(opts.config ? ['--configfile', opts.config] : []),
    ...(exclude.length > 0 ? ['--exclude', exclude.join(',')] : []),
    ...(opts.extraArgs ?? []),
    // Targets that start with "-" would be read as options.
    '--',
    ...opts.targets,
  ];
}

/** The version in `bandit --version` output ("__main__.py 1.7.10", "bandit 1.6.2"), if any. */
export function parseBanditVersion(stdout: string): string | undefined {
  const first = stdout.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return /(?:^|\s)v?(\d+\.\d+(?:\.\d+)?(?:[-.+][0-9A-Za-z.]+)?)(?:\s|$)/.exec(first)?.[1];
}

interface BanditIssue {
  filename: string;
  test_id: string;
  test_name?: string;
  issue_text?: string;
  issue_severity?: string;
  issue_confidence?: string;
  issue_cwe?: { id?: unknown };
  line_number: number;
  line_range?: unknown;
  col_offset?: unknown;
  end_col_offset?: unknown;
  code?: unknown;
  more_info?: unknown;
}

const LEVEL: Readonly<Record<string, 'error' | 'warning' | 'note'>> = {
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
};
/** security-severity for Bandit's words: the middle of GitHub's bands, as the dependency review uses. */
const SCORE: Readonly<Record<string, string>> = { HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0' };
const RANK: Readonly<Record<string, number>> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function checkIssue(value: unknown, index: number): BanditIssue {
  const where = `bandit's JSON output: results[${String(index)}]`;
  if (!isObject(value)) throw new Error(`${where} is not an object`);
  for (const key of ['filename', 'test_id'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') throw new Error(`${where} has no '${key}'`);
  }
  if (!isLine(value.line_number)) throw new Error(`${where} has no valid 'line_number'`);
  for (const key of ['test_name', 'issue_text', 'issue_severity', 'issue_confidence'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      throw new Error(`${where}.${key} is not a string`);
    }
  }
  return value as unknown as BanditIssue;
}

/** Bandit's `code`: "<line> <text>\n" per line of context, as a map from line number to text. */
function codeLines(code: unknown): Map<number, string> {
  const lines = new Map<number, string>();
  if (typeof code !== 'string') return lines;
  for (const line of code.split('\n')) {
    const m = /^(\d+) (.*)$/s.exec(line);
    if (m?.[2] !== undefined) lines.set(Number(m[1]), m[2].replace(/\r$/, ''));
  }
  return lines;
}

/** Python's col_offset counts UTF-8 bytes; SARIF columns count UTF-16 code units, 1-based. */
function column(text: string | undefined, byteOffset: number): number {
  if (text === undefined) return byteOffset + 1;
  const bytes = new TextEncoder().encode(text);
  if (byteOffset > bytes.length) return byteOffset + 1;
  return new TextDecoder().decode(bytes.subarray(0, byteOffset)).length + 1;
}

function region(issue: BanditIssue) {
  const range = Array.isArray(issue.line_range) ? issue.line_range.filter(isLine) : [];
  const nodeStart = range.length > 0 ? Math.min(...range) : issue.line_number;
  const startLine = Math.min(nodeStart, issue.line_number);
  const endLine = Math.max(...range, issue.line_number);
  const lines = codeLines(issue.code);
  const out: SarifRegionOut = { startLine, endLine };
  // col_offset is the column of the node, which starts on the range's first line; end_col_offset
  // belongs to the node's last line, which is not always the range's (B608), so only one-line
  // regions get an end column.
  if (isOffset(issue.col_offset) && startLine === nodeStart) {
    out.startColumn = column(lines.get(startLine), issue.col_offset);
    if (isOffset(issue.end_col_offset) && startLine === endLine) {
      const end = column(lines.get(startLine), issue.end_col_offset);
      if (end > out.startColumn) out.endColumn = end;
    }
  }
  const snippet = regionText(out, (n) => lines.get(n));
  if (snippet !== undefined) out.snippet = { text: snippet };
  return { region: out, line: lines.get(issue.line_number) };
}

/** "hardcoded_password_string" → "Hardcoded password string". */
function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The rule's name: the test name, except for Bandit's blacklist checks, which all have the test
 * name "blacklist"; their documentation anchor ("#b403-import-pickle") names the check.
 */
function ruleName(issue: BanditIssue): string {
  const testName = issue.test_name ?? '';
  if (testName === 'blacklist' && typeof issue.more_info === 'string') {
    const anchor = /#b\d+-([a-z0-9-]+)$/i.exec(issue.more_info)?.[1];
    if (anchor) return anchor.replace(/-/g, '_');
  }
  return testName || issue.test_id;
}

function cwesOf(issue: BanditIssue): number[] {
  const id = issue.issue_cwe?.id;
  if (typeof id === 'number' && Number.isInteger(id) && id > 0) return [id];
  return cweForRule('bandit', issue.test_id);
}

function notifications(errors: unknown, ctx: ConvertContext & { cwd?: string }): SarifNotificationOut[] {
  if (errors === undefined) return [];
  if (!Array.isArray(errors)) throw new Error("bandit's JSON output has an 'errors' that is not an array");
  return errors.map((e: unknown, i): SarifNotificationOut => {
    if (!isObject(e)) throw new Error(`bandit's JSON output: errors[${String(i)}] is not an object`);
    const file = typeof e.filename === 'string' && e.filename !== '' ? e.filename : undefined;
    const reason = typeof e.reason === 'string' && e.reason !== '' ? e.reason : 'unknown error';
    return {
      level: 'error',
      message: { text: file ? `Bandit could not scan ${file}: ${reason}` : `Bandit: ${reason}` },
      descriptor: { id: 'bandit/file-not-scanned' },
      ...(file
        ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(file, ctx) } }] }
        : {}),
    };
  });
}

/**
 * Bandit's JSON report (parsed, or the text of it) as a SARIF 2.1.0 log of one run. Relative
 * file names are resolved against `ctx.cwd` (Bandit's working directory; default `ctx.root`).
 * Throws an Error saying what is wrong when the input is not a Bandit JSON report.
 */
export function banditJsonToSarif(json: unknown, ctx: ConvertContext & { cwd?: string }): SarifLogOut {
  const report = parseJsonInput(json, 'bandit');
  if (!isObject(report)) throw new Error("bandit's JSON output is not an object");
  if (!Array.isArray(report.results)) throw new Error("bandit's JSON output has no 'results' array");
  const issues = report.results.map(checkIssue);
  const toolNotifications = notifications(report.errors, ctx);

  const rules: SarifRuleOut[] = [];
  const byId = new Map<string, { index: number; rule: SarifRuleOut; rank: number }>();
  const results: SarifResultOut[] = [];
  for (const issue of issues) {
    const id = issue.test_id;
    const severity = (issue.issue_severity ?? '').toUpperCase();
    const confidence = (issue.issue_confidence ?? '').toUpperCase();
    let entry = byId.get(id);
    if (entry === undefined) {
      const name = ruleName(issue);
      const helpUri = typeof issue.more_info === 'string' ? issue.more_info : undefined;
      const description = humanise(name);
      const rule: SarifRuleOut = {
        id,
        name,
        shortDescription: { text: description },
        fullDescription: { text: `Bandit check ${id}: ${description}.` },
        help: helpUri
          ? {
              text: `${description}. Bandit's documentation of ${id}: ${helpUri}`,
              markdown: `${description}. See [Bandit's documentation of ${id}](${helpUri}).`,
            }
          : { text: `${description}.` },
        ...(helpUri ? { helpUri } : {}),
        properties: { tags: ['security', ...cwesOf(issue).map((cwe) => `external/cwe/cwe-${String(cwe)}`)] },
      };
      entry = { index: rules.length, rule, rank: 0 };
      byId.set(id, entry);
      rules.push(rule);
    }
    // The rule's severity and precision are the highest of its results'.
    const score = SCORE[severity];
    const ruleScore = entry.rule.properties['security-severity'];
    if (score && (ruleScore === undefined || Number(score) > Number(ruleScore))) {
      entry.rule.properties['security-severity'] = score;
    }
    const rank = RANK[confidence] ?? 0;
    if (rank > entry.rank) {
      entry.rank = rank;
      entry.rule.properties.precision = confidence.toLowerCase();
    }
    const index = entry.index;

    const { region: r, line } = region(issue);
    const location = artifactLocation(issue.filename, ctx);
    const message = redactSecret(id, issue.issue_text?.trim() || `${id} ${issue.test_name ?? ''}`.trim());
    results.push({
      ruleId: id,
      ruleIndex: index,
      level: LEVEL[severity] ?? 'warning',
      message: { text: message },
      locations: [{ physicalLocation: { artifactLocation: location, region: r } }],
      partialFingerprints: {
        [SAST_FINGERPRINT_KEY]: fingerprint(
          id,
          location.uri,
          (line !== undefined ? normaliseSnippet(line) : '') || normaliseMessage(message),
        ),
      },
      properties: {
        ...(issue.issue_severity ? { issue_severity: issue.issue_severity } : {}),
        ...(issue.issue_confidence ? { issue_confidence: issue.issue_confidence } : {}),
        ...(score ? { 'security-severity': score } : {}),
      },
    });
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bandit',
            ...(ctx.version ? { version: ctx.version } : {}),
            informationUri: 'https://github.com/PyCQA/bandit',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(toolNotifications.length > 0 ? { toolExecutionNotifications: toolNotifications } : {}),
          },
        ],
        results,
        properties: { pavedpath: { version: 1, engine: 'bandit' } },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// SARIF writing shared by the converters of engines without a SARIF output of their own (this
// file and eslint.ts). Kept here, not in a module of its own, only because of who owned which
// file when they were written; they belong in src/sast/sarif-out.ts.
// ---------------------------------------------------------------------------------------------

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** partialFingerprints key of the SAST converters: rule, path and the reported line's text. */
export const SAST_FINGERPRINT_KEY = 'pavedpath/sast/v1';

export type SarifArtifactLocationOut = { uri: string };
export type SarifRegionOut = {
  startLine: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
  snippet?: { text: string };
};
export type SarifLocationOut = {
  physicalLocation: { artifactLocation: SarifArtifactLocationOut; region?: SarifRegionOut };
};
export type SarifRuleOut = {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  properties: { tags: string[]; precision?: string; 'security-severity'?: string };
};
export type SarifLevelOut = 'error' | 'warning' | 'note';
export type SarifResultOut = {
  ruleId: string;
  ruleIndex: number;
  rule?: { id: string; index: number; toolComponent: { index: number } };
  level: SarifLevelOut;
  message: { text: string };
  locations: SarifLocationOut[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; justification?: string }[];
  properties?: Record<string, unknown>;
};
export type SarifNotificationOut = {
  level: SarifLevelOut;
  message: { text: string };
  descriptor?: { id: string };
  locations?: SarifLocationOut[];
};
export type SarifToolComponentOut = {
  name: string;
  version?: string;
  informationUri?: string;
  rules?: SarifRuleOut[];
};
export type SarifRunOut = {
  tool: { driver: SarifToolComponentOut; extensions?: SarifToolComponentOut[] };
  /** ADR 0004's namespaced bag: which engine of the SAST stage wrote the run. */
  properties: { pavedpath: { version: 1; engine: EngineName } };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotificationOut[] }[];
  results: SarifResultOut[];
};
export type SarifLogOut = {
  $schema: string;
  version: '2.1.0';
  runs: SarifRunOut[];
};

/** The parsed report: `json` itself, or its text parsed. */
export function parseJsonInput(json: unknown, tool: string): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new Error(`${tool}'s JSON output is not JSON: ${(error as Error).message}`);
  }
}

/** The content part of a result's fingerprint; the loader adds tool, rule and path again. */
export function fingerprint(ruleId: string, uri: string, content: string): string {
  return hash64(ruleId, uri, content);
}

/** Longest region whose text is copied into `region.snippet`. */
const MAX_SNIPPET_LINES = 20;

/**
 * The text of a region (SARIF §3.30: columns are 1-based UTF-16 code units, endColumn is
 * exclusive, a missing column means the start or end of its line), from the text of each line;
 * undefined when a line is missing, the region is long, or its text is blank.
 */
export function regionText(
  region: SarifRegionOut,
  line: (n: number) => string | undefined,
): string | undefined {
  const endLine = region.endLine ?? region.startLine;
  if (endLine < region.startLine || endLine - region.startLine >= MAX_SNIPPET_LINES) return undefined;
  const parts: string[] = [];
  for (let n = region.startLine; n <= endLine; n++) {
    const text = line(n);
    if (text === undefined) return undefined;
    const from = n === region.startLine && region.startColumn !== undefined ? region.startColumn - 1 : 0;
    const to = n === endLine && region.endColumn !== undefined ? region.endColumn - 1 : text.length;
    parts.push(text.slice(from, to));
  }
  const text = parts.join('\n');
  return text.trim() === '' ? undefined : text;
}

const DRIVE = /^[A-Za-z]:\//;

/** Forward slashes, no "." or empty segments, ".." resolved; a leading "/", "//" or "C:/" kept. */
function normalisePath(p: string): string {
  const slashed = p.replace(/\\/g, '/');
  const prefix = slashed.startsWith('//')
    ? '//'
    : slashed.startsWith('/')
      ? '/'
      : (DRIVE.exec(slashed)?.[0] ?? '');
  const out: string[] = [];
  for (const segment of slashed.slice(prefix.length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment !== '..' || !prefix) out.push(segment);
  }
  return prefix + out.join('/');
}

const isAbsolutePath = (p: string): boolean => p.startsWith('/') || DRIVE.test(p);

/** Percent-encodes what a URI path may not hold (RFC 3986 pchar), as UTF-8; ":" too, unless kept. */
function encodePath(p: string, keepColon: boolean): string {
  return p.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=@/:]|:/g, (c) =>
    c === ':' && keepColon
      ? c
      : Array.from(
          new TextEncoder().encode(c),
          (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join(''),
  );
}

/**
 * The artifact location of a file a tool reported: relative to `ctx.root` with forward slashes
 * and no uriBaseId (as tidyNativeSarif writes them), or, for a file outside the root, an absolute
 * `file://` URI. Relative names are relative to `ctx.cwd` (default: the root). Windows
 * paths (backslashes, drive letters, compared without case) are handled on any platform.
 */
export function artifactLocation(
  file: string,
  ctx: { root: string; cwd?: string },
): SarifArtifactLocationOut {
  const root = normalisePath(ctx.root);
  const name = file.replace(/\\/g, '/');
  const absolute = normalisePath(
    isAbsolutePath(name) ? name : `${normalisePath(ctx.cwd ?? ctx.root)}/${name}`,
  );
  const windows = DRIVE.test(root);
  const prefix = root.endsWith('/') ? root : `${root}/`;
  const under = windows
    ? absolute.toLowerCase().startsWith(prefix.toLowerCase())
    : absolute.startsWith(prefix);
  if (under && absolute.length > prefix.length) {
    return { uri: encodePath(absolute.slice(prefix.length), false) };
  }
  if (absolute.startsWith('//')) return { uri: `file:${encodePath(absolute, false)}` };
  return { uri: `file://${DRIVE.test(absolute) ? '/' : ''}${encodePath(absolute, true)}` };
}

/** Bandit's hard-coded password checks whose message quotes the secret itself. */
const SECRET_RULES = new Set(['B105', 'B106', 'B107']);

/**
 * Bandit writes the secret it found into the message ("Possible hardcoded password: 'hunter2'"):
 * that message goes to the job summary, the pull-request comment and code scanning, so the
 * quoted value is replaced; the location still points at it.
 */
export function redactSecret(ruleId: string, message: string): string {
  if (!SECRET_RULES.has(ruleId.toUpperCase())) return message;
  return message.replace(/:\s*(['"]).*\1\s*$/s, ': (value redacted)');
}
