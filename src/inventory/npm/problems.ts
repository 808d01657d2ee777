/**
 * How the JS lockfile parsers report a file they cannot read: which file, which line (the column
 * goes into the message, as InventoryProblem has no field for it), what is wrong and how to fix it.
 */
import type { InventoryProblem, ManifestParser, ParsedManifest } from '../component.js';

/** The command that rewrites each kind of lockfile, for hints. */
export const REGENERATE = {
  npm: 'Regenerate it with `npm install --package-lock-only` and commit the result',
  yarnClassic: 'Regenerate it with `yarn install` (Yarn 1) and commit the result',
  yarnBerry: 'Regenerate it with `yarn install --mode=update-lockfile` and commit the result',
  pnpm: 'Regenerate it with `pnpm install --lockfile-only` and commit the result',
  bun: 'Regenerate it with `bun install --lockfile-only` and commit the result',
} as const;

/** A ParsedManifest with one error and no components. */
export function unreadable(
  file: string,
  format: string,
  problem: Omit<InventoryProblem, 'file' | 'level'>,
): ParsedManifest {
  return {
    file,
    format,
    ecosystem: 'npm',
    components: [],
    unpinned: [],
    problems: [{ level: 'error', file, ...problem }],
  };
}

/** 1-based line and column of a 0-based offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** The text without a leading byte-order mark (editors on Windows add one). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const CONFLICT = /^(<<<<<<<|>>>>>>>)(?: |$)/m;

/**
 * An error for git merge-conflict markers, the commonest way a lockfile breaks, or undefined when
 * there are none.
 */
export function conflictMarkers(
  text: string,
  file: string,
  format: string,
  regenerate: string,
): ParsedManifest | undefined {
  const match = CONFLICT.exec(text);
  if (!match) return undefined;
  const { line } = lineColumnAt(text, match.index);
  return unreadable(file, format, {
    line,
    message: `unresolved git merge conflict: the line starts with "${match[1] ?? ''}"`,
    hint: `Do not merge lockfiles by hand: take either side, then ${regenerate.charAt(0).toLowerCase()}${regenerate.slice(1)}`,
  });
}

/**
 * The parser, made total: anything it throws (a stack overflow on absurdly deep nesting, a bug)
 * becomes an error problem on the file instead of an exception.
 */
export function neverThrows(format: string, regenerate: string, parse: ManifestParser): ManifestParser {
  return (text, file) => {
    try {
      return parse(text, file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return unreadable(file, format, { message: `could not be read: ${reason}`, hint: regenerate });
    }
  };
}
