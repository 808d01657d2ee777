// What the actions' end-to-end tests share: the recorded events, the fork's pull request on the fake
// GitHub, and an artifact's zip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeGitHub } from '../support/fake-github.js';
import { EVENTS_DIR } from '../support/runner.js';

/** The repository the recorded events are of. */
export const OWNER = 'octo-org';
export const REPO = 'hello-service';

/** A recorded event payload of test/fixtures/events, by its file's name without `.json`. */
export const readEvent = (fixture: string) =>
  JSON.parse(readFileSync(path.join(EVENTS_DIR, `${fixture}.json`), 'utf8'));

/** pull_request.opened with the base and head commits of a repository the test built. */
export function pullRequestPayload(base: string, head: string): unknown {
  const payload = readEvent('pull_request.opened') as {
    pull_request: { base: { sha: string }; head: { sha: string } };
  };
  payload.pull_request.base.sha = base;
  payload.pull_request.head.sha = head;
  return payload;
}

/** Pull request #12, from the fork contributor/hello-service, as pull_request.synchronize.fork has it. */
export function addForkPullRequest(f: FakeGitHub): void {
  const fork = readEvent('pull_request.synchronize.fork');
  f.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 12,
    headSha: fork.pull_request.head.sha,
    baseSha: fork.pull_request.base.sha,
    headRepo: 'contributor/hello-service',
    headRef: fork.pull_request.head.ref,
  });
}

/** A zip of `files` (name → text), deflated by Python's zipfile, as an artifact's data. */
export function zipOf(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-artifact-'));
  const zip = path.join(dir, 'a.zip');
  writeFileSync(path.join(dir, 'files.json'), JSON.stringify(files));
  execFileSync('python3', [
    '-c',
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED)\nfor n,t in json.load(open(sys.argv[2])).items(): z.writestr(n,t)\nz.close()',
    zip,
    path.join(dir, 'files.json'),
  ]);
  return readFileSync(zip);
}
