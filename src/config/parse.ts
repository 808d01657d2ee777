/**
 * parseConfig: the text of `.github/pavedpath.yml` → Config, errors and notices. Pure: the edge
 * reads the file and passes its text, its name (for messages) and today's date.
 *
 * - An empty file (or one of comments only) is a valid empty config: every default applies.
 * - YAML syntax errors come with line and column, and nothing else is read from the file.
 * - Otherwise every problem is reported (unknown keys with the closest known one, wrong types,
 *   values not allowed, missing reasons, entries without a selector, bad dates and globs), and
 *   `config` holds the valid parts on top of the defaults. The caller decides whether errors stop
 *   the run; src/config/read-config.ts says what an invalid part falls back to.
 * - Notices: ignore entries that expire within EXPIRY_WARNING_DAYS, and YAML warnings. Expired
 *   entries are reported by applyConfig, which knows how many findings count again.
 */
import { LineCounter, type YAMLError, isMap, isScalar, parseDocument } from 'yaml';
import type { ConfigError } from './errors.js';
import { readConfig } from './read-config.js';
import { NodeReader, describe } from './read-values.js';
import { describeEntry } from './selectors.js';
import { type Config, TOP_LEVEL_KEYS, defaultConfig, isoDay } from './schema.js';

export const EXPIRY_WARNING_DAYS = 14;

export interface ParsedConfig {
  config: Config;
  errors: ConfigError[];
  notices: string[];
}

const SYNTAX_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'Remove or merge the repeated key',
  TAB_AS_INDENT: 'Indent with spaces, not tabs',
  MULTIPLE_DOCS: 'Keep one document: remove the extra "---"',
};
const DEFAULT_SYNTAX_HINT =
  'Check the indentation here; quote values that contain ": " or " #", or start with *, &, !, [, {, > or |';

const DAY_MS = 24 * 60 * 60 * 1000;

function expiringSoon(config: Config, today: Date): string[] {
  const notices: string[] = [];
  const start = Date.parse(isoDay(today));
  for (const entry of config.ignore) {
    if (entry.expires === undefined) continue;
    const days = Math.round((Date.parse(entry.expires) - start) / DAY_MS);
    if (days < 0 || days > EXPIRY_WARNING_DAYS) continue;
    const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
    notices.push(
      `${describeEntry(entry)} expires on ${entry.expires}, ${when}: renew it with a new date, or fix its findings`,
    );
  }
  return notices;
}

export function parseConfig(text: string, file: string, today: Date): ParsedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    schema: 'core',
    uniqueKeys: true,
  });
  const where = (error: YAMLError) => {
    const { line, col } = lines.linePos(error.pos[0]);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => ({
      file,
      ...where(error),
      message: error.message,
      hint: SYNTAX_HINTS[error.code] ?? DEFAULT_SYNTAX_HINT,
    }));
    return { config: defaultConfig(), errors, notices: [] };
  }
  const notices = doc.warnings.map((w) => {
    const { line, column } = where(w);
    return `${file}:${line}:${column}: ${w.message}`;
  });
  const reader = new NodeReader(file, doc, lines);
  const root = reader.resolve(doc.contents);
  if (root === null || (isScalar(root) && root.value === null)) {
    return { config: defaultConfig(), errors: [], notices };
  }
  if (!isMap(root)) {
    const error: ConfigError = {
      file,
      ...reader.position(root),
      message: `expected a mapping of settings, got ${describe(root)}`,
      hint: `Write keys such as ${TOP_LEVEL_KEYS.map((k) => `${k}:`).join(', ')} at the start of lines`,
    };
    return { config: defaultConfig(), errors: [error], notices };
  }
  const config = readConfig(reader, root);
  const errors = [...reader.errors].sort((a, b) => a.line - b.line || a.column - b.column);
  return { config, errors, notices: [...notices, ...expiringSoon(config, today)] };
}
