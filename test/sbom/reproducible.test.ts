// Reproducible mode: the same inventory gives byte-identical CycloneDX and SPDX documents, run
// after run and whatever order the manifests, components, edges and hashes come in; the serial
// number and the SPDX namespace come from the content. Order is by code unit, never by locale.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ParsedManifest } from '../../src/inventory/component.js';
import { parserFor } from '../../src/inventory/parsers.js';
import { cycloneDxJson } from '../../src/sbom/cyclonedx.js';
import { buildSbomModel, reproducibleTimestamp, type SbomInput } from '../../src/sbom/model.js';
import { spdxJson } from '../../src/sbom/spdx.js';
import { REPO_ROOT } from '../support/runner.js';
import { component, input, manifest, TOOL } from './builders.js';

function parse(rel: string): ParsedManifest {
  return parserFor(rel)!(readFileSync(path.join(REPO_ROOT, rel), 'utf8'), rel);
}

/** A deterministic shuffle (reverse, then rotate), deep: manifests, components, edges, hashes. */
function shuffled(manifests: readonly ParsedManifest[]): ParsedManifest[] {
  const mix = <T>(list: readonly T[]): T[] => {
    const r = [...list].reverse();
    return r.length > 2 ? [...r.slice(1), r[0] as T] : r;
  };
  return mix(manifests).map((m) => ({
    ...m,
    components: mix(m.components).map((c) => ({
      ...c,
      ...(c.dependsOn ? { dependsOn: mix(c.dependsOn) } : {}),
      ...(c.hashes ? { hashes: mix(c.hashes) } : {}),
    })),
  }));
}

function documents(sbomInput: SbomInput): [string, string] {
  const model = buildSbomModel(sbomInput);
  return [cycloneDxJson(model), spdxJson(model)];
}

const EXAMPLES = [
  'examples/node-service/package-lock.json',
  'examples/go-service/go.mod',
  'examples/python-service/requirements.txt',
];

describe('reproducible SBOMs', () => {
  const timestamp = reproducibleTimestamp('1767323045', undefined) as string;
  const reproducible = (manifests: ParsedManifest[]): SbomInput => ({
    manifests,
    root: { name: 'pavedpath/examples', purl: 'pkg:github/pavedpath/examples' },
    includeDev: true,
    timestamp,
    tool: TOOL,
  });

  it('are byte-identical across two runs', () => {
    const [cdx1, spdx1] = documents(reproducible(EXAMPLES.map(parse)));
    const [cdx2, spdx2] = documents(reproducible(EXAMPLES.map(parse)));
    expect(cdx2).toBe(cdx1);
    expect(spdx2).toBe(spdx1);
    expect(cdx1).toContain('"timestamp": "2026-01-02T03:04:05.000Z"');
    expect(spdx1).toContain('"created": "2026-01-02T03:04:05Z"');
  });

  it('are byte-identical whatever order the inventory comes in', () => {
    const manifests = EXAMPLES.map(parse);
    const again = shuffled(manifests);
    expect(again.map((m) => m.file)).not.toEqual(manifests.map((m) => m.file));
    const node = (list: ParsedManifest[]) =>
      list.find((m) => m.file.includes('node'))?.components.map((c) => c.purl);
    expect(node(again)).not.toEqual(node(manifests));
    expect(documents(reproducible(again))).toEqual(documents(reproducible(manifests)));
  });

  it('take the serial number and the namespace from the content', () => {
    const [cdx, spdx] = documents(reproducible(EXAMPLES.map(parse)));
    const serial = (JSON.parse(cdx) as { serialNumber: string }).serialNumber;
    const uuid = serial.replace('urn:uuid:', '');
    expect((JSON.parse(spdx) as { documentNamespace: string }).documentNamespace.endsWith(`-${uuid}`)).toBe(
      true,
    );
    const fewer = documents(reproducible(EXAMPLES.slice(0, 2).map(parse)));
    expect(fewer[0]).not.toContain(serial);
    expect(fewer[1]).not.toContain(uuid);
  });

  it('differ only in serial and time outside reproducible mode', () => {
    const manifests = EXAMPLES.map(parse);
    const run = (serial: string, time: string) =>
      documents({ ...reproducible(manifests), serial: `urn:uuid:${serial}`, timestamp: time });
    const a = run('11111111-1111-4111-8111-111111111111', '2026-03-01T10:00:00.123Z');
    const b = run('22222222-2222-4222-8222-222222222222', '2026-03-01T10:05:00.456Z');
    const strip = (text: string) =>
      text
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}/g, 'UUID')
        .replace(/2026-03-01T10:0\d:00(\.\d+)?Z/g, 'TIME');
    expect(strip(a[0])).toBe(strip(b[0]));
    expect(strip(a[1])).toBe(strip(b[1]));
    expect(a[0]).not.toBe(b[0]);
  });

  it('sort by code unit, not by the locale (the library would sort with localeCompare)', () => {
    const m = manifest('package-lock.json', [
      component('npm', 'alpha', '1.0.0', {
        direct: true,
        dependsOn: ['pkg:npm/Zeta@1.0.0', 'pkg:npm/aab@1.0.0'],
      }),
      component('npm', 'Zeta', '1.0.0', { direct: true }),
      component('npm', 'aab', '1.0.0', { direct: true }),
      component('npm', 'zz', '1.0.0', { direct: true }),
    ]);
    const cdx = JSON.parse(cycloneDxJson(buildSbomModel(input([m])))) as {
      components: { name: string }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
    };
    // localeCompare gives alpha, aab, Zeta, zz (and in Danish, aab after zz).
    expect(cdx.components.map((c) => c.name)).toEqual(['Zeta', 'aab', 'alpha', 'zz']);
    expect(cdx.dependencies[0]?.dependsOn).toEqual([
      'pkg:npm/Zeta@1.0.0',
      'pkg:npm/aab@1.0.0',
      'pkg:npm/alpha@1.0.0',
      'pkg:npm/zz@1.0.0',
    ]);
  });

  // Why cycloneDxDocument keeps the library's `sortLists` off (docs/adr/0008): its sort follows
  // the process's locale. Two Node processes, the library alone, C and Danish locales.
  it('the library sorts differently under another locale, so its sorting is not used', () => {
    const script = `
      const { Models, Enums, Serialize, Spec } = require('@cyclonedx/cyclonedx-library');
      const bom = new Models.Bom();
      for (const n of ['zz', 'aab']) bom.components.add(new Models.Component(Enums.ComponentType.Library, n, { bomRef: n }));
      const json = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
      process.stdout.write(JSON.parse(json.serialize(bom, { sortLists: true })).components.map((c) => c.name).join(','));
    `;
    const run = (locale: string) =>
      execFileSync(process.execPath, ['-e', script], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, LC_ALL: locale, LANG: locale },
      });
    const c = run('C');
    expect(c).toBe('aab,zz');
    const danish = run('da_DK.UTF-8');
    // Where Node has full ICU data (the official builds), Danish sorts "aa" as "å", after "z".
    expect(['aab,zz', 'zz,aab']).toContain(danish);
    if (Intl.Collator.supportedLocalesOf(['da']).length > 0) expect(danish).toBe('zz,aab');
  });
});
