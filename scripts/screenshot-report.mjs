// Renders the report of the example Node service (examples/node-service) as report.html and saves
// a 1280×900 screenshot of it, taken with headless Chromium, to docs/report-html.png.
//
// The report is built the way the summary action builds it, from the project's own TypeScript
// sources (Node strips the types; 22.18 or later), as on a pull request that adds the service:
//   - SAST: the recorded ESLint SARIF (examples/node-service/recorded/*.sarif);
//   - the dependency review of its package-lock.json against the real OSV records of
//     ../shared/fixtures/real-world/osv (an offline database; skipped, with a note, when absent),
//     as SARIF findings and as the report's dependency section;
//   - the CycloneDX SBOM of the same lockfile, for the inventory; compliance evidence of the run.
// Nothing is fetched. The HTML is left in a temporary folder, whose path is printed at the end.
//
// Usage: node_modules/node/bin/node scripts/screenshot-report.mjs [out.png]
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import './ts-resolve-hook.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const service = path.join(root, 'examples', 'node-service');
const osvDir = path.resolve(root, '..', 'shared', 'fixtures', 'real-world', 'osv');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'report-html.png'));
const chromium = '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`error: ${chromium} is missing (Debian: apt-get install chromium)`);
  process.exit(2);
}

const src = (file) => import(pathToFileURL(path.join(root, 'src', file)).href);
const [
  { loadSarifSet },
  { bufferSource },
  { cweForRule },
  { buildReport },
  { complianceEvidence },
  { remediationWithFixes, summariseDependencyChanges },
  { summariseSbom },
  { renderHtml },
  { parseManifests },
  { reviewDependencies },
  { buildOfflineIndex },
  { readOsvDatabase },
  { dependencyChangesJson },
  { dependencyReviewSarif, DEPENDENCY_TOOL_NAME },
  { buildSbomModel, sbomRootFor },
  { cycloneDxJson },
  { VERSION },
] = await Promise.all(
  [
    'sarif/load-many.ts',
    'sarif/byte-source.ts',
    'knowledge/rule-cwe.ts',
    'report/build.ts',
    'knowledge/compliance.ts',
    'report/dependencies.ts',
    'report/inventory.ts',
    'report/html.ts',
    'inventory/read-manifests.ts',
    'vulns/review.ts',
    'vulns/offline-db.ts',
    'io/osv-files.ts',
    'vulns/changes-json.ts',
    'vulns/sarif-output.ts',
    'sbom/model.ts',
    'sbom/cyclonedx.ts',
    'version.ts',
  ].map(src),
);

const REPOSITORY = 'pavedpath/demo';
const SHA = '3f2a9c1d5e7b8a60412c9d3e5f7a8b9c0d1e2f3a';
const notes = [];

// The dependency review: a pull request that adds the service, so every package is added.
const manifests = parseManifests(['package-lock.json'], (file) => {
  const full = path.join(service, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
});
let source;
if (existsSync(osvDir)) source = buildOfflineIndex(readOsvDatabase(osvDir).records);
else notes.push(`${osvDir} is missing: the dependency review looked nothing up`);
const { review } = await reviewDependencies({
  head: manifests,
  base: [],
  ...(source ? { source } : { lookupSkipped: 'no offline OSV database' }),
  policy: { allow: [], deny: [] },
  includeDev: false,
});
const changes = dependencyChangesJson(review, VERSION);
const dependencySarif = JSON.stringify(
  dependencyReviewSarif(review, {
    version: VERSION,
    informationUri: 'https://github.com/pavedpath/pavedpath',
  }),
);

// The SBOM of the same lockfile, summarised for the inventory.
const sbom = JSON.parse(
  cycloneDxJson(
    buildSbomModel({
      manifests,
      root: sbomRootFor(manifests, REPOSITORY, SHA),
      includeDev: false,
      timestamp: '2026-01-15T09:30:00Z',
      tool: { name: 'pavedpath', version: VERSION },
    }),
  ),
);
const inventory = summariseSbom(sbom, 'sbom/bom.cdx.json');

// The SARIF: the recorded SAST output and the review's, loaded as the summary action loads them.
const recorded = readdirSync(path.join(service, 'recorded'))
  .filter((name) => name.endsWith('.sarif'))
  .sort()
  .map((name) => ({
    file: `recorded/${name}`,
    open: () => bufferSource(readFileSync(path.join(service, 'recorded', name))),
  }));
const set = loadSarifSet(
  [...recorded, { file: 'dependencies.sarif', open: () => bufferSource(Buffer.from(dependencySarif)) }],
  // The recorded SARIF was written on a runner: its paths are relative to the workspace there.
  { root: '/home/runner/work/node-service/node-service', knownCwes: cweForRule },
);
const remediation = remediationWithFixes(changes);
const tools = [...new Set(set.files.flatMap((f) => f.runs.map((r) => r.tool.name)))];
const report = buildReport({
  version: VERSION,
  findings: set.findings,
  ignored: [],
  // The base branch had no scan of the service: everything the pull request adds is new.
  classification: { kind: 'baseline', baseline: [] },
  failOn: 'high',
  failOnScope: 'new',
  files: set.files.map((f) => ({
    file: f.file,
    loaded: f.loaded,
    tools: [...new Set(f.runs.map((r) => r.tool.name))],
    resultCount: f.resultCount,
  })),
  diagnostics: set.diagnostics,
  notices: [],
  context: {
    repository: REPOSITORY,
    sha: SHA,
    serverUrl: 'https://github.com',
    event: 'pull_request',
    pullRequest: 42,
    baseRef: 'main',
  },
  remediation,
  inventory: 'format' in inventory ? [inventory] : [],
  dependencies: summariseDependencyChanges(changes),
  compliance: ({ newCount, fixedCount, verdict }) =>
    complianceEvidence({
      sast: { ran: true, tools: tools.filter((t) => t !== DEPENDENCY_TOOL_NAME), languages: ['javascript'] },
      dependencyReview: { ran: true, vulnerable: changes.counts.vulnerable },
      sbom: { ran: true, formats: ['CycloneDX'] },
      gate: { verdict, failOn: 'high' },
      pullRequest: true,
      newFindings: newCount,
      fixedFindings: fixedCount,
    }),
});

const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-report-html-'));
const html = path.join(dir, 'report.html');
writeFileSync(html, renderHtml(report));

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--hide-scrollbars', '--force-color-profile=srgb'],
});
try {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  await page.screenshot({ path: out, type: 'png' });
} finally {
  await browser.close();
}
for (const note of notes) console.warn(`note: ${note}`);
console.log(
  `${path.relative(root, out)}: ${report.findings.length} findings (${report.counts.new} new), ` +
    `${changes.counts.vulnerable} vulnerable package(s), ${'format' in inventory ? inventory.components : 0} components; HTML: ${html}`,
);
