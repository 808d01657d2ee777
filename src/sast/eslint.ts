/**
 * ESLint with eslint-plugin-security (https://github.com/eslint-community/eslint-plugin-security):
 * the flat config of our own the action writes, the command line, and ESLint's JSON report
 * converted to SARIF 2.1.0. Pure: strings and parsed JSON in, text, argv and SARIF objects out.
 *
 * Decisions (each checked against ESLint 9.39.5 and the plugin 4.1.0):
 *
 * - **Our config only.** `--config <ours>` turns ESLint 9's config lookup off, so the
 *   repository's eslint.config.* (and its plugins, parsers and rules) is never loaded; the
 *   repository's node_modules is never read. The caller must run ESLint with
 *   ESLINT_USE_FLAT_CONFIG unset or "true" (with "false" ESLint 9 falls back to .eslintrc files).
 *   Base path: with `--config`, ESLint 9 matches `files`/`ignores` against the working
 *   directory, so ESLint runs in the repository root and targets are under it.
 * - **Inline comments stay on.** `// eslint-disable-line security/…` is how projects mark
 *   reviewed false positives of this plugin (as `# nosec` is for Bandit, which we also honour),
 *   so directives are kept: the suppressed messages become results with a SARIF `suppressions`
 *   entry, not lost. The cost: a directive or `/* eslint … *\/` comment that names a rule we do not
 *   load is reported by ESLint as "Definition for rule '…' was not found" (severity 2), and an
 *   inline config can switch on core rules; `eslintJsonToSarif` drops every message whose rule is
 *   not `security/…` and says how many in one note. Unused-directive reports are turned off in
 *   the config (`reportUnusedDisableDirectives: 'off'`), since most of the repository's
 *   directives are about rules this scan does not run. (`--no-inline-config` would avoid the
 *   noise but also drop every reviewed suppression.) Likewise an eslint-suppressions.json in the
 *   working directory (ESLint ≥ 9.24 bulk suppressions) is honoured; its suppressions become
 *   `external` ones.
 * - **TypeScript needs a parser.** ESLint's own parser reads only JavaScript. With
 *   `typescriptParserSpecifier` (install ESLINT_TYPESCRIPT_PINNED beside ESLint) TypeScript files
 *   are linted too, syntax only (no type information, no tsconfig needed). Without it only the
 *   JavaScript family is linted: ESLint does not mention the TypeScript files at all, so the
 *   caller passes them as `notScanned` and the SARIF says they were skipped.
 * - **Exit codes** (with these arguments): 0 = report written, no error-severity message; 1 =
 *   report written, with at least one error-severity message (a file that does not parse, a rule
 *   definition not found, a rule set to "error" by an inline comment); 2 = ESLint failed (bad
 *   config, plugin not found, crash): no usable report, stderr says why. `--no-error-on-unmatched-pattern`
 *   keeps a target with no lintable files from being an exit-2 error.
 */
import {
  type SarifLevelOut,
  type SarifLogOut,
  type SarifNotificationOut,
  type SarifRegionOut,
  type SarifResultOut,
  type SarifRuleOut,
  SARIF_SCHEMA,
  SAST_FINGERPRINT_KEY,
  artifactLocation,
  fingerprint,
  parseJsonInput,
  regionText,
} from './bandit.js';
import { normaliseMessage, normaliseSnippet } from '../findings/fingerprint.js';
import { cweForRule } from '../knowledge/rule-cwe.js';
import { isObject } from '../sarif/run-context.js';
import type { ConvertContext } from './types.js';

export const ESLINT_PINNED = { eslint: '9.39.5', 'eslint-plugin-security': '4.1.0' } as const;
/** Installed beside ESLINT_PINNED to lint TypeScript (the parser needs the compiler as a peer). */
export const ESLINT_TYPESCRIPT_PINNED = {
  '@typescript-eslint/parser': '8.73.0',
  typescript: '5.9.3',
} as const;

export const ESLINT_JS_EXTENSIONS: readonly string[] = ['js', 'cjs', 'mjs', 'jsx'];
export const ESLINT_TS_EXTENSIONS: readonly string[] = ['ts', 'tsx', 'mts', 'cts'];
/** Never linted: dependencies, build output, vendored and minified code, type declarations. */
export const ESLINT_IGNORES: readonly string[] = [
  '**/node_modules/',
  '**/dist/',
  '**/build/',
  '**/coverage/',
  '**/vendor/',
  '**/*.min.{js,cjs,mjs}',
  '**/*-min.{js,cjs,mjs}',
  '**/*.d.{ts,mts,cts}',
];

const PLUGIN_DOCS = 'https://github.com/eslint-community/eslint-plugin-security/blob/main/docs/rules/';
const PLUGIN_URI = 'https://github.com/eslint-community/eslint-plugin-security';
const RULE_PREFIX = 'security/';

export interface EslintConfigOptions {
  /** How the config imports the plugin; default the bare name, resolved beside the config file. */
  pluginSpecifier?: string;
  /** How it imports @typescript-eslint/parser; without it TypeScript files are not linted. */
  typescriptParserSpecifier?: string;
}

/** Whether our config lints `file` (by its extension). */
export function eslintLints(file: string, options: { typescript: boolean }): boolean {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  if (/\.d\.[mc]?ts$/i.test(file)) return false;
  return ESLINT_JS_EXTENSIONS.includes(ext) || (options.typescript && ESLINT_TS_EXTENSIONS.includes(ext));
}

/** The text of eslint.config.mjs: eslint-plugin-security's recommended rules, nothing else. */
export function eslintConfigSource(options: EslintConfigOptions = {}): string {
  const plugin = JSON.stringify(options.pluginSpecifier ?? 'eslint-plugin-security');
  const parser = options.typescriptParserSpecifier;
  const glob = (exts: readonly string[]) => JSON.stringify(`**/*.{${exts.join(',')}}`);
  const lines = [
    "// Written by Paved Path for its security scan: not the repository's ESLint config, which is not used.",
    "// eslint-plugin-security's recommended rules, nothing else.",
    `import security from ${plugin};`,
    ...(parser ? [`import tsParser from ${JSON.stringify(parser)};`] : []),
    '',
    'const { plugins, rules } = security.configs.recommended;',
    '',
    'export default [',
    `  { name: 'pavedpath/ignores', ignores: ${JSON.stringify(ESLINT_IGNORES)} },`,
    // The repository's directives mostly name rules we do not run: do not report them as unused.
    "  { name: 'pavedpath/linter-options', linterOptions: { reportUnusedDisableDirectives: 'off' } },",
    '  {',
    "    name: 'pavedpath/security-javascript',",
    `    files: [${glob(ESLINT_JS_EXTENSIONS)}],`,
    '    plugins,',
    '    rules,',
    '    languageOptions: {',
    "      ecmaVersion: 'latest',",
    "      sourceType: 'module',",
    '      parserOptions: { ecmaFeatures: { jsx: true } },',
    '    },',
    '  },',
    "  { name: 'pavedpath/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },",
    ...(parser
      ? [
          '  {',
          "    name: 'pavedpath/security-typescript',",
          `    files: [${glob(ESLINT_TS_EXTENSIONS)}],`,
          '    plugins,',
          '    rules,',
          // No project: syntax only, so no tsconfig is read and nothing is type-checked.
          "    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },",
          '  },',
        ]
      : []),
    '];',
    '',
  ];
  return lines.join('\n');
}

export interface EslintArgsOptions {
  /** Our config file (eslintConfigSource), absolute. */
  configFile: string;
  /** Files or directories under the working directory (the repository root). */
  targets: readonly string[];
  /** Appended before the targets (for example `--ignore-pattern`, `--max-warnings`). */
  extraArgs?: readonly string[];
  /** Where ESLint writes its JSON report. */
  output: string;
}

/** The arguments after `eslint`. The JSON report carries the rules' metadata (json-with-metadata). */
export function eslintArgs(opts: EslintArgsOptions): string[] {
  if (opts.targets.length === 0) throw new Error('eslint needs at least one target');
  return [
    '--config',
    opts.configFile,
    '--format',
    'json-with-metadata',
    '--output-file',
    opts.output,
    '--no-warn-ignored',
    '--no-error-on-unmatched-pattern',
    ...(opts.extraArgs ?? []),
    '--',
    ...opts.targets,
  ];
}

/** The version in `eslint --version` output ("v9.39.5"), if any. */
export function parseEslintVersion(stdout: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b/.exec(stdout)?.[1];
}

interface EslintMessage {
  ruleId?: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  suppressions?: { kind?: unknown; justification?: unknown }[];
}

interface EslintFile {
  filePath: string;
  messages: EslintMessage[];
  suppressed: EslintMessage[];
  source?: string;
}

interface RuleMeta {
  description?: string;
  url?: string;
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function checkMessages(value: unknown, where: string, optional: boolean): EslintMessage[] {
  if (value === undefined && optional) return [];
  if (!Array.isArray(value)) throw new Error(`${where} is not an array`);
  return value.map((m: unknown, i) => {
    const at = `${where}[${String(i)}]`;
    if (!isObject(m)) throw new Error(`${at} is not an object`);
    if (typeof m.message !== 'string') throw new Error(`${at} has no 'message'`);
    if (m.severity !== 1 && m.severity !== 2) throw new Error(`${at} has a 'severity' that is not 1 or 2`);
    if (m.ruleId !== undefined && m.ruleId !== null && typeof m.ruleId !== 'string') {
      throw new Error(`${at} has a 'ruleId' that is not a string`);
    }
    return m as unknown as EslintMessage;
  });
}

/** The files of a `json` (an array) or `json-with-metadata` ({ results, metadata }) report. */
function readReport(json: unknown): { files: EslintFile[]; rulesMeta: Map<string, RuleMeta> } {
  const report = parseJsonInput(json, 'eslint');
  let results: unknown;
  const rulesMeta = new Map<string, RuleMeta>();
  if (Array.isArray(report)) {
    results = report;
  } else if (isObject(report)) {
    if (!Array.isArray(report.results)) throw new Error("eslint's JSON output has no 'results' array");
    results = report.results;
    const meta =
      isObject(report.metadata) && isObject(report.metadata.rulesMeta) ? report.metadata.rulesMeta : {};
    for (const [id, m] of Object.entries(meta)) {
      const docs = isObject(m) && isObject(m.docs) ? m.docs : {};
      rulesMeta.set(id, {
        ...(typeof docs.description === 'string' ? { description: docs.description } : {}),
        ...(typeof docs.url === 'string' ? { url: docs.url } : {}),
      });
    }
  } else {
    throw new Error("eslint's JSON output is neither an array of files nor an object with 'results'");
  }
  const files = (results as unknown[]).map((f, i): EslintFile => {
    const where = `eslint's JSON output: results[${String(i)}]`;
    if (!isObject(f)) throw new Error(`${where} is not an object`);
    if (typeof f.filePath !== 'string' || f.filePath === '') throw new Error(`${where} has no 'filePath'`);
    return {
      filePath: f.filePath,
      messages: checkMessages(f.messages, `${where}.messages`, false),
      suppressed: checkMessages(f.suppressedMessages, `${where}.suppressedMessages`, true),
      ...(typeof f.source === 'string' ? { source: f.source } : {}),
    };
  });
  return { files, rulesMeta };
}

function regionOf(m: EslintMessage): SarifRegionOut | undefined {
  if (!positive(m.line)) return undefined;
  const r: SarifRegionOut = { startLine: m.line };
  if (positive(m.column)) r.startColumn = m.column;
  if (positive(m.endLine) && m.endLine >= m.line) r.endLine = m.endLine;
  if (positive(m.endColumn) && r.startColumn !== undefined) {
    const sameLine = (r.endLine ?? r.startLine) === r.startLine;
    if (!sameLine || m.endColumn > r.startColumn) r.endColumn = m.endColumn;
  }
  return r;
}

const levelOf = (severity: number): SarifLevelOut => (severity === 2 ? 'error' : 'warning');
/** security-severity by ESLint severity: "warn" (the recommended config's) is medium, "error" high. */
const scoreOf = (severity: number): string => (severity === 2 ? '8.0' : '5.5');

function suppressionsOf(m: EslintMessage): NonNullable<SarifResultOut['suppressions']> {
  const list = Array.isArray(m.suppressions) && m.suppressions.length > 0 ? m.suppressions : [{}];
  return list.map((s) => {
    const justification = typeof s.justification === 'string' ? s.justification.trim() : '';
    // "directive": an eslint-disable comment; "file": the bulk suppressions file (ESLint ≥ 9.24).
    return { kind: s.kind === 'file' ? 'external' : 'inSource', ...(justification ? { justification } : {}) };
  });
}

export type EslintConvertContext = ConvertContext & {
  /** eslint-plugin-security's version (tool.extensions). */
  pluginVersion: string;
  /** ESLint's working directory, for relative paths (its JSON has absolute ones); default root. */
  cwd?: string;
  /** Files in the targets our config did not lint (TypeScript without the parser), for a note. */
  notScanned?: { files: readonly string[]; reason: string };
};

/**
 * ESLint's JSON report (`json` or `json-with-metadata`; parsed, or the text of it) as a SARIF
 * 2.1.0 log of one run. Only `security/…` rules become results; parse errors become tool
 * execution notifications. Throws an Error saying what is wrong when the input is not an ESLint
 * JSON report.
 */
export function eslintJsonToSarif(json: unknown, ctx: EslintConvertContext): SarifLogOut {
  const { files, rulesMeta } = readReport(json);
  const rules: SarifRuleOut[] = [];
  const byId = new Map<string, { index: number; rule: SarifRuleOut }>();
  const results: SarifResultOut[] = [];
  const notifications: SarifNotificationOut[] = [];
  const otherRules = new Map<string, number>();

  const ruleFor = (id: string, severity: number): number => {
    let entry = byId.get(id);
    if (entry === undefined) {
      const name = id.slice(RULE_PREFIX.length);
      const description = rulesMeta.get(id)?.description ?? `eslint-plugin-security rule ${name}`;
      const helpUri = `${PLUGIN_DOCS}${name}.md`;
      const rule: SarifRuleOut = {
        id,
        name,
        shortDescription: { text: description },
        fullDescription: { text: `eslint-plugin-security rule ${name}: ${description}` },
        help: {
          text: `${description} Documentation: ${helpUri}`,
          markdown: `${description} See [the documentation of ${name}](${helpUri}).`,
        },
        helpUri,
        properties: {
          tags: ['security', ...cweForRule('eslint', id).map((cwe) => `external/cwe/cwe-${String(cwe)}`)],
          'security-severity': scoreOf(severity),
        },
      };
      entry = { index: rules.length, rule };
      byId.set(id, entry);
      rules.push(rule);
    }
    // The rule's severity is the highest of its results'.
    if (Number(scoreOf(severity)) > Number(entry.rule.properties['security-severity'])) {
      entry.rule.properties['security-severity'] = scoreOf(severity);
    }
    return entry.index;
  };

  for (const file of files) {
    const location = artifactLocation(file.filePath, ctx);
    const sourceLines = file.source?.split(/\r\n|\r|\n/);
    const lineText = (n: number) => sourceLines?.[n - 1];
    const convert = (m: EslintMessage, suppressed: boolean) => {
      const id = m.ruleId;
      if (m.fatal === true || typeof id !== 'string' || id === '') {
        if (suppressed) return;
        const region = regionOf(m);
        const at = region
          ? `:${String(region.startLine)}${region.startColumn ? `:${String(region.startColumn)}` : ''}`
          : '';
        notifications.push({
          level: levelOf(m.severity),
          message: { text: `ESLint could not lint ${location.uri}${at}: ${m.message}` },
          descriptor: { id: m.fatal === true ? 'eslint/parse-error' : 'eslint/message' },
          locations: [{ physicalLocation: { artifactLocation: location, ...(region ? { region } : {}) } }],
        });
        return;
      }
      if (!id.startsWith(RULE_PREFIX)) {
        if (!suppressed) otherRules.set(id, (otherRules.get(id) ?? 0) + 1);
        return;
      }
      const region = regionOf(m) ?? { startLine: 1 };
      const snippet = regionText(region, lineText);
      if (snippet !== undefined) region.snippet = { text: snippet };
      const line = lineText(region.startLine);
      results.push({
        ruleId: id,
        ruleIndex: ruleFor(id, m.severity),
        level: levelOf(m.severity),
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: location, region } }],
        partialFingerprints: {
          [SAST_FINGERPRINT_KEY]: fingerprint(
            id,
            location.uri,
            (line !== undefined ? normaliseSnippet(line) : '') || normaliseMessage(m.message),
          ),
        },
        ...(suppressed ? { suppressions: suppressionsOf(m) } : {}),
        properties: { 'security-severity': scoreOf(m.severity) },
      });
    };
    for (const m of file.messages) convert(m, false);
    for (const m of file.suppressed) convert(m, true);
  }

  if (otherRules.size > 0) {
    const count = [...otherRules.values()].reduce((a, b) => a + b, 0);
    const names = [...otherRules.keys()].sort();
    notifications.push({
      level: 'note',
      message: {
        text:
          `Ignored ${String(count)} ESLint message${count === 1 ? '' : 's'} about rules outside eslint-plugin-security ` +
          `(${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}): comments in the code name ` +
          "rules of the repository's own ESLint setup, which this scan does not load.",
      },
      descriptor: { id: 'eslint/other-rules' },
    });
  }
  if (ctx.notScanned && ctx.notScanned.files.length > 0) {
    const list = ctx.notScanned.files;
    notifications.push({
      level: 'warning',
      message: {
        text:
          `ESLint did not scan ${String(list.length)} file${list.length === 1 ? '' : 's'} ` +
          `(${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}): ${ctx.notScanned.reason}`,
      },
      descriptor: { id: 'eslint/not-scanned' },
    });
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ESLint',
            ...(ctx.version ? { version: ctx.version } : {}),
            informationUri: 'https://eslint.org',
            rules,
          },
          extensions: [
            {
              name: 'eslint-plugin-security',
              ...(ctx.pluginVersion ? { version: ctx.pluginVersion } : {}),
              informationUri: PLUGIN_URI,
            },
          ],
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: { pavedpath: { version: 1, engine: 'eslint-security' } },
      },
    ],
  };
}
