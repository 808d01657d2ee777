// GitHub code scanning's hard limits (src/sarif/code-scanning-limits.ts): what is cut, what is
// kept, what is only reported; the input is never changed; every real-world SARIF log already
// fits and comes back as it was; a cut log passes Microsoft's validator with GitHub's rules.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  CODE_SCANNING_LIMITS,
  describeLimit,
  fitForCodeScanning,
} from '../../src/sarif/code-scanning-limits.js';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';
import { type Json, log, result, run } from './sarif-builders.js';

const itValidator = HAS_SARIF_VALIDATOR ? it : it.skip;

type Log = { runs: Json[] } & Json;

/** A deep copy, to show the input is not changed. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function rule(id: string, severity?: string, tags: string[] = ['security']): Json {
  return {
    id,
    shortDescription: { text: `${id} rule` },
    properties: { tags, ...(severity !== undefined ? { 'security-severity': severity } : {}) },
  };
}

/** A run with rules HIGH (8.0), LOW (2.0) and PLAIN (no score), and the given results. */
function scoredRun(results: unknown[]): Json {
  return {
    tool: { driver: { name: 'engine', rules: [rule('HIGH', '8.0'), rule('LOW', '2.0'), rule('PLAIN')] } },
    results,
  };
}

const firstRun = (l: { runs: unknown[] }) => l.runs[0] as Json & { results: Json[] };

describe('fitForCodeScanning', () => {
  it('leaves a log within the limits as it is: same runs, nothing cut or over', () => {
    const input = log(scoredRun([result('HIGH', 'a.go', 1), result('LOW', 'b.go', 2)])) as Log;
    const fitted = fitForCodeScanning(input);
    expect(fitted.cut).toEqual([]);
    expect(fitted.over).toEqual([]);
    expect(fitted.log.runs[0]).toBe(input.runs[0]);
  });

  it('keeps the 25,000 most severe results of a run, in their order, and says how many went', () => {
    const n = CODE_SCANNING_LIMITS.resultsPerRun;
    const results: Json[] = [];
    for (let i = 0; i < n - 2; i++) results.push(result(i % 2 === 0 ? 'HIGH' : 'LOW', `f${i}.go`, 1));
    // The least severe come out: a suppressed one, a pass, a note; the error-level result without
    // a score ranks as 7.0, above LOW's 2.0 and so stays, and so does every HIGH.
    results.splice(10, 0, result('PLAIN', 'suppressed.go', 1, { suppressions: [{ kind: 'inSource' }] }));
    results.splice(20, 0, result('PLAIN', 'pass.go', 1, { kind: 'pass' }));
    results.push(result('PLAIN', 'note.go', 1, { level: 'note' }));
    results.push(result('PLAIN', 'error.go', 1, { level: 'error' }));
    results.push(result('LOW', 'own-score.go', 1, { properties: { 'security-severity': '9.1' } }));
    const input = log(scoredRun(results)) as Log;
    const before = copy(input);
    const fitted = fitForCodeScanning(input);
    expect(input).toEqual(before);
    const kept = firstRun(fitted.log).results;
    expect(kept).toHaveLength(n);
    const paths = (list: Json[]) =>
      list.map(
        (r) =>
          ((r.locations as Json[])[0] as { physicalLocation: { artifactLocation: { uri: string } } })
            .physicalLocation.artifactLocation.uri,
      );
    const keptPaths = new Set(paths(kept));
    for (const gone of ['suppressed.go', 'pass.go', 'note.go']) expect(keptPaths.has(gone)).toBe(false);
    for (const stays of ['error.go', 'own-score.go', 'f0.go']) expect(keptPaths.has(stays)).toBe(true);
    // In the input's order.
    const order = paths(results).filter((p) => keptPaths.has(p));
    expect(paths(kept)).toEqual(order);
    expect(fitted.cut).toEqual([
      { limit: 'resultsPerRun', run: 0, tool: 'engine', max: n, found: n + 3, affected: 3 },
    ]);
    expect(describeLimit(fitted.cut[0]!, 'sast.sarif', true, 'Scan less.')).toBe(
      'Code scanning accepts at most 25,000 results in a run; sast.sarif, run 1 (engine) had 25,003: the 25,000 most severe were kept and the 3 least severe left out of the file, so code scanning closes their alerts and the summary does not count them until the run is back under the limit. Scan less.',
    );
  });

  it("finds a result's rule by ruleIndex before ruleId, and by a rule reference", () => {
    const n = CODE_SCANNING_LIMITS.resultsPerRun;
    const results: Json[] = Array.from({ length: n - 2 }, (_, i) => result('LOW', `f${i}.go`, 1));
    // Last in the run, so each is left out if its rule is not found: it would rank as LOW (its
    // ruleId) or as a note (its level). Each is HIGH by its index (SARIF §3.27.6), by its
    // reference's index, and by its reference's id (§3.27.7).
    results.push(result('LOW', 'indexed.go', 1, { ruleIndex: 0 }));
    results.push({
      ...result('x', 'referenced.go', 1, { level: 'note' }),
      ruleId: undefined,
      rule: { index: 0 },
    });
    results.push({
      ...result('x', 'by-id.go', 1, { level: 'note' }),
      ruleId: undefined,
      rule: { id: 'HIGH' },
    });
    // A rule of an extension is not the driver's rule 1 (LOW): this one ranks by its level (7.0).
    results.push({
      ...result('x', 'extension.go', 1, { level: 'error' }),
      ruleId: undefined,
      rule: { index: 1, toolComponent: { index: 0 } },
    });
    const fitted = fitForCodeScanning(log(scoredRun(results)) as Log);
    const text = JSON.stringify(firstRun(fitted.log).results);
    for (const kept of ['indexed.go', 'referenced.go', 'by-id.go', 'extension.go'])
      expect(text).toContain(kept);
    expect(fitted.cut[0]?.affected).toBe(2);
    // The two left out are LOW (2.0) results: the last two of the plain ones.
    expect(text).not.toContain(`"f${n - 3}.go"`);
    expect(text).not.toContain(`"f${n - 4}.go"`);
  });

  it('keeps 20 tags on a rule, security and the CWE tags first, in their order', () => {
    const tags = [
      ...Array.from({ length: 22 }, (_, i) => `topic-${i}`),
      'external/cwe/cwe-89',
      'security',
      'external/cwe/cwe-79',
    ];
    const input = log({
      tool: {
        driver: { name: 'engine', rules: [rule('MANY', '5.0', tags), rule('FEW', '5.0')] },
        extensions: [{ name: 'pack', rules: [rule('EXT', '5.0', tags)] }],
      },
      results: [result('MANY', 'a.go', 1)],
    }) as Log;
    const fitted = fitForCodeScanning(input);
    const tool = firstRun(fitted.log).tool as {
      driver: { rules: { properties: { tags: string[] } }[] };
      extensions: { rules: { properties: { tags: string[] } }[] }[];
    };
    const kept = tool.driver.rules[0]!.properties.tags;
    expect(kept).toHaveLength(20);
    expect(kept.slice(0, 17)).toEqual(tags.slice(0, 17));
    expect(kept.slice(17)).toEqual(['external/cwe/cwe-89', 'security', 'external/cwe/cwe-79']);
    expect(tool.extensions[0]!.rules[0]!.properties.tags).toEqual(kept);
    expect(tool.driver.rules[1]).toBe(
      (input.runs[0]!.tool as { driver: { rules: unknown[] } }).driver.rules[1],
    );
    expect(fitted.cut).toEqual([
      { limit: 'tagsPerRule', run: 0, tool: 'engine', max: 20, found: 25, affected: 2 },
    ]);
    expect(describeLimit(fitted.cut[0]!, 'x.sarif', true, '')).toBe(
      'Code scanning accepts at most 20 tags on a rule; in x.sarif, run 1 (engine), 2 rule(s) had more (up to 25) and keep 20: `security` and the CWE tags first, then the others in their order.',
    );
  });

  it('keeps the first 1,000 locations and the first 10,000 thread flow locations of a result', () => {
    const location = (i: number) => ({
      physicalLocation: { artifactLocation: { uri: `f${i}.go` }, region: { startLine: 1 } },
    });
    const threadFlow = (count: number, from: number) => ({
      locations: Array.from({ length: count }, (_, i) => ({ location: location(from + i) })),
    });
    const many = result('HIGH', 'a.go', 1, {
      locations: Array.from({ length: 1200 }, (_, i) => location(i)),
      codeFlows: [
        { threadFlows: [threadFlow(6000, 0), threadFlow(6000, 6000)] },
        { threadFlows: [threadFlow(10, 12000)] },
      ],
    });
    const fine = result('LOW', 'b.go', 2);
    const fitted = fitForCodeScanning(log(scoredRun([many, fine])) as Log);
    const [first, second] = firstRun(fitted.log).results as [Json, Json];
    expect(first.locations as unknown[]).toHaveLength(1000);
    expect((first.locations as unknown[])[999]).toEqual(location(999));
    const flows = first.codeFlows as { threadFlows: { locations: unknown[] }[] }[];
    // 6,000 + 4,000; the second code flow had no room left and, empty, is left out.
    expect(flows.map((f) => f.threadFlows.map((t) => t.locations.length))).toEqual([[6000, 4000]]);
    expect(second).toBe(fine);
    expect(fitted.cut).toEqual([
      { limit: 'locationsPerResult', run: 0, tool: 'engine', max: 1000, found: 1200, affected: 1 },
      {
        limit: 'threadFlowLocationsPerResult',
        run: 0,
        tool: 'engine',
        max: 10000,
        found: 12010,
        affected: 1,
      },
    ]);
  });

  it('only reports runs, rules and extensions past the limits: cutting them would drop tools or orphan results', () => {
    const runs = Array.from({ length: 21 }, (_, i) => run([], {}, `tool-${i}`));
    const fitted = fitForCodeScanning(log(...runs) as Log);
    expect(fitted.log.runs).toHaveLength(21);
    expect(fitted.over).toEqual([{ limit: 'runsPerFile', max: 20, found: 21, affected: 1 }]);
    expect(describeLimit(fitted.over[0]!, 'x.sarif', false, 'Scan less.')).toBe(
      'Code scanning accepts at most 20 runs in one file; x.sarif has 21: code scanning will reject this file. Scan less.',
    );

    const big = log({
      tool: {
        driver: { name: 'engine', rules: Array.from({ length: 25_001 }, (_, i) => ({ id: `R${i}` })) },
        extensions: Array.from({ length: 101 }, (_, i) => ({ name: `pack-${i}` })),
      },
      results: [],
    }) as Log;
    const over = fitForCodeScanning(big);
    expect(over.log.runs[0]).toBe(big.runs[0]);
    expect(over.over.map((o) => [o.limit, o.found])).toEqual([
      ['rulesPerRun', 25_001],
      ['extensionsPerRun', 101],
    ]);
  });

  itValidator("a cut log passes Microsoft's validator with GitHub's rules", () => {
    const location = (i: number) => ({
      physicalLocation: { artifactLocation: { uri: `src/f${i}.go` }, region: { startLine: 1 } },
    });
    const tags = ['security', ...Array.from({ length: 25 }, (_, i) => `topic-${i}`)];
    const input = log({
      tool: {
        driver: {
          name: 'engine',
          informationUri: 'https://example.com/engine',
          rules: [
            {
              ...rule('HIGH', '8.0', tags),
              fullDescription: { text: 'A rule.' },
              help: { text: 'How to fix it.' },
              helpUri: 'https://example.com/high',
            },
          ],
        },
      },
      results: [
        {
          ...result('HIGH', 'src/a.go', 1),
          ruleIndex: 0,
          partialFingerprints: { primaryLocationLineHash: 'abc:1' },
          locations: Array.from({ length: 1100 }, (_, i) => location(i)),
        },
      ],
    });
    const fitted = fitForCodeScanning(input as Log);
    expect(fitted.cut.map((c) => c.limit)).toEqual(['tagsPerRule', 'locationsPerResult']);
    expect(validateSarif(fitted.log).filter((p) => p.level === 'error')).toEqual([]);
  });
});

describeRealWorld('real-world SARIF', () => {
  const dir = path.join(REAL_WORLD, 'sarif');
  // Every fixture that is a JSON object with a runs array (the others are there to be refused).
  const logs = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.sarif') || f.endsWith('.sarif.json'))
    .sort()
    .flatMap((file): [string, Log][] => {
      try {
        const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '')) as unknown;
        return typeof doc === 'object' && doc !== null && Array.isArray((doc as Log).runs)
          ? [[file, doc as Log]]
          : [];
      } catch {
        return [];
      }
    });

  it('has the fixtures', () => {
    expect(logs.length).toBeGreaterThanOrEqual(40);
  });

  // Real tools stay within the limits: the fit must hand their logs back untouched.
  it.each(logs)('%s fits as it is', (_file, doc) => {
    const fitted = fitForCodeScanning(doc);
    expect(fitted.cut).toEqual([]);
    expect(fitted.over).toEqual([]);
    doc.runs.forEach((r, i) => {
      expect(fitted.log.runs[i]).toBe(r);
    });
  });
});
