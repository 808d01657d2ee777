// The fast reader of npm's own package-lock layout (JSON.parse + a scan for key lines) must give
// exactly what the general reader gives (jsonc-parser's visitor, which reports every key's line),
// on every real package-lock.json in the shared fixtures and on the examples; and step aside for
// anything else.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readJson } from '../../../src/inventory/npm/json-text.js';
import { readNpmLayout } from '../../../src/inventory/npm/package-lock.js';
import { HAS_REAL_WORLD, REAL_WORLD } from '../../support/real-world.js';
import { REPO_ROOT } from '../../support/runner.js';

function lockfiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...lockfiles(file));
    else if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') out.push(file);
  }
  return out;
}

/** The general reader's value and `packages` key lines. */
function slow(body: string): { value: unknown; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  const read = readJson(body, {
    jsonc: false,
    onProperty: (p, key, line) => {
      if (p.length === 2 && p[1] === 'packages' && !lines.has(key)) lines.set(key, line);
    },
  });
  if (!read.ok) throw new Error(read.error.message);
  return { value: read.value, lines };
}

/** Plain data, whatever the prototypes (the general reader makes null-prototype objects). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('readNpmLayout', () => {
  const files = [
    ...(HAS_REAL_WORLD ? lockfiles(path.join(REAL_WORLD, 'lockfiles')) : []),
    path.join(REPO_ROOT, 'examples', 'node-service', 'package-lock.json'),
    path.join(REPO_ROOT, 'package-lock.json'),
  ];

  it('agrees with the general reader on every real package-lock (v2, v3), and steps aside for v1', () => {
    let fastOnes = 0;
    for (const file of files) {
      const body = readFileSync(file, 'utf8');
      const fast = readNpmLayout(body);
      const version = (JSON.parse(body) as { lockfileVersion?: number }).lockfileVersion;
      if (version === 1) {
        expect({ file, fast }).toEqual({ file, fast: undefined });
        continue;
      }
      // `"packages": {}` on one line is left to the general reader, which is quick on it.
      if (fast === undefined) {
        expect({ file, empty: body.includes('"packages": {}') }).toEqual({ file, empty: true });
        continue;
      }
      const reference = slow(body);
      expect(fast.packageLines).toEqual(reference.lines);
      expect(plain(fast.root)).toEqual(plain(reference.value));
      fastOnes++;
    }
    expect(fastOnes).toBeGreaterThanOrEqual(5);
  });

  it('keeps __proto__ an own key, decodes escaped keys, and steps aside for other layouts and bad JSON', () => {
    const body = [
      '{',
      '  "lockfileVersion": 3,',
      '  "packages": {',
      '    "": {',
      '      "name": "x"',
      '    },',
      '    "node_modules/__proto__": {',
      '      "version": "1.0.0"',
      '    },',
      '    "node_modules/a\\"b": {',
      '      "version": "2.0.0"',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const fast = readNpmLayout(body);
    expect(fast?.packageLines).toEqual(
      new Map([
        ['', 4],
        ['node_modules/__proto__', 7],
        ['node_modules/a"b', 10],
      ]),
    );
    const packages = (fast?.root as { packages: object }).packages;
    expect(Object.hasOwn(packages, 'node_modules/__proto__')).toBe(true);
    expect(Object.getPrototypeOf(packages)).toBe(Object.prototype);
    // Minified, four-space indents, a syntax error: the general reader's job.
    expect(readNpmLayout(JSON.stringify(JSON.parse(body)))).toBeUndefined();
    expect(readNpmLayout(JSON.stringify(JSON.parse(body), null, 4))).toBeUndefined();
    expect(readNpmLayout(body.replace('"x"', '"x",'))).toBeUndefined();
  });
});
