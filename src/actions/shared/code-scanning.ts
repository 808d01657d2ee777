/**
 * The SARIF files our actions write go to GitHub code scanning as they are: cut to its limits
 * (src/sarif/code-scanning-limits.ts), with a warning for each cut and for each limit that cannot
 * be cut, so the upload never fails or drops results without the log saying why.
 */
import * as core from '@actions/core';
import { describeLimit, fitForCodeScanning, type FittedLog } from '../../sarif/code-scanning-limits.js';

/**
 * `log` fitted to code scanning's limits, and what was cut; `file` names it in the warnings,
 * `advice` says how the action's user stays under the limits.
 */
export function fitSarifForCodeScanning<T extends { runs: unknown[] }>(
  log: T,
  file: string,
  advice: string,
): FittedLog<T> {
  const fitted = fitForCodeScanning(log);
  for (const entry of fitted.cut)
    core.warning(describeLimit(entry, file, true, advice), { title: 'SARIF cut to code scanning limits' });
  for (const entry of fitted.over)
    core.warning(describeLimit(entry, file, false, advice), { title: 'SARIF over code scanning limits' });
  return fitted;
}
