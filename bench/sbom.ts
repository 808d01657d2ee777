/**
 * The SBOM of a 5 MB package-lock.json (the head lockfile generate-lockfiles writes), measured in
 * its own process: read, parse, build the model, and write CycloneDX 1.6 JSON and SPDX 2.3 JSON,
 * as the sbom action does. Prints one JSON line: { ms, cdxMs, spdxMs, components, bytes }.
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parsePackageLock } from '../src/inventory/npm/package-lock.js';
import { cycloneDxJson } from '../src/sbom/cyclonedx.js';
import { buildSbomModel, sbomRootFor } from '../src/sbom/model.js';
import { spdxJson } from '../src/sbom/spdx.js';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: sbom.js PACKAGE_LOCK\n');
  process.exit(2);
}
const start = performance.now();
const manifest = parsePackageLock(readFileSync(file, 'utf8'), 'package-lock.json');
const model = buildSbomModel({
  manifests: [manifest],
  root: sbomRootFor([manifest], 'octo-org/bench', '0123456789abcdef0123456789abcdef01234567'),
  includeDev: true,
  timestamp: '2026-11-23T00:00:00.000Z',
  tool: { name: 'pavedpath', version: 'bench' },
});
const cdxStart = performance.now();
const cdx = cycloneDxJson(model);
const cdxMs = performance.now() - cdxStart;
const ms = performance.now() - start;
const spdxStart = performance.now();
const spdx = spdxJson(model);
const spdxMs = performance.now() - spdxStart;
process.stdout.write(
  `${JSON.stringify({ ms, cdxMs, spdxMs, components: model.components.length, bytes: statSync(file).size, cdxBytes: cdx.length, spdxBytes: spdx.length })}\n`,
);
