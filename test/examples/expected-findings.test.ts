// The example services' ground truth (examples/expected-findings.json) stays true to the code, and
// the recorded scanner output of the Node service finds exactly what it promises for ESLint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadSarif } from '../../src/sarif/load.js';
import { REPO_ROOT } from '../support/runner.js';

interface ExpectedFinding {
  file: string;
  line: number;
  cwe: number;
  snippet: string;
  rules: Record<string, string>;
}
interface Expected {
  services: Record<string, { findings: ExpectedFinding[] }>;
}

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const expected = JSON.parse(readFileSync(path.join(EXAMPLES, 'expected-findings.json'), 'utf8')) as Expected;
const rows = Object.entries(expected.services).flatMap(([service, s]) =>
  s.findings.map((f) => [`${service}/${f.file}:${f.line} (CWE-${f.cwe})`, service, f] as const),
);

describe('examples/expected-findings.json', () => {
  it('lists findings for the three services', () => {
    expect(Object.keys(expected.services).sort()).toEqual(['go-service', 'node-service', 'python-service']);
    for (const s of Object.values(expected.services)) expect(s.findings.length).toBeGreaterThanOrEqual(6);
  });

  it.each(rows)('%s is on the line it names', (_name, service, finding) => {
    const lines = readFileSync(path.join(EXAMPLES, service, finding.file), 'utf8').split('\n');
    expect(lines[finding.line - 1]).toContain(finding.snippet);
  });
});

describe('recorded ESLint output of node-service', () => {
  it('reports exactly the expected eslint-plugin-security findings', () => {
    const file = path.join(EXAMPLES, 'node-service', 'recorded', 'eslint-security.sarif');
    const loaded = loadSarif(readFileSync(file), 'eslint-security.sarif');
    const found = loaded.findings.map((f) => `${f.rule.id} ${f.location?.path}:${f.location?.startLine}`).sort();
    const promised = (expected.services['node-service']?.findings ?? [])
      .filter((f) => f.rules.eslint)
      .map((f) => `${f.rules.eslint} ${f.file}:${f.line}`)
      .sort();
    expect(promised.length).toBeGreaterThan(0);
    expect(found).toEqual(promised);
  });
});
// `npm run demo` is tested in test/cli/cli.e2e.test.ts (offline, under unshare -n).

