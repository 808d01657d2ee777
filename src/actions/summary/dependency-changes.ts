/**
 * The summary's `dependency-changes` input: one or more dependency-changes.json files (newline- or
 * comma-separated, directories and globs as for `sarif`; a directory means every
 * dependency-changes.json below it), else the file the dependency-review action handed off in
 * RUNNER_TEMP/pavedpath when there is one. Each is validated; a bad one is a diagnostic and the
 * others are still read. Several are merged into one (src/report/dependency-merge.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { type ChangesFile, mergeDependencyChanges } from '../../report/dependency-merge.js';
import type { Diagnostic } from '../../sarif/diagnostics.js';
import type { DependencyChanges } from '../../vulns/changes-json.js';
import { validateDependencyChanges } from '../../vulns/changes-validate.js';
import { SummaryInputs } from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { displayPath, parseList, resolveFiles } from '../shared/inputs.js';

const HANDOFF_FILE = 'dependency-changes.json';

/** One file, validated: its changes, or the diagnostic that says why not. */
function readOne(file: string, workspace: string): ChangesFile | Diagnostic {
  const shown = displayPath(file, workspace);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      level: 'error',
      file: shown,
      message: `could not read the dependency changes: ${error instanceof Error ? error.message : String(error)}`,
      hint: "Give the file the dependency-review action wrote (its 'changes' output)",
    };
  }
  const checked = validateDependencyChanges(value);
  if (!checked.ok) {
    return {
      level: 'error',
      file: shown,
      message: `is not a dependency-changes file (schema/dependency-changes.schema.json): ${checked.errors.join('; ')}`,
      hint: 'Give the file the dependency-review action of the same Paved Path version wrote',
    };
  }
  core.info(`Dependency changes from ${shown}: ${checked.changes.changes.length} change(s)`);
  return { file: shown, changes: checked.changes };
}

/** The files the input names (or the handed-off one); a given input that matches nothing is an error. */
function filesOf(input: string, handoff: string, workspace: string): string[] {
  const patterns = parseList(input);
  if (patterns.length === 0) {
    const file = path.join(handoff, HANDOFF_FILE);
    return existsSync(file) ? [file] : [];
  }
  const files = resolveFiles(patterns, workspace, `**/${HANDOFF_FILE}`);
  if (files.length > 0) return files;
  throw new ConfigurationError(
    patterns.length === 1
      ? `The dependency changes file '${patterns[0] ?? ''}' (input '${SummaryInputs.dependencyChanges}') does not exist. Check the path, and that the dependency-review step ran before this one.`
      : `No dependency changes files matched the '${SummaryInputs.dependencyChanges}' input (${patterns.join(', ')}). Check the paths, and that the dependency-review steps ran before this one.`,
  );
}

export function readDependencyChanges(
  input: string,
  handoff: string,
  workspace: string,
): { changes?: DependencyChanges; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const read: ChangesFile[] = [];
  for (const file of filesOf(input, handoff, workspace)) {
    const one = readOne(file, workspace);
    if ('changes' in one) read.push(one);
    else diagnostics.push(one);
  }
  const merged = mergeDependencyChanges(read);
  if (!merged) return { diagnostics };
  if (read.length > 1)
    core.info(
      `Dependency changes of ${read.length} files merged: ${merged.changes.changes.length} change(s)`,
    );
  return { changes: merged.changes, diagnostics: [...diagnostics, ...merged.diagnostics] };
}
