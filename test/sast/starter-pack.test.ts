// The starter rule pack (src/sast/rules/starter-pack.ts) for opengrep / Semgrep CE.
//
// What is proven here, and what is not: opengrep cannot be downloaded on the machines that run
// these tests, so NO RULE IS EXECUTED HERE and nothing below shows that a rule matches code.
// The tests check what can be checked without the engine:
// 1. the YAML file parses back to the rules, and every rule is valid Semgrep rule syntax by our
//    JSON Schema (test/fixtures/sast/rules/semgrep-rule.schema.json, written from Semgrep's
//    documentation), with sane metavariables, balanced patterns and compilable regexes;
// 2. every example finding that bandit, ESLint or gosec has no rule for is claimed by a starter
//    rule (`metadata.covers`), and each claimed line is consistent with the rule: the names the
//    rule's pattern spells out are on the line, and each metavariable-regex of that pattern is
//    satisfied by some token of the line. A consistency check of the claim, not a matcher;
// 3. the SARIF that opengrep writes for these rules (rule descriptors built the way Semgrep's
//    SARIF writer builds them, inside a real Semgrep SARIF log) loads with the right CWEs,
//    severities and remediation through the project's own loader.
// Running `opengrep scan --config <starterPackYaml()> examples/` (or `semgrep --test` with
// annotated fixtures) is what would prove matching; see src/sast/rules/README.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isAlias, parse, parseDocument, visit } from 'yaml';
import { parseCwe } from '../../src/findings/cwe.js';
import { severityFromScore } from '../../src/findings/severity.js';
import { cweEntry } from '../../src/knowledge/cwe-catalogue.js';
import { remediationFor } from '../../src/knowledge/remediation.js';
import { loadSarif } from '../../src/sarif/load.js';
import {
  type Clause,
  type MetavariableRegex,
  STARTER_PACK_VERSION,
  STARTER_RULE_PREFIX,
  STARTER_RULES,
  type StarterRule,
  starterPackYaml,
} from '../../src/sast/rules/starter-pack.js';
import { EXPECTED_FINDINGS } from '../support/expected-findings.js';
import { REAL_WORLD, itRealWorld } from '../support/real-world.js';
import { REPO_ROOT } from '../support/runner.js';

const SCHEMA = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sast', 'rules', 'semgrep-rule.schema.json'), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
ajv.addSchema(SCHEMA);
const validateFile = ajv.getSchema(SCHEMA.$id)!;
const validateMetadata = ajv.getSchema(`${SCHEMA.$id as string}#/$defs/securityMetadata`)!;

const byId = (id: string): StarterRule => STARTER_RULES.find((r) => r.id === id)!;
const ruleRows = STARTER_RULES.map((r) => [r.id, r] as const);

// --- Walking a rule's formula ----------------------------------------------------------------

const METAVARIABLE = /\$(?:\.\.\.)?[A-Z_][A-Z0-9_]*/g;

const metavariablesIn = (text: string): Set<string> => new Set(text.match(METAVARIABLE) ?? []);

/** Every string the rule hands to Semgrep's pattern parser. */
function patternTexts(clauses: readonly Clause[]): string[] {
  return clauses.flatMap((c): string[] => {
    if ('pattern' in c) return [c.pattern];
    if ('patterns' in c) return patternTexts(c.patterns);
    if ('pattern-either' in c) return patternTexts(c['pattern-either']);
    if ('pattern-inside' in c) return [c['pattern-inside']];
    if ('pattern-not' in c) return [c['pattern-not']];
    if ('pattern-not-inside' in c) return [c['pattern-not-inside']];
    return [];
  });
}

/** Metavariables a positive clause binds on every one of its alternatives. */
function binds(c: Clause): Set<string> {
  if ('pattern' in c) return metavariablesIn(c.pattern);
  if ('pattern-inside' in c) return metavariablesIn(c['pattern-inside']);
  if ('patterns' in c) return new Set(c.patterns.flatMap((x) => [...binds(x)]));
  if ('pattern-either' in c) {
    const sets = c['pattern-either'].map(binds);
    return new Set([...(sets[0] ?? [])].filter((m) => sets.every((s) => s.has(m))));
  }
  return new Set();
}

/** Each `patterns` list with the metavariables its positive clauses bind on every path. */
function conjunctions(clauses: readonly Clause[]): { list: readonly Clause[]; bound: Set<string> }[] {
  const here = { list: clauses, bound: new Set(clauses.flatMap((c) => [...binds(c)])) };
  const nested = clauses.flatMap((c) => {
    if ('patterns' in c) return conjunctions(c.patterns);
    if ('pattern-either' in c) return c['pattern-either'].flatMap((alt) => conjunctions([alt]));
    return [];
  });
  return [here, ...nested];
}

interface Leaf {
  pattern: string;
  /** The metavariable-regex conditions of this pattern's conjunction and the ones around it. */
  where: MetavariableRegex[];
}

/** The positive patterns (what a finding's range is), each with the conditions that apply. */
function leaves(clauses: readonly Clause[], outer: MetavariableRegex[] = []): Leaf[] {
  const where = [
    ...outer,
    ...clauses.flatMap((c) => ('metavariable-regex' in c ? [c['metavariable-regex']] : [])),
  ];
  return clauses.flatMap((c): Leaf[] => {
    if ('pattern' in c) return [{ pattern: c.pattern, where }];
    if ('patterns' in c) return leaves(c.patterns, where);
    if ('pattern-either' in c) return c['pattern-either'].flatMap((alt) => leaves([alt], where));
    return [];
  });
}

/** A PCRE as a JavaScript RegExp: a leading `(?i)`, `(?s)` or `(?is)` becomes flags. */
function toRegExp(pcre: string): RegExp {
  const flags = /^\(\?([is]+)\)/.exec(pcre);
  return new RegExp(flags ? pcre.slice(flags[0].length) : pcre, flags?.[1] ?? '');
}

const stripStrings = (text: string): string =>
  text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');

/** The identifiers a pattern line spells out (not metavariables, not string contents). */
function literalNames(line: string): string[] {
  const code = stripStrings(line).replace(METAVARIABLE, ' ');
  return [...new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])];
}

/** Texts a metavariable could be bound to on a source line: token spans and string contents. */
function candidates(line: string): string[] {
  const word = (ch: string | undefined): boolean => ch !== undefined && /\w/.test(ch);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if ((word(ch) && !word(line[i - 1])) || (ch !== undefined && /["'`]/.test(ch))) starts.push(i);
    if ((word(ch) && !word(line[i + 1])) || (ch !== undefined && /["'`)\]]/.test(ch))) ends.push(i + 1);
  }
  const out = new Set<string>();
  for (const s of starts) for (const e of ends) if (e > s) out.add(line.slice(s, e));
  for (const m of line.matchAll(/(["'`])((?:(?!\1)[^\\]|\\.)*)\1/g)) out.add(m[2] ?? '');
  return [...out];
}

/** Why no positive pattern of the rule is consistent with the line (empty when one is). */
function inconsistencies(rule: StarterRule, line: string): string[] {
  const words = new Set(line.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const texts = candidates(line);
  const problems: string[] = [];
  for (const leaf of leaves(rule.patterns)) {
    const first = leaf.pattern.split('\n')[0] ?? '';
    const missing = literalNames(first).filter((n) => !words.has(n));
    const used = metavariablesIn(first);
    const unmet = leaf.where
      .filter((w) => used.has(w.metavariable))
      .filter((w) => !texts.some((t) => toRegExp(w.regex).test(t)))
      .map((w) => w.metavariable);
    if (missing.length === 0 && unmet.length === 0) return [];
    problems.push(`${first}: missing names [${missing.join(', ')}], unmet regexes [${unmet.join(', ')}]`);
  }
  return problems;
}

// --- The examples' ground truth --------------------------------------------------------------

/** The scanner each example's README pairs with its language. */
const NATIVE_SCANNER: Record<string, string> = { python: 'bandit', javascript: 'eslint', go: 'gosec' };

const findings = Object.entries(EXPECTED_FINDINGS.services).flatMap(([service, s]) =>
  s.findings.map((f) => ({
    ...f,
    key: `examples/${service}/${f.file}:${String(f.line)}`,
    path: path.join(REPO_ROOT, 'examples', service, f.file),
    native: NATIVE_SCANNER[s.language],
  })),
);
const lineAt = (file: string, line: number): string => readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';

const claims = STARTER_RULES.flatMap((rule) => (rule.metadata.covers ?? []).map((key) => ({ rule, key })));
const claimRows = claims.map((c) => [`${c.rule.id} ${c.key}`, c] as const);
const ruleCwes = (rule: StarterRule): number[] => rule.metadata.cwe.map((c) => parseCwe(c)!);

// --- 1. Syntax -------------------------------------------------------------------------------

describe('starterPackYaml()', () => {
  const yaml = starterPackYaml();

  it('parses back to exactly the rules, as one document with no anchors or aliases', () => {
    expect(parse(yaml)).toEqual({ rules: JSON.parse(JSON.stringify(STARTER_RULES)) });
    const doc = parseDocument(yaml);
    expect(doc.errors).toEqual([]);
    let aliases = 0;
    visit(doc, (_key, node) => {
      if (isAlias(node)) aliases++;
    });
    expect(aliases).toBe(0);
  });

  it('names the pack version in its header comment and writes no folded long lines', () => {
    expect(STARTER_PACK_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(yaml.split('\n')[0]).toContain(`starter rules ${STARTER_PACK_VERSION}`);
    expect(yaml).not.toMatch(/: >/);
  });

  it('is a valid rule file by the Semgrep rule schema', () => {
    expect(SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ok = validateFile(parse(yaml));
    expect(validateFile.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema refuses what Semgrep refuses', () => {
    const base = { id: 'x', message: 'm', severity: 'ERROR', languages: ['python'], pattern: 'f(...)' };
    expect(validateFile({ rules: [base] })).toBe(true);
    const bad: object[] = [
      { ...base, severity: 'SEVERE' },
      { ...base, languages: ['cobol'] },
      { ...base, id: 'has space' },
      { ...base, patterns: [{ pattern: 'g()' }] },
      { ...base, pattern: undefined, 'pattern-either': [{ 'pattern-not': 'g()' }] },
      { ...base, pattern: undefined, patterns: [{ 'pattern-not': 'g()' }] },
      { ...base, pattern: undefined, patterns: [{ pattern: 'f($x)' }] },
      { ...base, pattern: undefined, patterns: [{ pattern: 'f()', 'pattern-not': 'g()' }] },
      {
        ...base,
        pattern: undefined,
        patterns: [{ pattern: 'f($X)' }, { 'metavariable-regex': { regex: 'a' } }],
      },
      { ...base, patern: 'typo' },
    ];
    for (const rule of bad) expect(validateFile({ rules: [JSON.parse(JSON.stringify(rule))] })).toBe(false);
  });
});

describe('the rules', () => {
  it('has unique ids of the form pavedpath.<language>.<topic>', () => {
    const ids = STARTER_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of STARTER_RULES) {
      expect(rule.id).toMatch(/^pavedpath\.(python|javascript|go|java)\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id.startsWith(STARTER_RULE_PREFIX)).toBe(true);
      const language = rule.id.split('.')[1];
      expect(rule.languages).toContain(language);
    }
  });

  it.each(ruleRows)('%s: metadata follows our conventions', (_id, rule) => {
    const ok = validateMetadata(rule.metadata);
    expect(validateMetadata.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(rule.message.length).toBeGreaterThan(60);
    // Each CWE string is the catalogue's MITRE name, so SARIF tags and remediation agree.
    for (const cwe of rule.metadata.cwe) {
      const id = parseCwe(cwe)!;
      expect(cwe).toBe(`CWE-${String(id)}: ${cweEntry(id)!.name}`);
    }
    expect(rule.metadata.references).toContain(
      `https://cwe.mitre.org/data/definitions/${String(ruleCwes(rule)[0])}.html`,
    );
    // Semgrep's SARIF level comes from `severity`; our score and level must not disagree.
    const score = Number(rule.metadata['security-severity']);
    expect(rule.severity).toBe(score >= 7 ? 'ERROR' : 'WARNING');
  });

  it.each(ruleRows)('%s: patterns are well formed', (_id, rule) => {
    for (const text of patternTexts(rule.patterns)) {
      const code = stripStrings(text);
      const depth = { '(': 0, '[': 0, '{': 0 };
      const close: Record<string, keyof typeof depth> = { ')': '(', ']': '[', '}': '{' };
      for (const ch of code.replace(/<\.\.\.|\.\.\.>/g, '')) {
        if (ch in depth) depth[ch as keyof typeof depth]++;
        const open = close[ch];
        if (open) {
          depth[open]--;
          expect(depth[open]).toBeGreaterThanOrEqual(0);
        }
      }
      expect(depth).toEqual({ '(': 0, '[': 0, '{': 0 });
      expect(code.match(/<\.\.\./g)?.length ?? 0).toBe(code.match(/\.\.\.>/g)?.length ?? 0);
      expect(text).not.toContain('%ARG%');
      expect(text).not.toMatch(/\$[a-z]/);
    }
  });

  it.each(ruleRows)('%s: every metavariable-regex is bound, anchored and compiles', (_id, rule) => {
    for (const { list, bound } of conjunctions(rule.patterns)) {
      for (const c of list) {
        if (!('metavariable-regex' in c)) continue;
        const { metavariable, regex } = c['metavariable-regex'];
        expect([metavariable, bound.has(metavariable)]).toEqual([metavariable, true]);
        // The engine anchors on the left; ours say so, so either reading gives the same result.
        expect(regex.replace(/^\(\?[is]+\)/, '')).toMatch(/^\^/);
        expect(() => toRegExp(regex)).not.toThrow();
      }
    }
  });

  it.each(ruleRows)('%s: every positive pattern is anchored on a name or a regex', (_id, rule) => {
    for (const leaf of leaves(rule.patterns)) {
      const named = literalNames(leaf.pattern).length > 0;
      const constrained = leaf.where.some((w) => metavariablesIn(leaf.pattern).has(w.metavariable));
      expect([leaf.pattern, named || constrained]).toEqual([leaf.pattern, true]);
    }
  });

  // The metavariable regexes are the one part the engine runs that runs here too (PCRE and
  // JavaScript agree on the constructs they use): what they accept and refuse.
  const regexCases: [string, string, string[], string[]][] = [
    [
      'pavedpath.python.sql-string-concat',
      '$QUERY',
      [
        `"SELECT * FROM notes WHERE owner = '" + owner + "'"`,
        `"SELECT * FROM t WHERE id = %s" % ident`,
        `'''UPDATE t SET a = {}'''.format(value)`,
        `f"DELETE FROM t WHERE id = {ident}"`,
      ],
      [`"SELECT * FROM t WHERE id = %s"`, `"SELECT 1"`, `query`, `"selection: " + name`, `f"select-{x}"`],
    ],
    [
      'pavedpath.javascript.sql-string-concat',
      '$QUERY',
      ["'SELECT * FROM t WHERE a = ' + a", '`SELECT * FROM t WHERE a = ${a}`'],
      ["'SELECT * FROM t WHERE a = $1'", '`SELECT 1`', "'update:' + id", 'sql'],
    ],
    [
      'pavedpath.go.sql-string-concat',
      '$QUERY',
      ['"SELECT * FROM t WHERE a = \'" + a + "\'"', '`SELECT *\nFROM t WHERE a = ` + a'],
      ['"SELECT * FROM t WHERE a = $1"', 'query'],
    ],
    [
      'pavedpath.go.sql-string-concat',
      '$FMT',
      ['"SELECT * FROM t WHERE a = \'%s\'"', '"DELETE FROM t WHERE a = %v"'],
      ['"SELECT * FROM t WHERE a = %d"', '"user %s"'],
    ],
    [
      'pavedpath.python.hardcoded-secret',
      '$NAME',
      ['ADMIN_PASSWORD', 'jwtSecret', 'api_key', 'self.db_passwd', 'GITHUB_TOKEN', 'clientSecret'],
      ['TOKEN_URL', 'passwordField', 'PASSWORD_HASH', 'username', 'secret_name', 'token_header'],
    ],
    [
      'pavedpath.python.hardcoded-secret',
      '$VALUE',
      ['n0tes-7QmZ4xKp9LwR2vTb8Yc', '"pg-Xk29vQw7LmZr4Tn8sB"'],
      [
        '',
        'short',
        'changeme',
        'password',
        'with spaces in it',
        '${SECRET}',
        '<your-token-here>',
        '********',
      ],
    ],
    ['pavedpath.python.weak-hash', '$ALG', ['md5', 'MD5', '"sha1"', 'SHA-1'], ['sha256', 'md5sum', 'sha512']],
    [
      'pavedpath.go.shell-command-injection',
      '$SHELL',
      ['sh', 'bash', '/bin/sh', '/usr/bin/bash'],
      ['tar', 'shx'],
    ],
    ['pavedpath.go.shell-command-injection', '$FLAG', ['-c', '-ec', '"-c"'], ['-x', 'c', '--command']],
  ];

  it.each(regexCases)('%s %s accepts and refuses the right texts', (id, metavariable, yes, no) => {
    const regexes = leaves(byId(id).patterns)
      .flatMap((l) => l.where)
      .filter((w) => w.metavariable === metavariable)
      .map((w) => toRegExp(w.regex));
    expect(regexes.length).toBeGreaterThan(0);
    const re = regexes[0]!;
    expect(yes.filter((t) => !re.test(t))).toEqual([]);
    expect(no.filter((t) => re.test(t))).toEqual([]);
  });

  it('covers the CWE classes of the brief in each of Python, JavaScript and Go', () => {
    const classes = [89, 78, 22, 798, 328, 295, 95, 502, 918, 79];
    const has = (lang: string, cwe: number): boolean =>
      STARTER_RULES.some((r) => r.languages.includes(lang as never) && ruleCwes(r).includes(cwe));
    for (const lang of ['python', 'javascript', 'go']) {
      const missing = classes.filter((cwe) => !has(lang, cwe));
      // Not written: Go eval (no eval), Go/Python deserialisation and XSS beyond the above.
      const notWritten: Record<string, number[]> = { python: [79], javascript: [502], go: [95, 502, 79] };
      expect([lang, missing]).toEqual([lang, notWritten[lang]]);
    }
  });
});

// --- 2. Claims on the examples ---------------------------------------------------------------

describe('the starter pack on the example services', () => {
  it('claims every expected finding that the native scanner has no rule for', () => {
    const uncovered = findings.filter((f) => f.native === undefined || f.rules[f.native] === undefined);
    expect(uncovered.map((f) => f.key).sort()).toEqual([
      'examples/node-service/src/auth.js:12',
      'examples/node-service/src/auth.js:8',
      'examples/node-service/src/db.js:12',
      'examples/node-service/src/webhooks.js:7',
      'examples/python-service/files.py:13',
    ]);
    const claimed = new Set(claims.map((c) => c.key));
    expect(uncovered.filter((f) => !claimed.has(f.key)).map((f) => f.key)).toEqual([]);
  });

  it('leaves unclaimed only the findings outside its classes (an import, a ReDoS)', () => {
    const claimed = new Set(claims.map((c) => c.key));
    expect(findings.filter((f) => !claimed.has(f.key)).map((f) => `${f.key} CWE-${String(f.cwe)}`)).toEqual([
      'examples/go-service/auth.go:6 CWE-327',
      'examples/node-service/src/notes.js:35 CWE-1333',
    ]);
  });

  it.each(claimRows)('%s: is an expected finding of a CWE the rule carries', (_name, { rule, key }) => {
    const finding = findings.find((f) => f.key === key);
    expect(finding).toBeDefined();
    expect(ruleCwes(rule)).toContain(finding!.cwe);
    const service = key.split('/')[1]!;
    const language = EXPECTED_FINDINGS.services[service]!.language;
    expect(rule.languages).toContain(language);
    // The line is read from the file: it exists and still holds the ground truth's snippet.
    expect(lineAt(finding!.path, finding!.line)).toContain(finding!.snippet);
  });

  it.each(claimRows)('%s: the line is consistent with one of the rule patterns', (_name, { rule, key }) => {
    const finding = findings.find((f) => f.key === key)!;
    expect(inconsistencies(rule, lineAt(finding.path, finding.line))).toEqual([]);
  });

  it('the consistency check does reject lines a rule does not claim', () => {
    // Parameterised forms next to the vulnerable lines in the examples, and a plain mismatch.
    const negatives: [string, string, number][] = [
      ['pavedpath.python.sql-string-concat', 'python-service/db.py', 43],
      ['pavedpath.python.sql-string-concat', 'python-service/db.py', 38],
      ['pavedpath.go.sql-string-concat', 'go-service/store.go', 54],
      ['pavedpath.go.sql-string-concat', 'go-service/store.go', 70],
      ['pavedpath.javascript.sql-string-concat', 'node-service/src/db.js', 33],
      ['pavedpath.go.weak-hash', 'go-service/auth.go', 55],
      ['pavedpath.go.tls-verification-disabled', 'go-service/webhook.go', 21],
      ['pavedpath.javascript.hardcoded-secret', 'node-service/src/files.js', 7],
      ['pavedpath.go.hardcoded-secret', 'go-service/main.go', 31],
      ['pavedpath.python.shell-command-injection', 'python-service/files.py', 13],
    ];
    for (const [id, file, line] of negatives) {
      const text = lineAt(path.join(REPO_ROOT, 'examples', file), line);
      expect([id, file, line, inconsistencies(byId(id), text).length > 0]).toEqual([id, file, line, true]);
    }
  });
});

// --- 3. The SARIF opengrep writes for these rules --------------------------------------------

const LEVEL = { ERROR: 'error', WARNING: 'warning', INFO: 'note' } as const;

/**
 * A rule descriptor the way Semgrep's SARIF writer (and opengrep, its fork) makes one from a
 * rule: id and name, "Semgrep Finding: <id>" as short description, the message as full
 * description and help, the level from `severity`, and `properties` holding `precision`, the
 * metadata's `security-severity`, and `tags`: the metadata's cwe strings plus "security",
 * "OWASP-" + each owasp entry, "<confidence> CONFIDENCE", sorted and deduplicated.
 */
function sarifDescriptor(rule: StarterRule): Record<string, unknown> {
  const m = rule.metadata;
  const tags = [...m.cwe, 'security', ...m.owasp.map((o) => `OWASP-${o}`), `${m.confidence} CONFIDENCE`];
  const references = m.references.map((r) => ` - [${r}](${r})\n`).join('');
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: `Semgrep Finding: ${rule.id}` },
    fullDescription: { text: rule.message },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    help: { text: rule.message, markdown: `${rule.message}\n\n<b>References:</b>\n${references}` },
    properties: {
      precision: 'very-high',
      tags: [...new Set(tags)].sort(),
      'security-severity': m['security-severity'],
    },
  };
}

describe('SARIF from these rules', () => {
  it.each(ruleRows)('%s: its SARIF tags give exactly its CWEs to parseCwe', (_id, rule) => {
    const tags = (sarifDescriptor(rule).properties as { tags: string[] }).tags;
    const parsed = tags.map((t) => parseCwe(t)).filter((c) => c !== undefined);
    expect(parsed.sort()).toEqual(ruleCwes(rule).sort());
    expect(tags).toContain('security');
  });

  itRealWorld('has the shape of the rule descriptors in real Semgrep SARIF', () => {
    const real = JSON.parse(
      readFileSync(path.join(REAL_WORLD, 'sarif', 'semgrep-nosemgrep-suppressions.sarif'), 'utf8'),
    );
    const realRules = real.runs[0].tool.driver.rules as Record<string, unknown>[];
    expect(realRules.length).toBeGreaterThan(0);
    for (const rule of STARTER_RULES) {
      const ours = sarifDescriptor(rule);
      for (const realRule of realRules) {
        const realKeys = Object.keys(realRule).filter((k) => k !== 'helpUri');
        expect(Object.keys(ours).sort()).toEqual(realKeys.sort());
        expect(Object.keys(realRule.properties as object).sort()).toEqual(['precision', 'tags']);
        expect(realRule.shortDescription).toEqual({ text: `Semgrep Finding: ${realRule.id as string}` });
      }
    }
  });

  itRealWorld('loads, inside a real Semgrep log, with each rule’s CWEs, score and remediation', () => {
    const log = JSON.parse(
      readFileSync(path.join(REAL_WORLD, 'sarif', 'semgrep-nosemgrep-suppressions.sarif'), 'utf8'),
    );
    const run = log.runs[0];
    const template = run.results[0];
    const located = STARTER_RULES.map((rule) => {
      const key = rule.metadata.covers?.[0];
      const [file, line] = key
        ? [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))]
        : ['src/app.py', 1];
      return { rule, file, line };
    });
    run.tool.driver.rules = STARTER_RULES.map(sarifDescriptor);
    run.results = located.map(({ rule, file, line }) => {
      const result = structuredClone(template);
      delete result.suppressions;
      result.ruleId = rule.id;
      result.message = { text: rule.message };
      const location = result.locations[0].physicalLocation;
      location.artifactLocation.uri = file;
      location.region = { startLine: line, startColumn: 1, endLine: line, endColumn: 2 };
      return result;
    });
    const loaded = loadSarif(new TextEncoder().encode(JSON.stringify(log)), 'opengrep.sarif');
    expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(loaded.findings).toHaveLength(STARTER_RULES.length);
    for (const [i, finding] of loaded.findings.entries()) {
      const { rule, file, line } = located[i]!;
      expect(finding.rule.id).toBe(rule.id);
      expect([...finding.cwes].sort()).toEqual(ruleCwes(rule).sort());
      const score = Number(rule.metadata['security-severity']);
      expect([finding.severitySource, finding.score, finding.severity]).toEqual([
        'security-severity',
        score,
        severityFromScore(score),
      ]);
      expect([finding.location?.path, finding.location?.startLine]).toEqual([file, line]);
      const fixes = ruleCwes(rule).map((id) => cweEntry(id)!.fix);
      expect(fixes).toContain(remediationFor(finding)?.summary);
    }
  });
});
