/** Every name an action reads or writes, in one place. Our own variables share one prefix. */

export const ENV_PREFIX = 'PAVED_PATH_';

/**
 * When the run's scans started (epoch milliseconds), for facts.json's scanSeconds: the all-in-one
 * action (and so the CLI's scan) sets it before the summary stage; a workflow may set it itself.
 */
export const SCAN_STARTED_AT_ENV = 'PAVED_PATH_SCAN_STARTED_AT';

export const SummaryInputs = {
  sarif: 'sarif',
  baseline: 'baseline',
  dependencyChanges: 'dependency-changes',
  projects: 'projects',
  sbom: 'sbom',
  failOn: 'fail-on',
  failOnScope: 'fail-on-scope',
  config: 'config',
  reportDir: 'report-dir',
  comment: 'comment',
  token: 'token',
  failOnCommentError: 'fail-on-comment-error',
  artifactName: 'artifact-name',
  uploadArtifact: 'upload-artifact',
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
  reportHtml: 'report-html',
  factsJson: 'facts-json',
  badgeJson: 'badge-json',
  commentResult: 'comment-result',
  commentId: 'comment-id',
  commentUrl: 'comment-url',
  artifactId: 'artifact-id',
} as const;

export const UPLOAD_ARTIFACT_MODES = ['auto', 'always', 'never'] as const;

export const PrCommentInputs = {
  token: 'token',
  artifactName: 'artifact-name',
  comment: 'comment',
  commitStatus: 'commit-status',
  statusContext: 'status-context',
  failOnCommentError: 'fail-on-comment-error',
} as const;

export const PrCommentOutputs = {
  pullRequest: 'pull-request',
  verdict: 'verdict',
  commentResult: 'comment-result',
  commentId: 'comment-id',
  commentUrl: 'comment-url',
} as const;

/** Where to read how fork pull requests get their comment (linked from the log). */
export const FORK_DOCS_URL = 'https://github.com/pavedpath/pavedpath/blob/main/docs/fork-pull-requests.md';

/** Where the actions of one job hand files to each other: ${RUNNER_TEMP}/pavedpath. */
export const HANDOFF_DIR = 'pavedpath';

export const DependencyReviewInputs = {
  path: 'path',
  baseRef: 'base-ref',
  headRef: 'head-ref',
  failOnSeverity: 'fail-on-severity',
  allowLicenses: 'allow-licenses',
  denyLicenses: 'deny-licenses',
  osvApiUrl: 'osv-api-url',
  offlineDb: 'offline-db',
  depsDevApiUrl: 'deps-dev-api-url',
  onNetworkError: 'on-network-error',
  includeDev: 'include-dev',
  output: 'output',
  changesOutput: 'changes-output',
} as const;

export const DependencyReviewOutputs = {
  sarif: 'sarif',
  changes: 'changes',
  vulnerableCount: 'vulnerable-count',
  addedCount: 'added-count',
  removedCount: 'removed-count',
  changedCount: 'changed-count',
} as const;

export const SbomInputs = {
  path: 'path',
  format: 'format',
  output: 'output',
  image: 'image',
  includeDev: 'include-dev',
  reproducible: 'reproducible',
  toolsMirror: 'tools-mirror',
} as const;

export const SbomOutputs = {
  sbom: 'sbom',
  componentCount: 'component-count',
  format: 'format',
} as const;

export const SBOM_FORMATS = ['cyclonedx-json', 'spdx-json', 'both'] as const;

export const SastInputs = {
  engines: 'engines',
  path: 'path',
  config: 'config',
  changedFilesOnly: 'changed-files-only',
  output: 'output',
  versions: 'versions',
  extraArgs: 'extra-args',
  category: 'category',
  toolsMirror: 'tools-mirror',
  failOnEngineError: 'fail-on-engine-error',
} as const;

export const SastOutputs = {
  sarif: 'sarif',
  findingCount: 'finding-count',
  engines: 'engines',
  status: 'status',
} as const;

export const CHANGED_FILES_MODES = ['auto', 'true', 'false'] as const;
