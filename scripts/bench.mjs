// `npm run bench`: bundles the benchmarks with ncc (so they run as the actions do, with no
// TypeScript loader in the process), generates their inputs, runs each measurement in a fresh
// process several times, and prints the figures. Exits 1 when a target is missed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.bench');
mkdirSync(out, { recursive: true });

async function bundle(name) {
  const { code } = await ncc(path.join(root, 'bench', `${name}.ts`), { quiet: true, target: 'es2023' });
  const file = path.join(out, `${name}.mjs`);
  writeFileSync(file, code);
  return file;
}

const mb = (n) => n / 1048576;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sizeMb = Number(process.env.BENCH_SARIF_MB ?? 100);
const reps = Number(process.env.BENCH_REPS ?? 3);
// Every bundle first: no bundler work (ncc's webpack and TypeScript, its heap) is left in this
// process or on the machine while a measurement runs.
const bundled = [];
for (const name of [
  'generate-sarif-cli',
  'sarif-ingest',
  'report-render',
  'generate-lockfiles',
  'dependency-review',
  'sbom',
])
  bundled.push(await bundle(name));
const [generator, ingest, render, lockGenerator, dependencyReview, sbom] = bundled;
const sarif = path.join(out, `generated-${sizeMb}mb.sarif`);
if (!existsSync(sarif))
  execFileSync(process.execPath, [generator, String(sizeMb), sarif], { stdio: 'inherit' });
const bytes = statSync(sarif).size;

const run = (mode) => JSON.parse(execFileSync(process.execPath, [ingest, mode, sarif], { encoding: 'utf8' }));
const samples = { parse: [], load: [] };
for (let i = 0; i < reps; i++) for (const mode of ['parse', 'load']) samples[mode].push(run(mode));

const throughput = (mode) => mb(bytes) / (median(samples[mode].map((s) => s.ms)) / 1000);
const peak = (mode) => median(samples[mode].map((s) => s.maxRss - s.rssBefore));
const parseMbS = throughput('parse');
const loadMbS = throughput('load');
const ratio = loadMbS / parseMbS;
const memRatio = peak('load') / bytes;
const absolutePeak = (mode) => median(samples[mode].map((s) => s.maxRss));
const rows = [
  ['SARIF ingest', `${mb(bytes).toFixed(1)} MB, ${samples.load[0].count} results, median of ${reps} runs`],
  ['JSON.parse throughput', `${parseMbS.toFixed(1)} MB/s (peak memory ${mb(peak('parse')).toFixed(0)} MB)`],
  ['loadSarif throughput', `${loadMbS.toFixed(1)} MB/s (peak memory ${mb(peak('load')).toFixed(0)} MB)`],
  ['throughput ratio', `${ratio.toFixed(2)} (target >= 0.50) ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`],
  [
    'peak memory / file size',
    `${memRatio.toFixed(2)}x over the idle process (target < 4x) ${memRatio < 4 ? 'PASS' : 'FAIL'}; whole process ${(absolutePeak('load') / bytes).toFixed(2)}x`,
  ],
];
const renders = Array.from({ length: reps }, () =>
  JSON.parse(execFileSync(process.execPath, [render, '200000'], { encoding: 'utf8' })),
);
const renderMs = median(renders.map((r) => r.ms));
const r0 = renders[0];
rows.push(
  ['', ''],
  [
    'Report for 200,000 findings',
    `${r0.newCount} new, ${r0.fixed} fixed; comment ${r0.comment} chars, summary ${r0.summary} bytes, ${r0.annotations} annotations, report.json ${(r0.json / 1048576).toFixed(0)} MB`,
  ],
  [
    'build + render time',
    `${renderMs.toFixed(0)} ms, median of ${reps} (target < 2000 ms) ${renderMs < 2000 ? 'PASS' : 'FAIL'}`,
  ],
);

// Dependency review: two generated 5 MB package-lock.json files (base and head of a pull
// request) and 5,000 OSV records, offline (timed against the target) and against the OSV API
// stand-in on loopback (request counts checked; time informative). Regenerated each run: it is
// deterministic and quick.
const reviewDir = path.join(out, 'dependency-review');
execFileSync(process.execPath, [lockGenerator, reviewDir, '5', '5000'], { stdio: 'inherit' });
const review = (mode) =>
  JSON.parse(execFileSync(process.execPath, [dependencyReview, mode, reviewDir], { encoding: 'utf8' }));
const offline = Array.from({ length: reps }, () => review('offline'));
const reviewMs = median(offline.map((r) => r.ms));
const part = (name) => median(offline.map((r) => r.parts[name])).toFixed(0);
const o0 = offline[0];
const online = review('online');
const batchesOk = online.querybatch === online.expectedQuerybatch && online.queriesSent === online.distinct;
const getsOk = online.vulnGets === online.expectedVulnGets;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
rows.push(
  ['', ''],
  [
    'Dependency review',
    `package-lock.json v3 base ${mb(o0.baseBytes).toFixed(1)} MB (${o0.baseComponents} components), head ${mb(o0.headBytes).toFixed(1)} MB (${o0.headComponents}); ${o0.records} OSV records`,
  ],
  [
    'changes and findings',
    `${o0.added} added, ${o0.changed} changed, ${o0.removed} removed; ${o0.lookedUp} looked up, ${o0.vulnerable} vulnerable (${o0.advisories} vulnerabilities, aliases merged)`,
  ],
  [
    'offline review time',
    `${reviewMs.toFixed(0)} ms, median of ${reps} (target < 1000 ms) ${verdict(reviewMs < 1000)}; CPU time ${median(offline.map((r) => r.cpuMs)).toFixed(0)} ms`,
  ],
  [
    '  of which',
    `parse base ${part('parseBase')} ms, parse head ${part('parseHead')} ms, index ${part('index')} ms, diff + look-up + match ${part('review')} ms, read ${part('read')} ms`,
  ],
  [
    '  not in the target',
    `reading the ${o0.records} record files (readOsvDatabase): ${median(offline.map((r) => r.dbMs)).toFixed(0)} ms`,
  ],
  [
    'OSV API querybatch calls',
    `${online.querybatch} for ${online.queriesSent} queries (expected ceil(${online.distinct} / 1000) = ${online.expectedQuerybatch}) ${verdict(batchesOk)}`,
  ],
  [
    'OSV API GET /v1/vulns calls',
    `${online.vulnGets} (expected ${online.expectedVulnGets}, the distinct advisory ids hit) ${verdict(getsOk)}`,
  ],
  [
    'online review',
    `${online.ms.toFixed(0)} ms over loopback (informative); same findings as offline: ${online.sameAsOffline ? 'yes' : 'no'} ${verdict(online.sameAsOffline)}${online.lookupError ? `; the look-up failed: ${online.lookupError}` : ''}`,
  ],
);
// SBOM of the head lockfile (5 MB): ours (parse + model + CycloneDX JSON) against cyclonedx-npm
// on the same project (--package-lock-only; wall time of the whole command, as a user sees it).
const headLock = path.join(reviewDir, 'head', 'package-lock.json');
const headPackageJson = path.join(reviewDir, 'head', 'package.json');
if (!existsSync(headPackageJson)) {
  const root = JSON.parse(readFileSync(headLock, 'utf8')).packages[''];
  writeFileSync(
    headPackageJson,
    JSON.stringify({
      name: root.name ?? 'bench',
      version: root.version ?? '1.0.0',
      dependencies: root.dependencies ?? {},
      devDependencies: root.devDependencies ?? {},
    }),
  );
}
const sboms = Array.from({ length: reps }, () =>
  JSON.parse(execFileSync(process.execPath, [sbom, headLock], { encoding: 'utf8' })),
);
const sbomMs = median(sboms.map((r) => r.ms));
const cdxNpm = path.join(root, 'node_modules', '@cyclonedx', 'cyclonedx-npm', 'bin', 'cyclonedx-npm-cli.js');
// cyclonedx-npm runs `npm ls` over the tree, which can take minutes on a large lockfile: one run,
// stopped after CDX_NPM_TIMEOUT_MS.
const CDX_NPM_TIMEOUT_MS = Number(process.env.BENCH_CDX_NPM_TIMEOUT_MS ?? 120_000);
/** Runs a command in its own process group; kills the whole group (npm ls too) after `ms`. */
function runGroup(command, args, options, ms) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, detached: true, stdio: 'ignore' });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, signal });
    });
  });
}
const theirStart = process.hrtime.bigint();
const their = await runGroup(
  process.execPath,
  [
    cdxNpm,
    '--package-lock-only',
    '--output-format',
    'JSON',
    '--spec-version',
    '1.6',
    '--output-file',
    path.join(out, 'cyclonedx-npm.json'),
    headPackageJson,
  ],
  { cwd: path.dirname(headLock), env: { ...process.env, npm_config_offline: 'true' } },
  CDX_NPM_TIMEOUT_MS,
);
const theirMs = Number(process.hrtime.bigint() - theirStart) / 1e6;
const theirStopped = !their.ok;
const ourWall = Array.from({ length: reps }, () => {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [sbom, headLock], { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
});
const ourWallMs = median(ourWall);
rows.push(
  ['', ''],
  [
    'SBOM',
    `package-lock.json ${mb(sboms[0].bytes).toFixed(1)} MB, ${sboms[0].components} components; CycloneDX ${mb(sboms[0].cdxBytes).toFixed(1)} MB, SPDX ${mb(sboms[0].spdxBytes).toFixed(1)} MB`,
  ],
  [
    'SBOM time (CycloneDX)',
    `${sbomMs.toFixed(0)} ms, median of ${reps} (target < 500 ms) ${sbomMs < 500 ? 'PASS' : 'FAIL'}; SPDX writer ${median(sboms.map((r) => r.spdxMs)).toFixed(0)} ms more`,
  ],
  [
    'vs cyclonedx-npm',
    theirStopped
      ? `whole command ${ourWallMs.toFixed(0)} ms (ours, a fresh node process); cyclonedx-npm --package-lock-only did not finish (stopped after ${(theirMs / 1000).toFixed(0)} s: its npm ls walks the whole tree): ratio < ${(ourWallMs / theirMs).toFixed(3)}`
      : `whole command ${ourWallMs.toFixed(0)} ms (ours, a fresh node process) against ${theirMs.toFixed(0)} ms (cyclonedx-npm --package-lock-only): ratio ${(ourWallMs / theirMs).toFixed(3)}`,
  ],
);
if (sbomMs >= 500) process.exitCode = 1;
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
if (ratio < 0.5 || memRatio >= 4 || renderMs >= 2000) process.exitCode = 1;
if (reviewMs >= 1000 || !batchesOk || !getsOk || !online.sameAsOffline) process.exitCode = 1;
