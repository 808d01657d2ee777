/** The parser for a lockfile or manifest path (repository-relative, with `/`), any ecosystem. */
import type { ManifestParser } from './component.js';
import { npmFamilyParserFor } from './npm/detect.js';
import { otherParserFor } from './other-parsers.js';

export function parserFor(file: string): ManifestParser | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return npmFamilyParserFor(name) ?? otherParserFor(name, file);
}

export function isManifest(file: string): boolean {
  return parserFor(file) !== undefined;
}
