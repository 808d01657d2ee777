// Bundles every action entry point (src/actions/<name>.ts) into dist/<name>/index.js with ncc.
// One ESM bundle per action, no source maps (they would double the diff of every change), licences
// of bundled packages in dist/<name>/licenses.txt.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entriesDir = path.join(root, 'src', 'actions');
const distDir = path.join(root, 'dist');

const only = process.argv.slice(2);
const names = (await readdir(entriesDir))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes('.'.concat('test')))
  .map((f) => f.slice(0, -3))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

if (only.length === 0) await rm(distDir, { recursive: true, force: true });

for (const name of names) {
  const outDir = path.join(distDir, name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  let result;
  try {
    result = await ncc(path.join(entriesDir, `${name}.ts`), {
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
  const { code, assets } = result;
  await writeFile(path.join(outDir, 'index.js'), code);
  for (const [file, asset] of Object.entries(assets ?? {})) {
    const dest = path.join(outDir, file);
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, asset.source);
  }
  process.stdout.write(`built dist/${name}/index.js (${(code.length / 1024).toFixed(0)} KiB)\n`);
}
