/**
 * Rule id → CWE maps for tools whose SARIF may reach us without CWE tags (research §2):
 *
 * - gosec v2.28.0 (`issue/issue.go` ruleToCWE). gosec's own SARIF carries the CWE as a taxonomy
 *   relationship too; the map covers other outputs (JSON converted to SARIF, golangci-lint, old
 *   versions, files stripped of taxonomies).
 * - Bandit after 1.9.4 (`bandit/core/issue.py` and each plugin / blacklist). The as-coded CWEs are
 *   kept even where another CWE seems closer (B307 eval → 78, XML checks → 20, B506 → 20).
 * - eslint-plugin-security v4.0.1. The plugin publishes NO CWE ids: the CWEs below are the
 *   research's own mapping from each rule's description to the closest MITRE CWE, not an official
 *   mapping. They are what gives ESLint findings a remediation, since ESLint SARIF has no CWE.
 *
 * Semgrep and CodeQL need no map: they put the CWE in the rule's tags (Semgrep: the registry's
 * `"CWE-89: Improper Neutralization…"` strings; CodeQL: `external/cwe/cwe-089`, zero-padded; Bandit
 * SARIF: `external/cwe/cwe-78`), which the loader reads (src/findings/cwe.ts). `cwesFromTags`
 * applies the same parsing to a list of tags.
 */
import { parseCwe } from '../findings/cwe.js';

/** gosec rule → CWE (research §2.1). G105 is retired and has none. */
export const GOSEC_RULE_CWE: Readonly<Record<string, number>> = {
  G101: 798,
  G102: 200,
  G103: 242,
  G104: 703,
  G106: 322,
  G107: 88,
  G108: 200,
  G109: 190,
  G110: 409,
  G111: 22,
  G112: 400,
  G113: 444,
  G114: 676,
  G115: 190,
  G116: 838,
  G117: 499,
  G118: 400,
  G119: 200,
  G120: 400,
  G121: 346,
  G122: 367,
  G123: 295,
  G124: 614,
  G201: 89,
  G202: 89,
  G203: 79,
  G204: 78,
  G301: 276,
  G302: 276,
  G303: 377,
  G304: 22,
  G305: 22,
  G306: 276,
  G307: 276,
  G401: 328,
  G402: 295,
  G403: 310,
  G404: 338,
  G405: 327,
  G406: 328,
  G407: 1204,
  G408: 287,
  G501: 327,
  G502: 327,
  G503: 327,
  G504: 327,
  G505: 327,
  G506: 327,
  G507: 327,
  G601: 118,
  G602: 118,
  G701: 89,
  G702: 78,
  G703: 22,
  G704: 918,
  G705: 79,
  G706: 117,
  G707: 93,
  G708: 94,
  G709: 502,
  G710: 601,
};

/** Bandit test / blacklist id → CWE (research §2.2). Gaps are removed checks. */
export const BANDIT_RULE_CWE: Readonly<Record<string, number>> = {
  B101: 703,
  B102: 78,
  B103: 732,
  B104: 605,
  B105: 259,
  B106: 259,
  B107: 259,
  B108: 377,
  B110: 703,
  B112: 703,
  B113: 400,
  B201: 94,
  B202: 22,
  B301: 502,
  B302: 502,
  B303: 327,
  B304: 327,
  B305: 327,
  B306: 377,
  B307: 78,
  B308: 79,
  B310: 22,
  B311: 330,
  B312: 319,
  B313: 20,
  B314: 20,
  B315: 20,
  B316: 20,
  B317: 20,
  B318: 20,
  B319: 20,
  B321: 319,
  B323: 295,
  B324: 327,
  B401: 319,
  B402: 319,
  B403: 502,
  B404: 78,
  B405: 20,
  B406: 20,
  B407: 20,
  B408: 20,
  B409: 20,
  B411: 20,
  B412: 284,
  B413: 327,
  B415: 319,
  B501: 295,
  B502: 327,
  B503: 327,
  B504: 327,
  B505: 326,
  B506: 20,
  B507: 295,
  B508: 319,
  B509: 319,
  B601: 78,
  B602: 78,
  B603: 78,
  B604: 78,
  B605: 78,
  B606: 78,
  B607: 78,
  B608: 89,
  B609: 155,
  B610: 89,
  B611: 89,
  B612: 94,
  B613: 838,
  B614: 502,
  B615: 494,
  B701: 94,
  B702: 80,
  B703: 80,
  B704: 79,
};

/**
 * eslint-plugin-security rule → CWEs, closest first (research §2.3). The research's OWN mapping:
 * the plugin itself names no CWE.
 */
export const ESLINT_SECURITY_RULE_CWE: Readonly<Record<string, readonly number[]>> = {
  'security/detect-bidi-characters': [451],
  'security/detect-buffer-noassert': [787, 125],
  'security/detect-child-process': [78],
  'security/detect-disable-mustache-escape': [79],
  'security/detect-eval-with-expression': [95],
  'security/detect-new-buffer': [908],
  'security/detect-no-csrf-before-method-override': [352],
  'security/detect-non-literal-fs-filename': [22],
  'security/detect-non-literal-regexp': [1333, 400],
  'security/detect-non-literal-require': [829, 94],
  'security/detect-object-injection': [1321, 915],
  'security/detect-possible-timing-attacks': [208],
  'security/detect-pseudoRandomBytes': [338],
  'security/detect-unsafe-regex': [1333],
};

type RuleMap = ReadonlyMap<string, readonly number[]>;

const toMap = (record: Readonly<Record<string, number | readonly number[]>>, upper: boolean): RuleMap =>
  new Map(
    Object.entries(record).map(([id, cwes]) => [
      upper ? id.toUpperCase() : id,
      typeof cwes === 'number' ? [cwes] : cwes,
    ]),
  );

const GOSEC = toMap(GOSEC_RULE_CWE, true);
const BANDIT = toMap(BANDIT_RULE_CWE, true);
const ESLINT_SECURITY = toMap(ESLINT_SECURITY_RULE_CWE, false);

/** Tool names as SARIF spells them (`tool.driver.name`), lower-cased, to the map of that tool. */
const TOOLS: ReadonlyMap<string, { map: RuleMap; key: (ruleId: string) => string }> = new Map([
  ['gosec', { map: GOSEC, key: (id: string) => id.toUpperCase() }],
  // Also accepts an id written together with its test name, "B101:assert_used".
  ['bandit', { map: BANDIT, key: (id: string) => id.toUpperCase().replace(/:.*$/, '') }],
  ['eslint', { map: ESLINT_SECURITY, key: (id: string) => id }],
  ['eslint-plugin-security', { map: ESLINT_SECURITY, key: (id: string) => id }],
]);

/**
 * The CWEs of a rule of gosec ('gosec'), Bandit ('Bandit' / 'bandit') or eslint-plugin-security
 * ('ESLint', rule ids 'security/detect-…'); tool names are case-insensitive. Empty when the tool
 * or the rule is unknown (Semgrep and CodeQL carry their CWEs as tags: see `cwesFromTags`).
 */
export function cweForRule(tool: string, ruleId: string): number[] {
  const entry = TOOLS.get(tool.trim().toLowerCase());
  if (!entry) return [];
  return [...(entry.map.get(entry.key(ruleId.trim())) ?? [])];
}

/**
 * CWE ids in rule tags, in the conventions of research §2.4: Semgrep's `"CWE-89: …"`, CodeQL's
 * zero-padded `external/cwe/cwe-089` and Bandit's `external/cwe/cwe-78`. Other tags are skipped.
 */
export function cwesFromTags(tags: readonly string[]): number[] {
  const found: number[] = [];
  for (const tag of tags) {
    const cwe = parseCwe(tag);
    if (cwe !== undefined && cwe > 0 && !found.includes(cwe)) found.push(cwe);
  }
  return found;
}
