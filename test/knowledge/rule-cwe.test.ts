import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, test } from '@jest/globals';
import {
  BANDIT_RULE_CWE,
  cweForRule,
  cwesFromTags,
  ESLINT_SECURITY_RULE_CWE,
  GOSEC_RULE_CWE,
} from '../../src/knowledge/rule-cwe.js';
import { loadSarif } from '../../src/sarif/load.js';
import { REAL_SARIF_DIR, subsection, tableRows } from './research.js';

const cweOf = (cell: string): number[] =>
  // The eslint table adds remarks after " — " (other tools' CWEs): only what precedes counts.
  [...(cell.split(' — ')[0] ?? '').matchAll(/CWE-(\d+)/g)].map((m) => Number(m[1]));

const gosecResearch = new Map(tableRows(subsection('2.1'), /^G\d{3}$/).map((r) => [r[0]!, cweOf(r[2]!)]));
const banditResearch = new Map(tableRows(subsection('2.2'), /^B\d{3}$/).map((r) => [r[0]!, cweOf(r[2]!)]));
const eslintResearch = new Map(
  tableRows(subsection('2.3'), /^detect-/).map((r) => [`security/${r[0]!}`, cweOf(r[2]!)]),
);

describe('gosec (research §2.1)', () => {
  it('the whole map equals the research table', () => {
    expect(gosecResearch.size).toBeGreaterThanOrEqual(60);
    expect(Object.fromEntries(Object.entries(GOSEC_RULE_CWE).map(([k, v]) => [k, [v]]))).toEqual(
      Object.fromEntries(gosecResearch),
    );
  });

  test.each([
    ['G101', 798],
    ['G104', 703],
    ['G107', 88],
    ['G115', 190],
    ['G201', 89],
    ['G204', 78],
    ['G304', 22],
    ['G401', 328],
    ['G404', 338],
    ['G706', 117],
  ])('%s → CWE-%i', (rule, cwe) => {
    expect(cweForRule('gosec', rule)).toEqual([cwe]);
    expect(gosecResearch.get(rule)).toEqual([cwe]);
  });

  it('agrees with the CWE gosec itself states in real SARIF (gosec-gowaves-large.sarif)', () => {
    const file = path.join(REAL_SARIF_DIR, 'gosec-gowaves-large.sarif');
    const bytes = readFileSync(file);
    // Oracle straight from the file: each rule's relationship into the CWE taxonomy.
    const raw = JSON.parse(bytes.toString('utf8')) as {
      runs: { tool: { driver: { rules: { id: string; relationships?: { target: { id: string } }[] }[] } } }[];
    };
    const stated = new Map<string, number[]>();
    for (const rule of raw.runs[0]!.tool.driver.rules)
      if (rule.relationships)
        stated.set(
          rule.id,
          rule.relationships.map((r) => Number(r.target.id)),
        );
    expect(stated.size).toBeGreaterThanOrEqual(8);
    for (const [rule, cwes] of stated) expect(cweForRule('gosec', rule)).toEqual(cwes);

    // And through the loader: every finding that carries a CWE carries ours.
    const loaded = loadSarif(bytes, 'gosec-gowaves-large.sarif');
    expect(loaded.findings.length).toBe(1358);
    const checked = new Set<string>();
    for (const finding of loaded.findings) {
      expect(finding.tool.name).toBe('gosec');
      if (finding.cwes.length === 0) continue;
      expect(cweForRule(finding.tool.name, finding.rule.id)).toEqual([...finding.cwes]);
      checked.add(finding.rule.id);
    }
    expect([...checked].sort()).toEqual([...stated.keys()].sort());
    // G706 states no CWE in this file (gosec 2.24.7); the map still gives one.
    expect(stated.has('G706')).toBe(false);
    expect(cweForRule('gosec', 'G706')).toEqual([117]);
  });
});

describe('Bandit (research §2.2)', () => {
  it('the whole map equals the research table', () => {
    expect(banditResearch.size).toBeGreaterThanOrEqual(70);
    expect(Object.fromEntries(Object.entries(BANDIT_RULE_CWE).map(([k, v]) => [k, [v]]))).toEqual(
      Object.fromEntries(banditResearch),
    );
  });

  test.each([
    ['B101', 703],
    ['B105', 259],
    ['B201', 94],
    ['B301', 502],
    ['B307', 78],
    ['B311', 330],
    ['B314', 20],
    ['B506', 20],
    ['B602', 78],
    ['B608', 89],
  ])('%s → CWE-%i', (rule, cwe) => {
    expect(cweForRule('Bandit', rule)).toEqual([cwe]);
    expect(banditResearch.get(rule)).toEqual([cwe]);
  });
});

describe('eslint-plugin-security (research §2.3, the research’s own mapping)', () => {
  it('the whole map equals the research table', () => {
    expect(eslintResearch.size).toBe(14);
    expect(Object.fromEntries(Object.entries(ESLINT_SECURITY_RULE_CWE))).toEqual(
      Object.fromEntries(eslintResearch),
    );
  });

  test.each([
    ['security/detect-bidi-characters', [451]],
    ['security/detect-buffer-noassert', [787, 125]],
    ['security/detect-child-process', [78]],
    ['security/detect-eval-with-expression', [95]],
    ['security/detect-new-buffer', [908]],
    ['security/detect-non-literal-fs-filename', [22]],
    ['security/detect-non-literal-regexp', [1333, 400]],
    ['security/detect-non-literal-require', [829, 94]],
    ['security/detect-object-injection', [1321, 915]],
    ['security/detect-pseudoRandomBytes', [338]],
  ])('%s → %p', (rule, cwes) => {
    expect(cweForRule('ESLint', rule)).toEqual(cwes);
    expect(eslintResearch.get(rule)).toEqual(cwes);
  });
});

describe('cweForRule', () => {
  it('tool names are case-insensitive, as SARIF spells them', () => {
    expect(cweForRule('GoSec', 'g101')).toEqual([798]);
    expect(cweForRule('bandit', 'B608')).toEqual([89]);
    expect(cweForRule('BANDIT', 'B101:assert_used')).toEqual([703]);
    expect(cweForRule('eslint', 'security/detect-unsafe-regex')).toEqual([1333]);
    expect(cweForRule(' ESLint ', 'security/detect-unsafe-regex')).toEqual([1333]);
  });

  it('is empty for unknown tools, rules and prototype names', () => {
    expect(cweForRule('semgrep', 'python.lang.security.audit.eval-detected')).toEqual([]);
    expect(cweForRule('CodeQL', 'js/sql-injection')).toEqual([]);
    expect(cweForRule('gosec', 'G105')).toEqual([]);
    expect(cweForRule('gosec', 'G999')).toEqual([]);
    expect(cweForRule('ESLint', 'detect-object-injection')).toEqual([]);
    expect(cweForRule('ESLint', 'no-eval')).toEqual([]);
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(cweForRule('gosec', id)).toEqual([]);
      expect(cweForRule('ESLint', id)).toEqual([]);
    }
    expect(cweForRule('__proto__', 'G101')).toEqual([]);
  });

  it('returns a copy the caller may change', () => {
    const first = cweForRule('ESLint', 'security/detect-object-injection');
    first.push(1);
    expect(cweForRule('ESLint', 'security/detect-object-injection')).toEqual([1321, 915]);
  });
});

describe('cwesFromTags (Semgrep, CodeQL and Bandit conventions, research §2.4)', () => {
  it('reads each convention, once per CWE, and skips other tags', () => {
    expect(
      cwesFromTags([
        'security',
        "CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
        'OWASP-A03:2021 - Injection',
        'HIGH CONFIDENCE',
        'external/cwe/cwe-089',
        'external/cwe/cwe-022',
        'external/cwe/cwe-1333',
        'external/cwe/cwe-78',
      ]),
    ).toEqual([89, 22, 1333, 78]);
    expect(cwesFromTags([])).toEqual([]);
  });
});
