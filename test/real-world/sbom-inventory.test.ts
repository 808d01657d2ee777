// The inventory line reads every real SBOM in ../shared/fixtures/real-world/sboms with the
// component count its MANIFEST.md gives (JSON forms; the XML forms are refused with a hint).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import { inventoryLine, summariseSbom } from '../../src/report/inventory.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';

const DIR = path.join(REAL_WORLD, 'sboms');
const files = HAS_REAL_WORLD
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

/** The manifest's count column: "99", or "12 / 0 / 14" for SPDX packages / files / relationships. */
function manifestCount(file: string): number | undefined {
  const manifest = readFileSync(path.join(DIR, 'MANIFEST.md'), 'utf8');
  const row = manifest.split('\n').find((l) => l.startsWith(`| ${file} |`));
  const last = row?.split('|').at(-2)?.trim() ?? '';
  const match = /^(\d+)/.exec(last);
  return match ? Number(match[1]) : undefined;
}

describeRealWorld('SBOM inventory over the real SBOMs', () => {
  it.each(files)('%s', (file) => {
    const summary = summariseSbom(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')), file);
    if (!('format' in summary)) throw new Error(summary.message);
    expect(summary.format).toBe(file.startsWith('cyclonedx') ? 'CycloneDX' : 'SPDX');
    expect(file).toContain(summary.specVersion);
    const expected = manifestCount(file);
    if (expected !== undefined) expect(summary.components).toBe(expected);
  });

  it('writes one line for them all, and refuses what is not an SBOM', () => {
    const summaries = files.map((f) => summariseSbom(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')), f));
    const line = inventoryLine(summaries.filter((s) => 'format' in s));
    expect(line).toMatch(/^\d+ components? \((CycloneDX|SPDX) /);
    expect(summariseSbom({ version: '2.1.0', runs: [] }, 'x.json')).toMatchObject({
      level: 'error',
      hint: expect.stringMatching(/CycloneDX JSON or SPDX JSON/),
    });
  });
});
