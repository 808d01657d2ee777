/**
 * Parse a set of manifests with the files beside them that make them exact. Pure: the caller
 * passes how to read a repository-relative path (the working tree, or `git show` of a commit).
 */
import type { ParsedManifest } from './component.js';
import { parseComposerLock } from './composer.js';
import { confirmWithGoSum } from './go-mod.js';
import { parsePomXml } from './maven.js';
import { applyPackageJson } from './npm/package-json.js';
import { parserFor } from './parsers.js';
import { parsePipfileLock } from './python/pipfile.js';
import { parsePoetryLock } from './python/poetry.js';

// Lockfiles that learn direct and dev from the package.json beside them (npm v1 guesses direct otherwise).
const WITH_PACKAGE_JSON = new Set([
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'package-lock.json',
  'npm-shrinkwrap.json',
]);

export type ReadFile = (file: string) => string | undefined;

/**
 * Parse every manifest, with the files beside it that make it exact: package.json (direct and
 * dev for yarn, pnpm, bun and npm v1), pyproject.toml (Poetry's groups), Pipfile, composer.json
 * (direct), the parent pom.xml files (managed versions and properties) and go.sum (confirms
 * go.mod).
 */
export function parseManifests(files: readonly string[], read: ReadFile): ParsedManifest[] {
  const out: ParsedManifest[] = [];
  for (const file of files) {
    const text = read(file);
    const parser = parserFor(file);
    if (text === undefined || !parser) continue;
    const name = file.slice(file.lastIndexOf('/') + 1);
    const dir = file.slice(0, file.length - name.length);
    const beside = (sibling: string) => read(`${dir}${sibling}`);
    let parsed: ParsedManifest;
    if (name === 'poetry.lock') parsed = parsePoetryLock(text, file, beside('pyproject.toml'));
    else if (name === 'Pipfile.lock') parsed = parsePipfileLock(text, file, beside('Pipfile'));
    else if (name === 'composer.lock') parsed = parseComposerLock(text, file, beside('composer.json'));
    else if (name === 'pom.xml') {
      // Parent POMs nearest first: the pom.xml of each folder above, up to the repository root.
      const parents: string[] = [];
      const parts = dir.split('/').filter(Boolean);
      while (parts.length > 0) {
        parts.pop();
        const parent = read(`${parts.length > 0 ? `${parts.join('/')}/` : ''}pom.xml`);
        if (parent !== undefined) parents.push(parent);
      }
      parsed = parsePomXml(text, file, parents);
    } else parsed = parser(text, file);
    if (WITH_PACKAGE_JSON.has(name)) {
      const manifest = beside('package.json');
      if (manifest !== undefined) parsed = applyPackageJson(parsed, manifest);
    }
    if (name === 'go.mod') {
      const sum = beside('go.sum');
      if (sum !== undefined) parsed = confirmWithGoSum(parsed, sum, `${dir}go.sum`);
    }
    out.push(parsed);
  }
  return out;
}
