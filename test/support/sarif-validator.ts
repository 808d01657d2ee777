/**
 * Microsoft's SARIF validator (`@microsoft/sarif-multitool-linux`, an optional dependency: Linux
 * only) with GitHub's ingestion rules: `validate --rule-kind "Sarif;Gh"`. It exits 0 even when it
 * finds errors, so the errors are read from its output log. Every SARIF file Paved Path writes is
 * checked with it (code scanning rejects or hides what fails).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import { REPO_ROOT } from './runner.js';

export const MULTITOOL = path.join(
  REPO_ROOT,
  'node_modules',
  '@microsoft',
  'sarif-multitool-linux',
  'Sarif.Multitool',
);

/** Whether the validator can run here (it is a Linux x64 binary). */
export const HAS_SARIF_VALIDATOR = process.platform === 'linux' && existsSync(MULTITOOL);

export interface SarifValidationProblem {
  level: string;
  ruleId: string;
  message: string;
}

/** The validator's errors and warnings for a SARIF log (an object or a file). */
export function validateSarif(log: object | string): SarifValidationProblem[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-sarif-validate-'));
  const input = typeof log === 'string' ? log : path.join(dir, 'input.sarif');
  if (typeof log !== 'string') writeFileSync(input, JSON.stringify(log, null, 2));
  const output = path.join(dir, 'out.sarif');
  execFileSync(MULTITOOL, ['validate', input, '--rule-kind', 'Sarif;Gh', '-o', output], {
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const out = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: {
      results?: { level?: string; ruleId?: string; message?: { text?: string; arguments?: string[] } }[];
    }[];
  };
  return out.runs
    .flatMap((r) => r.results ?? [])
    .filter((r) => r.level === 'error' || r.level === 'warning')
    .map((r) => ({
      level: r.level ?? 'warning',
      ruleId: r.ruleId ?? '?',
      message: r.message?.text ?? (r.message?.arguments ?? []).join(' | '),
    }));
}

/** Expects the validator to find neither errors nor warnings in `log` (as for validateSarif), where it can run. */
export function expectValidSarif(log: object | string): void {
  if (!HAS_SARIF_VALIDATOR) return;
  expect(validateSarif(log)).toEqual([]);
}
