// Every SBOM Paved Path writes validates against the official CycloneDX 1.6 and SPDX 2.3 JSON
// schemas (./schemas.ts says how they are compiled), and its CycloneDX text is byte for byte what
// @cyclonedx/cyclonedx-library writes for the same model (./cyclonedx-library.ts), in both modes
// (development dependencies in and out): for each example service (its lockfiles, read with
// `parserFor`, as the action reads them) and for each real-world lockfile under
// ../shared/fixtures/real-world/lockfiles. The SPDX documents also pass the checks of what SPDX
// 2.3 says in prose (`spdxProblems`). About 90 s: the CycloneDX schema's `uniqueItems` on
// components makes ajv compare them pairwise (8 s for the 1,508 components of the firebase-tools
// shrinkwrap).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import type { ParsedManifest } from '../../src/inventory/component.js';
import { parserFor } from '../../src/inventory/parsers.js';
import { cycloneDxDocument, cycloneDxJson } from '../../src/sbom/cyclonedx.js';
import { buildSbomModel, sbomRootFor } from '../../src/sbom/model.js';
import { spdxDocument, spdxJson } from '../../src/sbom/spdx.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';
import { REPO_ROOT } from '../support/runner.js';
import { TIMESTAMP, TOOL } from './builders.js';
import { expectSameText, libraryCycloneDxJson } from './cyclonedx-library.js';
import { cycloneDxSchemaErrors, spdxProblems, spdxSchemaErrors } from './schemas.js';

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
}

/** The manifests under `dir`, parsed, with paths relative to `base`. */
function parseAll(base: string, dir: string): ParsedManifest[] {
  return files(dir).flatMap((full) => {
    const rel = path.relative(base, full).split(path.sep).join('/');
    const parser = parserFor(rel);
    return parser ? [parser(readFileSync(full, 'utf8'), rel)] : [];
  });
}

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES)
  .filter((d) => statSync(path.join(EXAMPLES, d)).isDirectory())
  .sort();
const LOCKFILES = path.join(REAL_WORLD, 'lockfiles');
const realWorld = HAS_REAL_WORLD ? parseAll(LOCKFILES, LOCKFILES) : [];

function expectValid(manifests: ParsedManifest[], repository: string) {
  for (const includeDev of [true, false]) {
    const model = buildSbomModel({
      manifests,
      root: sbomRootFor(manifests, repository, '0123456789abcdef0123456789abcdef01234567'),
      includeDev,
      timestamp: TIMESTAMP,
      tool: TOOL,
    });
    const cdx = cycloneDxDocument(model);
    const spdx = spdxDocument(model);
    // The schemas are checked on the full SBOM (with development dependencies): the one without
    // is the same code on fewer components, and ajv's uniqueItems check of CycloneDX's component
    // list is quadratic (seconds per large lockfile).
    if (includeDev) {
      expect(cycloneDxSchemaErrors(cdx)).toEqual([]);
      expect(spdxSchemaErrors(spdx)).toEqual([]);
    }
    expect(spdxProblems(spdx)).toEqual([]);
    // The text is the same document, and the same bytes as the CycloneDX library writes.
    const cdxText = cycloneDxJson(model);
    expect(JSON.parse(cdxText)).toEqual(cdx);
    expectSameText(cdxText, libraryCycloneDxJson(model));
    expect(JSON.parse(spdxJson(model))).toEqual(spdx);
    const components = manifests.flatMap((m) => m.components).filter((c) => includeDev || c.scope === 'prod');
    // One component per purl; the project itself (uv.lock lists it) is the root, not a component.
    const purls = new Set(components.map((c) => c.purl).filter((p) => p !== model.root.purl));
    expect(cdx.components).toHaveLength(purls.size);
    expect(spdx.packages).toHaveLength(model.components.length + 1);
  }
}

describeRealWorld('SBOMs validate against the official schemas', () => {
  it.each(examples)('examples/%s', (example) => {
    const manifests = parseAll(REPO_ROOT, path.join(EXAMPLES, example));
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.flatMap((m) => m.components).length).toBeGreaterThan(0);
    expectValid(manifests, `pavedpath/${example}`);
  });

  it('found the real-world lockfiles', () => {
    // 47 manifests that parserFor reads under lockfiles/ when this was written (MANIFEST.md
    // there lists them); a parser for a new format only adds to it.
    expect(realWorld.length).toBeGreaterThanOrEqual(47);
  });

  it.each(realWorld.map((m) => [m.file, m] as const))('%s', (_file, manifest) => {
    expect(manifest.problems.filter((p) => p.level === 'error')).toEqual([]);
    expectValid([manifest], 'pavedpath/real-world');
  });

  // One SBOM over many manifests: every ecosystem, and the same packages in two lockfiles (the
  // npm pair's base and head), merged. Not all 47 at once: the CycloneDX schema's `uniqueItems`
  // on components makes ajv compare every pair (15,000 components: minutes).
  it('many manifests in one SBOM: every ecosystem, shared packages merged', () => {
    const chosen = realWorld.filter(
      (m) => m.components.length < 200 || m.file.startsWith('pairs/npm-actions-checkout/'),
    );
    expect(new Set(chosen.map((m) => m.ecosystem)).size).toBe(8);
    expectValid(chosen, 'pavedpath/real-world');
  });
});
