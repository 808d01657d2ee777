/**
 * One measurement, in its own process so that peak memory is its own: `parse` (plain
 * JSON.parse of the bytes, the reference) or `load` (loadSarif: scan, parse, normalise).
 * Prints one JSON line: milliseconds, result count, and RSS before and at peak.
 */
import { readFileSync } from 'node:fs';
import { withFileSource } from '../src/io/file-source.js';
import { loadSarifFrom } from '../src/sarif/load.js';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'parse' && mode !== 'load') || !file) {
  process.stderr.write('usage: sarif-ingest.js parse|load FILE\n');
  process.exit(2);
}
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
let count: number;
let size = 0;
if (mode === 'parse') {
  const bytes = readFileSync(file);
  size = bytes.length;
  const log = JSON.parse(bytes.toString('utf8')) as { runs: { results: unknown[] }[] };
  count = log.runs.reduce((n, run) => n + run.results.length, 0);
} else {
  // As the actions load SARIF: through a file source, a window at a time.
  const loaded = withFileSource(file, (source) => {
    size = source.size;
    return loadSarifFrom(source, file);
  });
  count = loaded.findings.length;
}
const ms = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({ mode, ms, count, bytes: size, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`,
);
