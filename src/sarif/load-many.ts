/** Loads several SARIF logs and merges their findings into one deduplicated list. */
import { dedupeFindings } from '../findings/dedupe.js';
import type { Finding } from '../findings/finding.js';
import type { ByteSource } from './byte-source.js';
import type { Diagnostic } from './diagnostics.js';
import { type LoadedSarif, type LoadOptions, loadSarifFrom, type RunSummary } from './load.js';

export interface SarifInput {
  /** The name shown in messages: the path relative to the workspace. */
  file: string;
  /** Opens the bytes; called once, closed by `close` when given. */
  open: () => ByteSource & { close?: () => void };
}

export interface LoadedSarifSet {
  files: { file: string; loaded: boolean; runs: RunSummary[]; resultCount: number }[];
  /** Deduplicated across files, runs and tools. */
  findings: Finding[];
  /** Before deduplication: the sum of every loaded run's results. */
  resultCount: number;
  diagnostics: Diagnostic[];
}

export function loadSarifSet(inputs: readonly SarifInput[], options: LoadOptions = {}): LoadedSarifSet {
  const files: LoadedSarifSet['files'] = [];
  const all: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    let loaded: LoadedSarif;
    let source: (ByteSource & { close?: () => void }) | undefined;
    try {
      source = input.open();
      loaded = loadSarifFrom(source, input.file, options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      loaded = { file: input.file, loaded: false, runs: [], findings: [], diagnostics: [] };
      loaded.diagnostics.push({
        level: 'error',
        file: input.file,
        message: `could not read the file: ${reason}`,
        hint: 'Check that the path is right and the file is readable',
      });
    } finally {
      source?.close?.();
    }
    files.push({
      file: loaded.file,
      loaded: loaded.loaded,
      runs: loaded.runs,
      resultCount: loaded.findings.length,
    });
    for (const finding of loaded.findings) all.push(finding);
    diagnostics.push(...loaded.diagnostics);
  }
  return { files, findings: dedupeFindings(all), resultCount: all.length, diagnostics };
}
