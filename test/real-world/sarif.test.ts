// Every SARIF file in ../shared/fixtures/real-world loads as its MANIFEST says: a test per file,
// over the whole folder, so a new fixture is covered the day it is added.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { SEVERITIES } from '../../src/findings/finding.js';
import { cweForRule } from '../../src/knowledge/rule-cwe.js';
import { formatDiagnostic } from '../../src/sarif/diagnostics.js';
import { loadSarif } from '../../src/sarif/load.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';

const REAL = REAL_WORLD;
const sarifFiles = (dir: string) =>
  (HAS_REAL_WORLD ? readdirSync(path.join(REAL, dir)) : []).filter((f) => f.endsWith('.sarif')).sort();

type Json = Record<string, unknown>;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An oracle independent of the loader: does this result's rule (or the result) carry a CWE? */
function carriesCwe(run: Json, result: Json): boolean {
  const tool = isObj(run.tool) ? run.tool : {};
  const components = [tool.driver, ...asArray(tool.extensions)].filter(isObj);
  const rules = components.flatMap((c) => asArray(c.rules)).filter(isObj);
  const driverRules = isObj(tool.driver) ? asArray(tool.driver.rules).filter(isObj) : [];
  const byId = rules.find((r) => r.id === result.ruleId);
  const rule = byId ?? (typeof result.ruleIndex === 'number' ? driverRules[result.ruleIndex] : undefined);
  const structural = [
    isObj(rule?.properties) ? rule.properties.tags : undefined,
    isObj(rule?.properties) ? rule.properties.cwe : undefined,
    rule?.relationships,
    isObj(result.properties) ? result.properties.tags : undefined,
    result.taxa,
  ];
  return /cwe/i.test(JSON.stringify(structural));
}

const MANIFEST_LENIENT: Record<string, RegExp> = {
  'checkov-openapi-no-tool.sarif': /runs\[0\]\.tool: the run has no "tool"/,
  'snyk-ai-bom-invalid.sarif': /level "" is not one of error, warning, note, none/,
  'codeql-action-tool-names.sarif': /tool\.driver\.name: the tool has no name/,
  'snyk-code-suppressions-codeflows.sarif': /"suppressions" is null, not an array/,
};

describeRealWorld('real-world SARIF: every file loads with the right count', () => {
  it.each(sarifFiles('sarif'))('%s', (name) => {
    const bytes = readFileSync(path.join(REAL, 'sarif', name));
    const raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as Json;
    const runs = asArray(raw.runs).filter(isObj);
    const expected = runs.reduce((n, run) => n + asArray(run.results).length, 0);

    const loaded = loadSarif(bytes, name);
    expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(loaded.loaded).toBe(true);
    expect(loaded.findings).toHaveLength(expected);
    expect(loaded.runs.map((r) => r.resultCount)).toEqual(runs.map((run) => asArray(run.results).length));

    let i = 0;
    runs.forEach((run, runIndex) => {
      asArray(run.results).forEach((result, resultIndex) => {
        const finding = loaded.findings[i++];
        if (!finding) throw new Error('missing finding');
        expect(finding.origin).toEqual({ file: name, run: runIndex, result: resultIndex });
        expect(SEVERITIES).toContain(finding.severity);
        expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}(:[1-9]\d*)?$/);
        expect(typeof finding.message).toBe('string');
        expect(finding.message.length).toBeGreaterThan(0);
        if (isObj(result) && carriesCwe(run, result)) {
          expect({ at: `runs[${runIndex}].results[${resultIndex}]`, cwes: finding.cwes.length > 0 }).toEqual({
            at: `runs[${runIndex}].results[${resultIndex}]`,
            cwes: true,
          });
        }
        for (const cwe of finding.cwes) expect(Number.isInteger(cwe) && cwe > 0).toBe(true);
      });
    });
    // Fingerprints are unique within a file, so new/existing/fixed can rely on them.
    expect(new Set(loaded.findings.map((f) => f.fingerprint)).size).toBe(loaded.findings.length);
    for (const d of loaded.diagnostics) expect(formatDiagnostic(d).startsWith(name)).toBe(true);
    const lenient = MANIFEST_LENIENT[name];
    if (lenient) expect(loaded.diagnostics.map(formatDiagnostic).join('\n')).toMatch(lenient);
  });

  it('reads CWE ids the way each tool writes them', () => {
    const cwesOf = (name: string) => {
      const loaded = loadSarif(readFileSync(path.join(REAL, 'sarif', name)), name);
      return [...new Set(loaded.findings.flatMap((f) => f.cwes))].sort((a, b) => a - b);
    };
    expect(cwesOf('gosec-gowaves-large.sarif')).toEqual([22, 190, 242, 276, 338, 400, 798, 1204]); // taxonomy relationships
    expect(cwesOf('snyk-code-suppressions-codeflows.sarif')).toEqual(expect.arrayContaining([798, 943])); // properties.cwe
    expect(cwesOf('flawfinder-bcrypt.sarif')).toEqual(expect.arrayContaining([119, 120, 126])); // tags
    expect(cwesOf('cwe-taxonomy-ghas-sample.sarif')).toEqual(expect.arrayContaining([22, 79, 89, 798])); // external/cwe tags
    expect(cwesOf('fortify-test.sarif')).toEqual([22, 73]); // relationships by toolComponent name
    // eslint-plugin-security writes no CWE; the knowledge base's rule map supplies it.
    const eslint = loadSarif(
      readFileSync(path.join(REAL, 'sarif', 'eslint-security-express.sarif')),
      'e.sarif',
      {
        knownCwes: cweForRule,
      },
    ).findings;
    expect(eslint.every((f) => f.cwes.length > 0)).toBe(true);
    expect(cwesOf('eslint-security-express.sarif')).toEqual([]);
  });

  it('resolves locations to repository paths', () => {
    const first = (name: string, root?: string) =>
      loadSarif(readFileSync(path.join(REAL, 'sarif', name)), name, root ? { root } : {}).findings[0]
        ?.location;
    expect(first('eslint-security-express.sarif')).toMatchObject({
      path: 'lib/application.js',
      startLine: 98,
    });
    expect(first('snyk-iac-original-uri-base-ids.sarif')).toMatchObject({ path: 'plan.json' });
    expect(first('codeql-2.11-mrva-hadoop-codeflows.sarif')?.path).toMatch(/^hadoop-hdfs-project\//);
    expect(first('trivy-0.15-image-vuln-image.sarif')).toEqual({
      path: 'knqyf263/vuln-image (alpine 3.7.1)',
      linkable: false,
    });
    expect(first('codeql-action-with-invalid-uri.sarif')).toMatchObject({
      path: 'not a valid URI',
      linkable: false,
    });
    // The second result is under the given root: repository-relative, not absolute.
    const clang = loadSarif(readFileSync(path.join(REAL, 'sarif', 'clang-tidy.sarif')), 'c.sarif', {
      root: '/home/lsp/projects/staticlib',
    }).findings.map((f) => f.location?.path);
    expect(clang).toContain('src/Hello.cpp');
    expect(clang.filter((p) => p?.startsWith('/home/'))).toEqual([]);
  });

  it('keeps the suppressions and baseline states the tools set', () => {
    const load = (name: string) => loadSarif(readFileSync(path.join(REAL, 'sarif', name)), name).findings;
    const anchore = load('anchore-scan-action-container-large.sarif');
    expect(
      anchore.every((f) => f.baselineState === 'unchanged' && f.suppressions[0]?.kind === 'external'),
    ).toBe(true);
    expect(load('semgrep-nosemgrep-suppressions.sarif')[0]?.suppressions).toEqual([{ kind: 'inSource' }]);
    const states = new Set(load('sarif-multitool-baseline.sarif').map((f) => f.baselineState));
    expect([...states]).toEqual(['new']);
  });
});

describeRealWorld('real-world SARIF that must be refused', () => {
  it.each(sarifFiles('sarif-invalid'))('%s is refused with the file and JSON path', (name) => {
    const loaded = loadSarif(readFileSync(path.join(REAL, 'sarif-invalid', name)), name);
    expect(loaded.loaded).toBe(false);
    expect(loaded.findings).toEqual([]);
    const [error] = loaded.diagnostics;
    expect(error?.level).toBe('error');
    expect(error?.jsonPath).toBe('runs[0].results');
    expect(formatDiagnostic(error as never)).toMatch(
      new RegExp(`^${name}:\\d+:\\d+ at runs\\[0\\]\\.results: `),
    );
  });

  it.each(sarifFiles('sarif-other-versions'))('%s is refused as another SARIF version', (name) => {
    const bytes = readFileSync(path.join(REAL, 'sarif-other-versions', name));
    const version = (JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as Json).version as string;
    const loaded = loadSarif(bytes, name);
    expect(loaded.loaded).toBe(false);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        level: 'error',
        file: name,
        jsonPath: 'version',
        message: `unsupported SARIF version "${version}": Paved Path reads SARIF 2.1.0`,
      }),
    ]);
  });
});
