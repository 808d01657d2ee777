// Bundles every action entry point (src/actions/<name>.ts) into dist/<name>/index.js with ncc, and
// the CLI (src/cli.ts) into dist/cli/index.js. One ESM bundle each, no source maps (they would
// double the diff of every change), licences of bundled packages in dist/<name>/licenses.txt.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entriesDir = path.join(root, 'src', 'actions');
const distDir = path.join(root, 'dist');

const only = process.argv.slice(2);
// The actions, and the CLI (src/cli.ts → dist/cli/index.js, package.json's bin).
const entries = new Map(
  (await readdir(entriesDir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes('.'.concat('test')))
    .map((f) => [f.slice(0, -3), path.join(entriesDir, f)]),
);
entries.set('cli', path.join(root, 'src', 'cli.ts'));
const names = [...entries.keys()].filter((n) => only.length === 0 || only.includes(n)).sort();

if (only.length === 0) {
  // Every bundle in a process of its own: ncc keeps what it compiled, and eight bundles in one
  // process run out of heap.
  await rm(distDir, { recursive: true, force: true });
  for (const name of names) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) {
      process.stderr.write(`error: building dist/${name} failed (exit ${child.status ?? child.signal})\n`);
      process.exit(1);
    }
  }
  process.exit(0);
}

for (const name of names) {
  const outDir = path.join(distDir, name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  let result;
  try {
    result = await ncc(entries.get(name), {
      minify: false,
      sourceMap: false,
      license: 'licenses.txt',
      quiet: true,
      target: 'es2023',
    });
  } catch (error) {
    // ncc's errors carry its own minified source in the stack: print the message lines only.
    const lines = String(error?.message ?? error)
      .split('\n')
      .filter((line) => line.length < 2000);
    process.stderr.write(`error: building dist/${name} failed:\n${lines.join('\n')}\n`);
    process.exit(1);
  }
  const { assets } = result;
  // The CLI is run as a program: a shebang line, and the executable bit.
  const code = name === 'cli' ? `#!/usr/bin/env node\n${result.code.replace(/^#!.*\n/, '')}` : result.code;
  await writeFile(path.join(outDir, 'index.js'), code, name === 'cli' ? { mode: 0o755 } : undefined);
  for (const [file, asset] of Object.entries(assets ?? {})) {
    const dest = path.join(outDir, file);
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, asset.source);
  }
  process.stdout.write(`built dist/${name}/index.js (${(code.length / 1024).toFixed(0)} KiB)\n`);
}
