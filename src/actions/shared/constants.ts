/** Every name an action reads or writes, in one place. Our own variables share one prefix. */

export const ENV_PREFIX = 'PAVED_PATH_';

export const SummaryInputs = {
  sarif: 'sarif',
  baseline: 'baseline',
  sbom: 'sbom',
  failOn: 'fail-on',
  failOnScope: 'fail-on-scope',
  config: 'config',
  reportDir: 'report-dir',
  comment: 'comment',
  token: 'token',
} as const;

export const SummaryOutputs = {
  verdict: 'verdict',
  newCount: 'new-count',
  fixedCount: 'fixed-count',
  existingCount: 'existing-count',
  totalCount: 'total-count',
  counts: 'counts',
  reportJson: 'report-json',
  reportMarkdown: 'report-markdown',
} as const;

export const COMMENT_MODES = ['auto', 'always', 'never', 'on-change'] as const;

/** Where the actions of one job hand files to each other: ${RUNNER_TEMP}/pavedpath. */
export const HANDOFF_DIR = 'pavedpath';
