// What the child-process drivers (test/sast/fixtures/engine-driver.mjs,
// test/tools/fixtures/ensure-tool-driver.mjs) share; test/support/installer-harness.ts starts them.
// Importing it lets the process import the TypeScript sources, makes @actions/tool-cache retry at
// once, and reads the request: `node <driver> <request.json>`, the request holding at least
// { repoRoot, resultFile }.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import '../../scripts/ts-resolve-hook.mjs';

// tool-cache waits 10 to 20 s between download attempts; these globals are its own test hooks.
globalThis.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS = 0;
globalThis.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS = 0;

export const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));

/** Imports a module of the repository's src/ (`file` relative to it, e.g. 'actions/sast/install.ts'). */
export const importSource = (file) => import(pathToFileURL(`${request.repoRoot}/src/${file}`).href);

/** The name and message of what was thrown, for the result file. */
export const errorFields = (error) => ({ name: error?.name, message: error?.message ?? String(error) });

export function writeResult(result) {
  writeFileSync(request.resultFile, JSON.stringify(result, null, 2));
}
