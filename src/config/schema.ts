/**
 * The config file `.github/pavedpath.yml`: its keys, the values they allow, and the Config model the
 * rest of the pipeline reads (defaults applied, values normalised). Plain data only.
 *
 * schema/pavedpath.schema.json states the same contract for editors. The two are kept in step by
 * test/config/schema.test.ts (keys, enums and patterns are compared) and by a corpus of good and bad
 * files that ajv and parseConfig must judge alike (test/config/corpus.test.ts).
 */

export const CONFIG_FILE = '.github/pavedpath.yml';
export const CONFIG_SCHEMA_ID =
  'https://raw.githubusercontent.com/pavedpath/pavedpath/v1/schema/pavedpath.schema.json';

export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export const FAIL_ON_SCOPES = ['new', 'all'] as const;
export type FailOnScope = (typeof FAIL_ON_SCOPES)[number];

export const DEFAULT_FAIL_ON: FailOn = 'high';
export const DEFAULT_FAIL_ON_SCOPE: FailOnScope = 'new';

export const TOP_LEVEL_KEYS = ['fail-on', 'fail-on-scope', 'exclude', 'ignore'] as const;

/** What an ignore entry can select findings by. An entry matches a finding when all it gives match. */
export const SELECTOR_KEYS = ['rule', 'fingerprint', 'path', 'cwe', 'advisory', 'package'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

export const IGNORE_ENTRY_KEYS = [...SELECTOR_KEYS, 'reason', 'expires'] as const;

/**
 * Patterns shared with the JSON Schema (ECMAScript syntax, no flags: the schema cannot carry
 * flags, and ajv compiles them with `u`). Globs are checked by src/config/glob.ts, whose grammar
 * the schema's glob pattern mirrors.
 */
export const CWE_PATTERN = '^(?:[Cc][Ww][Ee]-)?[1-9][0-9]*$';
export const ADVISORY_PATTERN =
  '^(?:GHSA(?:-[2-9cfghjmpqrvwxCFGHJMPQRVWX]{4}){3}|CVE-[0-9]{4}-[0-9]{4,}|PYSEC-[0-9]{4}-[0-9]+|GO-[0-9]{4}-[0-9]{4,})$';
/** A bare package name, or a purl with a type and a name. No whitespace either way. */
export const PACKAGE_PATTERN = '^(?:pkg:[A-Za-z][A-Za-z0-9.+-]*/\\S+|(?!pkg:)\\S+)$';
/** Not blank: reason, rule and fingerprint. */
export const NOT_BLANK_PATTERN = '\\S';

/** The selectors of one ignore entry, normalised: `cwe` is a number. */
export interface Selectors {
  rule?: string;
  fingerprint?: string;
  /** A glob over repository-relative paths (src/config/glob.ts). */
  path?: string;
  cwe?: number;
  /** A GHSA, CVE, PYSEC or GO id, matched against the rule id of dependency findings. */
  advisory?: string;
  /** A package name or purl, matched through `ApplyOptions.packageOf` (src/config/apply.ts). */
  package?: string;
}

export interface IgnoreEntry extends Selectors {
  /** `ignore[2]`: the entry's place in the file's list; reports and notices call it by this. */
  id: string;
  reason: string;
  /** `YYYY-MM-DD`: the last day the entry applies. */
  expires?: string;
  /** The line of the entry in the config file, when it came from one. */
  line?: number;
}

export interface Config {
  failOn: FailOn;
  failOnScope: FailOnScope;
  /** Path globs: findings under them are dropped before anything else. */
  exclude: string[];
  ignore: IgnoreEntry[];
  /** Which gate settings the file gave, so action inputs can be merged over it without guessing. */
  explicit: { failOn: boolean; failOnScope: boolean };
}

export function defaultConfig(): Config {
  return {
    failOn: DEFAULT_FAIL_ON,
    failOnScope: DEFAULT_FAIL_ON_SCOPE,
    exclude: [],
    ignore: [],
    explicit: { failOn: false, failOnScope: false },
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written `YYYY-MM-DD` (RFC 3339 full-date, as JSON Schema's `date` format). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

/** The UTC calendar day of `date`, as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
