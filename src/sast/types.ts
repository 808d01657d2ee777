/**
 * Shared shapes of the SAST stage (src/sast): which engines exist, what a converter needs to know
 * to turn an engine's own output into SARIF, and what the stage reports about each engine.
 * Plain data only; the action (src/actions/sast) does the installing and running.
 */

/** The engines the `engines` input accepts, in the order they run. */
export const ENGINE_NAMES = ['opengrep', 'semgrep', 'gosec', 'bandit', 'eslint-security'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(value: string): value is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(value);
}

/** What a converter from an engine's own output to SARIF needs. */
export interface ConvertContext {
  /**
   * Absolute path of the repository root (the workspace). Result URIs are written relative to
   * it, with forward slashes, so GitHub code scanning and the summary place them; a path outside
   * it is kept absolute as a `file://` URI.
   */
  root: string;
  /** The engine's version as it reported it (written to `tool.driver.version`). */
  version: string;
}

/** How one engine's run ended, for the `engines` output and the log. */
export type EngineStatus = 'ok' | 'failed' | 'skipped';

export interface EngineReport {
  name: EngineName;
  status: EngineStatus;
  /** The version that ran (empty when it never started). */
  version: string;
  /** Where the engine came from: PATH, tool cache, a fresh install. */
  source?: 'path' | 'cache' | 'download' | 'install';
  durationMs: number;
  /** Results it contributed (after changed-files filtering). */
  findings: number;
  /** Why it failed or was skipped, in one sentence that says how to fix it. */
  reason?: string;
}
