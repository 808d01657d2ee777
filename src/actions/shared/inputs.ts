/** Reading inputs (lists, choices, booleans) and resolving file patterns against the workspace. */
import { existsSync, globSync, statSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { ConfigurationError } from './errors.js';

/** A list input: newline- or comma-separated, trimmed, empty entries dropped. */
export function parseList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

/**
 * The files that patterns match, relative patterns against `cwd`, sorted and without duplicates.
 * A pattern that names a directory matches the `*.sarif` files below it (as upload-sarif does).
 */
export function resolveFiles(
  patterns: readonly string[],
  cwd: string,
  directoryGlob = '**/*.sarif',
): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      for (const f of globSync(directoryGlob, { cwd: absolute })) found.add(path.join(absolute, f));
      continue;
    }
    if (existsSync(absolute)) {
      found.add(absolute);
      continue;
    }
    for (const f of globSync(pattern, { cwd })) {
      const file = path.resolve(cwd, f);
      // A dangling link or a file removed meanwhile is left to the loader, which reports it.
      if (statSync(file, { throwIfNoEntry: false })?.isFile() ?? true) found.add(file);
    }
  }
  return [...found].sort();
}

/** A path as users see it: relative to the workspace when inside it. */
export function displayPath(file: string, workspace: string): string {
  const relative = path.relative(workspace, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** A true/false input; empty means `fallback`. */
export function booleanInput(input: string, fallback: boolean): boolean {
  const value = core.getInput(input).trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigurationError(`Input '${input}' is '${value}': set it to true or false.`);
}

export function choice<T extends string>(input: string, allowed: readonly T[]): T | undefined {
  const value = core.getInput(input).trim().toLowerCase();
  if (value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigurationError(
      `Input '${input}' is '${value}', which is not one of ${allowed.join(', ')}. Set it to one of those values.`,
    );
  }
  return value as T;
}
