// Writes the documentation pages generated from the code (`npm run docs`), or checks them:
//
//   node scripts/docs.mjs            write every page
//   node scripts/docs.mjs --check    write nothing; exit 1 naming each page that is stale or missing
//   node scripts/docs.mjs --root D   the repository root the pages are written to or compared in
//                                    (default: this script's repository; the tests use a copy)
//
// Node runs the TypeScript sources directly (type stripping, Node 22.18 or later; `npm run docs`
// uses the node@24 devDependency). A page is a module and the pure function that renders it; add
// one to PAGES and it is written and checked like the others.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import './ts-resolve-hook.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The generated pages: where each goes, and which exported function of which module renders it. */
export const PAGES = [
  {
    file: 'docs/compliance.md',
    module: 'src/knowledge/compliance-annex.ts',
    render: 'complianceAnnexMarkdown',
  },
  // A generated part of a hand-written page: between `<!-- generated: NAME -->` and
  // `<!-- end generated -->`, with one blank line on each side.
  {
    file: 'docs/guide.md',
    module: 'src/knowledge/how-to-fix.ts',
    render: 'howToFixMarkdown',
    section: 'how-to-fix',
  },
];

/** The page with its generated section replaced by `text`. */
function withSection(current, name, text) {
  const start = `<!-- generated: ${name} -->`;
  const end = '<!-- end generated -->';
  const from = current.indexOf(start);
  const to = from === -1 ? -1 : current.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`the page has no ${start} … ${end} markers`);
  return `${current.slice(0, from + start.length)}\n\n${text.trim()}\n\n${current.slice(to)}`;
}

function parseArgs(argv) {
  const options = { check: false, root: REPO };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--root' && argv[i + 1]) options.root = path.resolve(argv[++i]);
    else throw new Error(`unknown argument '${arg}' (usage: node scripts/docs.mjs [--check] [--root <dir>])`);
  }
  return options;
}

async function render(page) {
  const module = await import(pathToFileURL(path.join(REPO, page.module)).href);
  const fn = module[page.render];
  if (typeof fn !== 'function') throw new Error(`${page.module} exports no function ${page.render}`);
  const text = fn();
  if (typeof text !== 'string') throw new Error(`${page.module} ${page.render}() returned no string`);
  return text;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const stale = [];
  for (const page of PAGES) {
    const target = path.join(options.root, page.file);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (page.section && current === undefined) {
      // A generated part needs its hand-written page (a scratch --root may not have it).
      console.log(`${page.file}: not here, skipped (its generated part '${page.section}' needs the page)`);
      continue;
    }
    const rendered = await render(page);
    const text =
      page.section && current !== undefined ? withSection(current, page.section, rendered) : rendered;
    if (current === text) {
      console.log(`${page.file}: up to date`);
    } else if (options.check) {
      stale.push(page.file);
      console.error(
        `${page.file}: ${current === undefined ? 'missing' : 'stale'}; run npm run docs (it renders ${page.module}).`,
      );
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
      console.log(`${page.file}: written`);
    }
  }
  if (stale.length > 0) {
    console.error(`${stale.length} generated page(s) out of date: ${stale.join(', ')}. Run npm run docs.`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 2;
});
