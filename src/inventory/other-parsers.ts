/**
 * The lockfiles and manifests of the ecosystems other than npm: Go (go.mod), PyPI
 * (requirements files, poetry.lock, Pipfile.lock, uv.lock), crates.io (Cargo.lock), RubyGems
 * (Gemfile.lock), Packagist (composer.lock), Maven (Gradle lockfiles, pom.xml) and NuGet
 * (packages.lock.json).
 *
 * `otherParserFor` picks the parser for a file. What the parsers share (the collector, the JSON and
 * TOML readers…) is in parse-helpers.ts, which imports no parser: no import cycle.
 *
 * Every parser is pure (text in, ParsedManifest out) and never throws: a file that does not parse
 * yields one error problem with its line and no components.
 */
import type { ManifestParser } from './component.js';
import { parseCargoLock } from './cargo.js';
import { parseComposerLock } from './composer.js';
import { parseGemfileLock } from './gemfile.js';
import { parseGoMod } from './go-mod.js';
import { parseGradleLockfile } from './gradle.js';
import { parsePomXml } from './maven.js';
import { parseNugetLock } from './nuget.js';
import { parsePipfileLock } from './python/pipfile.js';
import { parsePoetryLock } from './python/poetry.js';
import { isRequirementsFile, parseRequirementsTxt } from './python/requirements.js';
import { parseUvLock } from './python/uv.js';

/**
 * The parser for a file of these ecosystems, or undefined. `fileName` is the base name,
 * `pathInRepo` the repository-relative path with `/` (requirements files and Gradle's legacy
 * per-configuration lockfiles are recognised by their folder).
 */
export function otherParserFor(fileName: string, pathInRepo: string): ManifestParser | undefined {
  switch (fileName) {
    case 'go.mod':
      return parseGoMod;
    case 'poetry.lock':
      return parsePoetryLock;
    case 'Pipfile.lock':
      return parsePipfileLock;
    case 'uv.lock':
      return parseUvLock;
    case 'Cargo.lock':
      return parseCargoLock;
    case 'Gemfile.lock':
    case 'gems.locked':
      return parseGemfileLock;
    case 'composer.lock':
      return parseComposerLock;
    case 'gradle.lockfile':
    case 'buildscript-gradle.lockfile':
    case 'settings-gradle.lockfile':
      return parseGradleLockfile;
    case 'pom.xml':
      return parsePomXml;
    case 'packages.lock.json':
      return parseNugetLock;
  }
  const folders = pathInRepo.split('/').slice(0, -1);
  if (fileName.endsWith('.lockfile') && folders.slice(-2).join('/') === 'gradle/dependency-locks') {
    return parseGradleLockfile;
  }
  if (isRequirementsFile(fileName, pathInRepo)) return parseRequirementsTxt;
  return undefined;
}
