/** Every name an action reads or writes, in one place. Our own variables share one prefix. */

export const ENV_PREFIX = 'PAVED_PATH_';

export const SummaryInputs = {
  sarif: 'sarif',
  reportDir: 'report-dir',
} as const;

export const SummaryOutputs = {
  totalCount: 'total-count',
  counts: 'counts',
  reportJson: 'report-json',
  reportMarkdown: 'report-markdown',
} as const;

/** Where the actions of one job hand files to each other: ${RUNNER_TEMP}/pavedpath. */
export const HANDOFF_DIR = 'pavedpath';
