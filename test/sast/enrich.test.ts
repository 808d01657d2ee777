import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SEVERITIES } from '../../src/findings/finding.js';
import { severityFromScore } from '../../src/findings/severity.js';
import { loadSarif } from '../../src/sarif/load.js';
import { countResults, type SarifLog } from '../../src/sast/combine.js';
import { enrichSarif, SECURITY_SEVERITY_SCORE } from '../../src/sast/enrich.js';
import { tidyNativeSarif } from '../../src/sast/native-sarif.js';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF is read field by field in the assertions
type Json = Record<string, any>;

const realSarif = (name: string): Json =>
  JSON.parse(readFileSync(path.join(REAL_WORLD, 'sarif', name), 'utf8').replace(/^\ufeff/, ''));

function single(tool: string, rules: Json[], results: Json[], run: Json = {}): SarifLog {
  return { version: '2.1.0', runs: [{ tool: { driver: { name: tool, rules } }, results, ...run }] };
}

const at = (uri: string): Json[] => [
  { physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } },
];
const res = (ruleId: string, extra: Json = {}): Json => ({
  ruleId,
  message: { text: `${ruleId} found` },
  locations: at('a.go'),
  ...extra,
});
const rulesOf = (log: SarifLog): Json[] => (log.runs[0]!.tool as Json).driver.rules;
const ruleOf = (log: SarifLog, id: string): Json => rulesOf(log).find((r) => r.id === id)!;
const resultsOf = (log: SarifLog): Json[] => log.runs[0]!.results as Json[];

/** gosec's own SARIF shape (report/sarif/formatter.go): tags [security, SEVERITY], CWE by relationship. */
const gosecLog = (): SarifLog =>
  single(
    'gosec',
    [
      {
        id: 'G101',
        name: 'Use of Hard-coded Credentials',
        shortDescription: { text: 'Potential hardcoded credentials' },
        fullDescription: { text: 'Potential hardcoded credentials' },
        help: { text: 'Potential hardcoded credentials\nSeverity: HIGH\nConfidence: LOW\n' },
        defaultConfiguration: { level: 'error' },
        properties: { precision: 'low', tags: ['security', 'HIGH'] },
        relationships: [
          {
            kinds: ['superset'],
            target: { id: '798', guid: 'x', toolComponent: { name: 'CWE', guid: 'y' } },
          },
        ],
      },
      {
        id: 'G104',
        name: 'G104',
        shortDescription: { text: 'Errors unhandled' },
        defaultConfiguration: { level: 'warning' },
        properties: { precision: 'high', tags: ['security', 'LOW'] },
      },
      {
        id: 'G304',
        shortDescription: { text: 'Potential file inclusion via variable' },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['security', 'MEDIUM'] },
      },
    ],
    [res('G101', { level: 'error' }), res('G104', { level: 'warning' }), res('G304', { level: 'error' })],
    { taxonomies: [{ name: 'CWE', taxa: [{ id: '798' }] }] },
  );

describe('SECURITY_SEVERITY_SCORE', () => {
  it('puts each severity in the band GitHub and the summary read it back as', () => {
    expect(SECURITY_SEVERITY_SCORE).toEqual({
      critical: '9.5',
      high: '8.0',
      medium: '5.5',
      low: '2.0',
      note: '0.0',
    });
    for (const severity of SEVERITIES) {
      expect(severityFromScore(Number(SECURITY_SEVERITY_SCORE[severity]))).toBe(severity);
    }
  });
});

describe('enrichSarif: CWE tags', () => {
  it('gosec: CWE from the relationship, G104 from our rule map, security tag once', () => {
    const out = enrichSarif(gosecLog());
    expect(ruleOf(out, 'G101').properties.tags).toEqual(['security', 'HIGH', 'external/cwe/cwe-798']);
    expect(ruleOf(out, 'G104').properties.tags).toEqual(['security', 'LOW', 'external/cwe/cwe-703']);
    expect(ruleOf(out, 'G304').properties.tags).toEqual(['security', 'MEDIUM', 'external/cwe/cwe-22']);
    expect(ruleOf(out, 'G101').relationships).toEqual(ruleOf(gosecLog(), 'G101').relationships);
  });

  it('Semgrep registry tags: keeps "CWE-89: …", adds the GitHub form, ignores the confidence words', () => {
    const tags = [
      "CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
      'HIGH CONFIDENCE',
      'OWASP-A03:2021 - Injection',
      'security',
    ];
    const log = single(
      'Semgrep OSS',
      [
        {
          id: 'python.sqli',
          defaultConfiguration: { level: 'warning' },
          properties: { precision: 'very-high', tags },
        },
      ],
      [res('python.sqli')],
    );
    const rule = ruleOf(enrichSarif(log), 'python.sqli');
    expect(rule.properties.tags).toEqual([...tags, 'external/cwe/cwe-89']);
    // level warning → medium: "HIGH CONFIDENCE" is a confidence, not a severity.
    expect(rule.properties['security-severity']).toBe('5.5');
  });

  it('CodeQL-style zero-padded tags and Bandit-style tags are not duplicated', () => {
    const log = single(
      'CodeQL',
      [
        { id: 'js/sql', properties: { tags: ['security', 'external/cwe/cwe-089'] } },
        { id: 'B602', properties: { tags: ['security', 'external/cwe/cwe-78'] } },
      ],
      [],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'js/sql').properties.tags).toEqual(['security', 'external/cwe/cwe-089']);
    expect(ruleOf(out, 'B602').properties.tags).toEqual(['security', 'external/cwe/cwe-78']);
  });

  it('CWEs from result taxa and from a cwe property are gathered on the rule', () => {
    const log = single(
      'Some tool',
      [{ id: 'r1' }, { id: 'r2', properties: { cwe: ['CWE-22'] } }],
      [res('r1', { taxa: [{ id: '79', toolComponent: { name: 'CWE' } }] })],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'r1').properties.tags).toEqual(['security', 'external/cwe/cwe-79']);
    expect(ruleOf(out, 'r2').properties.tags).toEqual(['security', 'external/cwe/cwe-22']);
  });

  it('eslint-plugin-security: both mapped CWEs; the engine option reaches the map for an unknown tool name', () => {
    const rule = {
      id: 'security/detect-object-injection',
      shortDescription: { text: 'Detects "variable[key]"' },
    };
    const byName = enrichSarif(single('ESLint', [rule], [res(rule.id, { level: 'warning' })]));
    expect(ruleOf(byName, rule.id).properties.tags).toEqual([
      'security',
      'external/cwe/cwe-1321',
      'external/cwe/cwe-915',
    ]);
    const renamed = single('eslint-formatter', [rule], []);
    expect(ruleOf(enrichSarif(renamed), rule.id).properties.tags).toEqual(['security']);
    expect(ruleOf(enrichSarif(renamed, { engine: 'eslint-security' }), rule.id).properties.tags).toContain(
      'external/cwe/cwe-1321',
    );
  });

  it('a rule with no CWE anywhere: no CWE tag, but security, a severity and help still set', () => {
    const log = single(
      'Semgrep OSS',
      [{ id: 'rules.eqeq', defaultConfiguration: { level: 'error' } }],
      [res('rules.eqeq')],
    );
    const rule = ruleOf(enrichSarif(log), 'rules.eqeq');
    expect(rule.properties).toEqual({ tags: ['security'], 'security-severity': '8.0' });
    expect(rule.helpUri).toBeUndefined();
    expect(rule.help.text).toBe('rules.eqeq found');
    expect(rule.shortDescription).toEqual({ text: 'rules.eqeq found' });
    expect(rule.fullDescription).toEqual({ text: 'rules.eqeq found' });
  });
});

describe('enrichSarif: security-severity', () => {
  it('gosec: the severity tag wins over the level (MEDIUM is written as level error)', () => {
    const out = enrichSarif(gosecLog());
    expect(ruleOf(out, 'G101').properties['security-severity']).toBe('8.0');
    expect(ruleOf(out, 'G104').properties['security-severity']).toBe('2.0');
    expect(ruleOf(out, 'G304').properties['security-severity']).toBe('5.5');
  });

  it('keeps a security-severity the tool gave, replaces one that is not a number', () => {
    const log = single(
      'Semgrep OSS',
      [
        { id: 'a', properties: { 'security-severity': '9.1' } },
        { id: 'b', properties: { 'security-severity': 'high' }, defaultConfiguration: { level: 'note' } },
      ],
      [],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'a').properties['security-severity']).toBe('9.1');
    expect(ruleOf(out, 'b').properties['security-severity']).toBe('2.0');
  });

  it('Bandit: the worst result sets the rule; a lesser result keeps its own severity for the summary', () => {
    const log = single(
      'Bandit',
      [{ id: 'B608', properties: { tags: ['security', 'external/cwe/cwe-89'] } }],
      [
        res('B608', { level: 'note', properties: { issue_severity: 'LOW', issue_confidence: 'HIGH' } }),
        res('B608', { level: 'warning', properties: { issue_severity: 'MEDIUM', issue_confidence: 'LOW' } }),
      ],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'B608').properties['security-severity']).toBe('5.5');
    expect(resultsOf(out).map((r) => r.properties)).toEqual([
      { issue_severity: 'LOW', issue_confidence: 'HIGH', 'security-severity': '2.0' },
      { issue_severity: 'MEDIUM', issue_confidence: 'LOW' },
    ]);
    const findings = loadSarif(Buffer.from(JSON.stringify(out)), 'bandit.sarif').findings;
    expect(findings.map((f) => f.severity)).toEqual(['low', 'medium']);
  });

  it('levels: error → 8.0, warning → 5.5 (also the default), note → 2.0, none → 0.0', () => {
    const log = single(
      'ESLint',
      [
        { id: 'e' },
        { id: 'w' },
        { id: 'n' },
        { id: 'x' },
        { id: 'd' },
        { id: 'unused', defaultConfiguration: { level: 'error' } },
      ],
      [
        res('e', { level: 'error' }),
        res('w', { level: 'warning' }),
        res('n', { level: 'note' }),
        res('x', { level: 'none' }),
        res('d'),
      ],
    );
    const out = enrichSarif(log);
    expect(rulesOf(out).map((r) => [r.id, r.properties['security-severity']])).toEqual([
      ['e', '8.0'],
      ['w', '5.5'],
      ['n', '2.0'],
      ['x', '0.0'],
      ['d', '5.5'],
      ['unused', '8.0'],
    ]);
  });

  it('a CRITICAL word and a result security-severity are honoured', () => {
    const log = single(
      'tool',
      [{ id: 'c', properties: { severity: 'CRITICAL' } }, { id: 's' }],
      [res('s', { properties: { 'security-severity': '6.3' } }), res('s', { level: 'note' })],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'c').properties['security-severity']).toBe('9.5');
    expect(ruleOf(out, 's').properties['security-severity']).toBe('6.3');
    expect(resultsOf(out)[1]!.properties).toEqual({ 'security-severity': '2.0' });
  });
});

describe('enrichSarif: help and descriptions', () => {
  it('writes help from the CWE catalogue when the rule has none, with links, and the CWE page as helpUri', () => {
    const log = single(
      'Semgrep OSS',
      [
        {
          id: 'sqli',
          shortDescription: { text: 'User input in a SQL query' },
          properties: { tags: ['CWE-89: SQL injection'] },
        },
      ],
      [],
    );
    const rule = ruleOf(enrichSarif(log), 'sqli');
    expect(rule.help.text).toBe(
      [
        'User input in a SQL query',
        "CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection') — Pass user input as query parameters (prepared statements), never concatenate it into SQL.",
        [
          'References:',
          '- OWASP SQL Injection Prevention Cheat Sheet: https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
          '- OWASP Query Parameterization Cheat Sheet: https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
          "- CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection'): https://cwe.mitre.org/data/definitions/89.html",
          '- OWASP ASVS 4.0.3 5.3.4, 5.3.5: https://github.com/OWASP/ASVS/tree/master/4.0/en',
        ].join('\n'),
      ].join('\n\n'),
    );
    expect(rule.help.markdown).toContain(
      '[OWASP SQL Injection Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)',
    );
    expect(rule.help.markdown).toContain('**CWE-89: Improper Neutralization');
    expect(rule.helpUri).toBe('https://cwe.mitre.org/data/definitions/89.html');
    expect(rule.fullDescription).toEqual({ text: 'User input in a SQL query' });
  });

  it("keeps the tool's own help and helpUri; fills help.text from markdown-only help", () => {
    const log = single(
      'Semgrep OSS',
      [
        {
          id: 'own',
          help: { text: 'Own text', markdown: 'Own *md*' },
          helpUri: 'https://semgrep.dev/r/own',
          properties: { tags: ['CWE-79: XSS'] },
        },
        { id: 'md', help: { markdown: 'Only **markdown**' } },
      ],
      [],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'own').help).toEqual({ text: 'Own text', markdown: 'Own *md*' });
    expect(ruleOf(out, 'own').helpUri).toBe('https://semgrep.dev/r/own');
    expect(ruleOf(out, 'md').help).toEqual({ text: 'Only **markdown**', markdown: 'Only **markdown**' });
  });

  it('gives short and full descriptions a text when the tool wrote markdown only or none', () => {
    const log = single(
      't',
      [
        { id: 'md', shortDescription: { markdown: 'Short *md*' } },
        { id: 'full', fullDescription: { text: 'Full text' } },
      ],
      [],
    );
    const out = enrichSarif(log);
    expect(ruleOf(out, 'md').shortDescription).toEqual({ markdown: 'Short *md*', text: 'Short *md*' });
    expect(ruleOf(out, 'md').fullDescription).toEqual({ text: 'Short *md*' });
    expect(ruleOf(out, 'full').shortDescription).toEqual({ text: 'Full text' });
  });

  it('makes tool text inert in the markdown it writes', () => {
    const log = single(
      't',
      [{ id: 'r', shortDescription: { text: 'ping @org <img src=x> [a](javascript:x)' } }],
      [],
    );
    const md: string = ruleOf(enrichSarif(log), 'r').help.markdown;
    expect(md).not.toContain('<img');
    expect(md).not.toContain('@org');
    expect(md).not.toContain('[a](');
  });

  it('adds a rule descriptor for a result whose rule the driver does not declare', () => {
    const log = single(
      'gosec',
      [],
      [res('G104', { level: 'warning' }), res('G104'), { message: { text: 'no rule' } }],
    );
    const rules = rulesOf(enrichSarif(log));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      id: 'G104',
      shortDescription: { text: 'CWE-703: Improper Check or Handling of Exceptional Conditions' },
      fullDescription: { text: 'CWE-703: Improper Check or Handling of Exceptional Conditions' },
      helpUri: 'https://cwe.mitre.org/data/definitions/703.html',
      properties: { tags: ['security', 'external/cwe/cwe-703'], 'security-severity': '5.5' },
    });
    expect(rules[0]!.help.text).toContain('https://cwe.mitre.org/data/definitions/703.html');
  });

  it('finds rules by ruleIndex and by the parent of a hierarchical id', () => {
    const log = single(
      'tool',
      [{ id: 'A' }, { id: 'B' }],
      [
        { ruleIndex: 1, level: 'error', message: { text: 'x' } },
        { ruleId: 'A/sub', level: 'note', message: { text: 'y' } },
      ],
    );
    const out = enrichSarif(log);
    expect(rulesOf(out).map((r) => r.properties['security-severity'])).toEqual(['2.0', '8.0']);
    expect(rulesOf(out)).toHaveLength(2);
  });
});

describe('enrichSarif: purity', () => {
  it('does not change its input, and enriching twice is enriching once', () => {
    const log = gosecLog();
    log.runs[0]!.results = [
      ...(log.runs[0]!.results as Json[]),
      res('G304', { level: 'error', properties: { severity: 'LOW' } }),
      res('G999'),
    ];
    const before = JSON.stringify(log);
    const once = enrichSarif(log);
    expect(JSON.stringify(log)).toBe(before);
    expect(enrichSarif(once)).toEqual(once);
    expect(JSON.stringify(once)).not.toBe(before);
  });
});

describeRealWorld('enrichSarif on real engine output', () => {
  const gosec = () =>
    enrichSarif(
      tidyNativeSarif(realSarif('gosec-gowaves-large.sarif'), {
        root: '/home/runner/work/gowaves/gowaves',
        version: '2.24.7',
        engine: 'gosec',
      }),
    );

  it('gosec (gowaves): CWE tags from the taxonomy and the map, severities from the tags, counts unchanged', () => {
    const out = gosec();
    expect(countResults(out)).toBe(1358);
    expect(resultsOf(out)).toHaveLength(1358);
    expect(rulesOf(out).map((r) => [r.id, r.properties.tags, r.properties['security-severity']])).toEqual([
      ['G706', ['security', 'LOW', 'external/cwe/cwe-117'], '2.0'],
      ['G101', ['security', 'HIGH', 'external/cwe/cwe-798'], '8.0'],
      ['G103', ['security', 'LOW', 'external/cwe/cwe-242'], '2.0'],
      ['G118', ['security', 'HIGH', 'external/cwe/cwe-400'], '8.0'],
      ['G301', ['security', 'MEDIUM', 'external/cwe/cwe-276'], '5.5'],
      ['G304', ['security', 'MEDIUM', 'external/cwe/cwe-22'], '5.5'],
      ['G407', ['security', 'HIGH', 'external/cwe/cwe-1204'], '8.0'],
      ['G404', ['security', 'HIGH', 'external/cwe/cwe-338'], '8.0'],
      ['G115', ['security', 'HIGH', 'external/cwe/cwe-190'], '8.0'],
    ]);
    // gosec's own help is kept; the CWE page becomes the helpUri.
    expect(ruleOf(out, 'G115').help).toEqual({
      text: 'integer overflow conversion uint64 -> uint8\nSeverity: HIGH\nConfidence: MEDIUM\n',
    });
    expect(ruleOf(out, 'G115').helpUri).toBe('https://cwe.mitre.org/data/definitions/190.html');
    expect(enrichSarif(out)).toEqual(out);
  });

  it('gosec (gowaves) through the loader: findings carry the CWE and the severity', () => {
    const loaded = loadSarif(Buffer.from(JSON.stringify(gosec())), 'gosec.sarif');
    expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(loaded.findings).toHaveLength(1358);
    const g115 = loaded.findings.find((f) => f.rule.id === 'G115')!;
    expect(g115).toMatchObject({
      cwes: [190],
      severity: 'high',
      severitySource: 'security-severity',
      score: 8,
    });
    const g706 = loaded.findings.find((f) => f.rule.id === 'G706')!;
    expect(g706).toMatchObject({ cwes: [117], severity: 'low' });
    // HIGH: G101 (1), G118 (3), G407 (1), G404 (2), G115 (1340).
    expect(loaded.findings.filter((f) => f.severity === 'high')).toHaveLength(1347);
  });

  it('Semgrep: a registry rule keeps its CWE; the test rules get security and a severity; suppression stays', () => {
    // The real data-flow snapshot, with registry metadata tags put on its rule as Semgrep writes them.
    const raw = realSarif('semgrep-dataflow-traces.sarif');
    raw.runs[0].tool.driver.rules[0].properties.tags = [
      "CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
      'MEDIUM CONFIDENCE',
      'security',
    ];
    const out = enrichSarif(tidyNativeSarif(raw, { root: '/src', version: '1.99.0', engine: 'semgrep' }));
    const rule = ruleOf(out, 'rules.classic');
    expect(rule.properties.tags).toEqual([
      ...raw.runs[0].tool.driver.rules[0].properties.tags,
      'external/cwe/cwe-78',
    ]);
    expect(rule.properties['security-severity']).toBe('5.5');
    expect(rule.help).toEqual(raw.runs[0].tool.driver.rules[0].help);
    expect(rule.helpUri).toBe('https://cwe.mitre.org/data/definitions/78.html');
    expect(resultsOf(out)[0]!.codeFlows).toEqual(raw.runs[0].results[0].codeFlows);
    const finding = loadSarif(Buffer.from(JSON.stringify(out)), 'semgrep.sarif').findings[0]!;
    expect(finding).toMatchObject({ cwes: [78], severity: 'medium' });

    const nosemgrep = enrichSarif(
      tidyNativeSarif(realSarif('semgrep-nosemgrep-suppressions.sarif'), {
        root: '/src',
        version: '1',
        engine: 'semgrep',
      }),
    );
    expect(rulesOf(nosemgrep).map((r) => [r.properties.tags, r.properties['security-severity']])).toEqual(
      Array(4).fill([['security'], '8.0']),
    );
    expect(resultsOf(nosemgrep)[0]!.suppressions).toEqual([{ kind: 'inSource' }]);
    expect(countResults(nosemgrep)).toBe(0);
  });

  it('ESLint (ejs, express, shelljs): CWEs from our map, help from the catalogue, the plugin docs kept', () => {
    const counts: Record<string, number> = {
      'eslint-security-ejs.sarif': 91,
      'eslint-security-express.sarif': 65,
      'eslint-security-shelljs.sarif': 131,
    };
    for (const [name, count] of Object.entries(counts)) {
      const out = enrichSarif(realSarif(name) as SarifLog);
      expect(countResults(out)).toBe(count);
      for (const rule of rulesOf(out)) {
        expect(rule.properties['security-severity']).toBe('5.5');
        expect(rule.help.text).toContain(rule.shortDescription.text);
        expect(rule.help.markdown).toContain('[Rule documentation](https://github.com/eslint-community/');
        expect(rule.helpUri).toMatch(
          /^https:\/\/github\.com\/eslint-community\/eslint-plugin-security\/blob\/main\/docs\/rules\//,
        );
        expect(rule.fullDescription).toEqual(rule.shortDescription);
      }
    }
    const shelljs = enrichSarif(realSarif('eslint-security-shelljs.sarif') as SarifLog);
    expect(ruleOf(shelljs, 'security/detect-child-process').properties.tags).toEqual([
      'security',
      'external/cwe/cwe-78',
    ]);
    expect(ruleOf(shelljs, 'security/detect-non-literal-fs-filename').help.text).toContain(
      'https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html',
    );
    const findings = loadSarif(Buffer.from(JSON.stringify(shelljs)), 'eslint.sarif').findings;
    expect(findings.find((f) => f.rule.id === 'security/detect-new-buffer')).toMatchObject({
      cwes: [908],
      severity: 'medium',
      severitySource: 'security-severity',
    });
  });

  (HAS_SARIF_VALIDATOR ? it : it.skip)(
    "passes Microsoft's validator with GitHub's rules: no new problems, and no errors after tidy + enrich",
    () => {
      const problems = (log: object) => validateSarif(log).map((p) => `${p.level} ${p.ruleId} ${p.message}`);
      const errors = (log: object) => validateSarif(log).filter((p) => p.level === 'error');

      expect(errors(gosec())).toEqual([]);

      // ESLint's SARIF fails before enrichment: a pre-release $schema (GH1011, SARIF1011), and rules
      // without fullDescription and help (GH2012). Enrichment fixes the rules and adds nothing new;
      // tidy fixes the schema, so the whole chain leaves no error.
      const eslint = realSarif('eslint-security-ejs.sarif');
      const before = problems(eslint);
      expect(before.filter((p) => p.startsWith('error GH2012'))).toHaveLength(6);
      const after = problems(enrichSarif(eslint as SarifLog));
      for (const problem of after) expect(before).toContain(problem);
      expect(after.filter((p) => p.startsWith('error GH2012'))).toEqual([]);
      const chain = enrichSarif(
        tidyNativeSarif(eslint, {
          root: '/home/runner/work/ejs/ejs',
          version: '9.39.5',
          engine: 'eslint-security',
        }),
      );
      expect(errors(chain)).toEqual([]);

      for (const name of [
        'semgrep-dataflow-traces.sarif',
        'semgrep-nosemgrep-suppressions.sarif',
        'semgrep-errors-empty-results.sarif',
      ]) {
        const raw = realSarif(name);
        const semgrepBefore = problems(raw);
        const out = enrichSarif(tidyNativeSarif(raw, { root: '/src', version: '1.99.0', engine: 'semgrep' }));
        expect(errors(out)).toEqual([]);
        for (const problem of problems(out)) expect(semgrepBefore).toContain(problem);
      }
    },
    300_000,
  );
});
