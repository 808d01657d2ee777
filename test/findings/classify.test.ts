import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { classifyFindings } from '../../src/findings/classify.js';
import type { Finding } from '../../src/findings/finding.js';
import { parseUnifiedDiff, touchesChangedLines, unquoteGitPath } from '../../src/findings/diff-hunks.js';
import { loadSarif } from '../../src/sarif/load.js';
import { REPO_ROOT } from '../support/runner.js';

const RECORDED = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');

interface Sarif {
  runs: {
    results: { locations: { physicalLocation: { region: { startLine: number; endLine?: number } } }[] }[];
  }[];
}

describe('classification against a baseline', () => {
  it('finds one new, one fixed, and keeps a finding that moved 30 lines as existing', () => {
    const base = JSON.parse(readFileSync(RECORDED, 'utf8')) as Sarif;
    const head = JSON.parse(readFileSync(RECORDED, 'utf8')) as Sarif;
    const results = head.runs[0]!.results;
    // Moved: 30 lines further down, nothing else changed.
    const region = results[0]!.locations[0]!.physicalLocation.region;
    region.startLine += 30;
    if (region.endLine !== undefined) region.endLine += 30;
    // Fixed: the last result is gone. Added: a copy of another result in a new file.
    const removed = results.pop()!;
    const added = JSON.parse(JSON.stringify(results[1])) as (typeof results)[number] & {
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    };
    added.locations[0]!.physicalLocation.artifactLocation.uri =
      'file:///home/runner/work/node-service/node-service/src/new-handler.js';
    results.push(added);

    const enc = (o: unknown) => Buffer.from(JSON.stringify(o));
    const baseline = loadSarif(enc(base), 'base.sarif').findings;
    const current = loadSarif(enc(head), 'head.sarif').findings;
    const c = classifyFindings(current, { kind: 'baseline', baseline });
    expect(c.new.map((f) => f.location?.path)).toEqual(['src/new-handler.js']);
    expect(c.fixed).toHaveLength(1);
    expect(c.fixed[0]!.location?.startLine).toBe(removed.locations[0]!.physicalLocation.region.startLine);
    expect(c.existing).toHaveLength(3);
    expect(c.existing.map((f) => f.location?.startLine)).toContain(region.startLine);
  });

  it('keeps the order of each side, and treats baseline findings that share a fingerprint alike', () => {
    // Two SARIF files of the base can hold one fingerprint (the same tool run twice).
    const all = loadSarif(readFileSync(RECORDED), 'x.sarif').findings;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = all as [Finding, Finding, Finding];
    const copy = (f: Finding) => ({ ...f });
    const baseline = [copy(a), copy(b), copy(a), copy(b), copy(c)];
    // The head has a (so both copies of a stay), not b (both copies of b are fixed), c moved.
    const result = classifyFindings([c, a], { kind: 'baseline', baseline });
    expect(result.new).toEqual([]);
    expect(result.existing).toEqual([c, a]);
    expect(result.fixed).toEqual([baseline[1], baseline[3]]);
    const none = classifyFindings([b, a], { kind: 'baseline', baseline: [] });
    expect(none).toEqual({ new: [b, a], existing: [], fixed: [] });
  });

  it('treats everything as existing on a push', () => {
    const findings = loadSarif(readFileSync(RECORDED), 'x.sarif').findings;
    expect(classifyFindings(findings, { kind: 'push' })).toEqual({ new: [], existing: findings, fixed: [] });
  });
});

describe('classification by the diff of a real git repository', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd,
      encoding: 'utf8',
    });

  it('marks findings on added or changed lines as new, and the rest as existing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-diff-'));
    git(dir, 'init', '-q', '-b', 'main');
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    writeFileSync(path.join(dir, 'app.js'), `${lines.join('\n')}\n`);
    writeFileSync(path.join(dir, 'old name.js'), 'a\nb\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    git(dir, 'checkout', '-q', '-b', 'feature');
    lines.splice(9, 1, 'changed line 10');
    lines.splice(20, 0, 'inserted A', 'inserted B');
    lines.splice(35, 1);
    writeFileSync(path.join(dir, 'app.js'), `${lines.join('\n')}\n`);
    writeFileSync(path.join(dir, 'né w.js'), 'x\ny\n');
    git(dir, 'mv', 'old name.js', 'renamed.js');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'head');
    const diff = git(dir, 'diff', '--unified=0', 'main...feature');

    const changed = parseUnifiedDiff(diff);
    expect(changed.ranges.get('app.js')).toEqual([
      [10, 10],
      [21, 22],
    ]);
    expect(changed.addedFiles).toEqual(new Set(['né w.js']));
    expect(touchesChangedLines(changed, 'app.js', 9)).toBe(false);
    expect(touchesChangedLines(changed, 'app.js', 8, 12)).toBe(true);
    expect(touchesChangedLines(changed, 'app.js', 22)).toBe(true);
    expect(touchesChangedLines(changed, 'app.js', 23)).toBe(false);
    expect(touchesChangedLines(changed, 'né w.js', 2)).toBe(true);
    expect(touchesChangedLines(changed, 'renamed.js', 1)).toBe(false);
  });

  it('unquotes the paths git quotes', () => {
    expect(unquoteGitPath('"n\\303\\251 w.js"')).toBe('né w.js');
    expect(unquoteGitPath('"tab\\there"')).toBe('tab\there');
    expect(unquoteGitPath('plain.js')).toBe('plain.js');
  });
});
