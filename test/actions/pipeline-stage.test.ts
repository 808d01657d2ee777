import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  findActionsDir,
  parseOutputFile,
  runStage,
  stageDefaults,
} from '../../src/actions/pipeline/stage.js';
import { REPO_ROOT } from '../support/runner.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'pavedpath-stage-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('parseOutputFile', () => {
  it('reads name=value lines and heredoc blocks as @actions/core writes them; the last value wins', () => {
    const text = [
      'verdict=pass',
      'counts<<ghadelimiter_1',
      '{"new":1,',
      '"fixed":0}',
      'ghadelimiter_1',
      'verdict=fail',
      'empty=',
      '',
    ].join('\n');
    expect(parseOutputFile(text)).toEqual({ verdict: 'fail', counts: '{"new":1,\n"fixed":0}', empty: '' });
  });
});

describe('stageDefaults', () => {
  it("are the stage's action.yml defaults, with ${{ github.token }} as the pipeline's token", () => {
    const defaults = stageDefaults(findActionsDir(), 'summary', 'ghs_pipeline');
    expect(findActionsDir()).toBe(path.join(REPO_ROOT, 'actions'));
    expect(defaults.token).toBe('ghs_pipeline');
    expect(defaults['upload-artifact']).toBe('auto');
    // No default: empty means the config file's value, which a default would hide.
    expect(defaults['fail-on']).toBeUndefined();
    expect(defaults.config).toBeUndefined();
  });

  it('refuses an expression it cannot evaluate, naming the file and input', () => {
    const dir = mkdtempSync(path.join(scratch, 'actions-'));
    const summary = path.join(dir, 'summary');
    mkdirSync(summary);
    writeFileSync(path.join(summary, 'action.yml'), 'inputs:\n  ref:\n    default: ${{ github.ref }}\n');
    expect(() => stageDefaults(dir, 'summary', 't')).toThrow(
      `${path.join(summary, 'action.yml')}: the default of 'ref' is an expression the pipeline cannot evaluate (\${{ github.ref }})`,
    );
  });
});

describe('runStage', () => {
  it("runs a stage with its inputs only, captures its outputs and failure, and restores the process's state", async () => {
    process.env.INPUT_KEEP = 'outer';
    process.env.GITHUB_OUTPUT = path.join(scratch, 'outer-output');
    writeFileSync(process.env.GITHUB_OUTPUT, '');
    process.exitCode = undefined;
    const seen: Record<string, string | undefined> = {};
    const result = await runStage(
      'summary',
      () => {
        seen.failOn = process.env['INPUT_FAIL-ON'];
        seen.keep = process.env.INPUT_KEEP;
        seen.token = process.env.INPUT_TOKEN;
        writeFileSync(process.env.GITHUB_OUTPUT ?? '', 'verdict=fail\n');
        process.exitCode = 1;
        return Promise.resolve();
      },
      { 'fail-on': 'low' },
      { actionsDir: findActionsDir(), token: 'ghs_x', scratch },
    );
    expect(seen).toEqual({ failOn: 'low', keep: undefined, token: 'ghs_x' });
    expect(result).toMatchObject({ name: 'summary', ok: false, outputs: { verdict: 'fail' } });
    expect(process.exitCode).toBeUndefined();
    expect(process.env.INPUT_KEEP).toBe('outer');
    expect(process.env['INPUT_FAIL-ON']).toBeUndefined();
    expect(process.env.GITHUB_OUTPUT).toBe(path.join(scratch, 'outer-output'));
    delete process.env.INPUT_KEEP;
  });
});

describe('the all-in-one action.yml', () => {
  interface Metadata {
    inputs: Record<string, { default?: string } | null>;
  }
  const load = (file: string) => parseYaml(readFileSync(file, 'utf8')) as Metadata;
  const root = load(path.join(REPO_ROOT, 'action.yml'));
  /** Root input → the stage input it is handed to. */
  const HANDED: Record<string, [string, string]> = {
    engines: ['sast', 'engines'],
    'sast-config': ['sast', 'config'],
    'changed-files-only': ['sast', 'changed-files-only'],
    'tools-mirror': ['sast', 'tools-mirror'],
    category: ['sast', 'category'],
    'allow-licenses': ['dependency-review', 'allow-licenses'],
    'deny-licenses': ['dependency-review', 'deny-licenses'],
    'offline-db': ['dependency-review', 'offline-db'],
    'osv-api-url': ['dependency-review', 'osv-api-url'],
    'sbom-format': ['sbom', 'format'],
    'fail-on': ['summary', 'fail-on'],
    'fail-on-scope': ['summary', 'fail-on-scope'],
    config: ['summary', 'config'],
    comment: ['summary', 'comment'],
    token: ['summary', 'token'],
    'upload-artifact': ['summary', 'upload-artifact'],
    'artifact-name': ['summary', 'artifact-name'],
    path: ['sast', 'path'],
  };

  it('has the same defaults as the single actions for every input it hands on', () => {
    const problems: string[] = [];
    for (const [input, [stage, name]] of Object.entries(HANDED)) {
      const mine = root.inputs[input]?.default;
      const theirs = load(path.join(REPO_ROOT, 'actions', stage, 'action.yml')).inputs[name]?.default;
      if (String(mine) !== String(theirs))
        problems.push(`${input}: ${String(mine)} here, ${String(theirs)} in actions/${stage}`);
    }
    expect(problems).toEqual([]);
    // Every input is either handed to a stage or the pipeline's own.
    expect(
      Object.keys(root.inputs)
        .filter((i) => !(i in HANDED))
        .sort(),
    ).toEqual(['baseline-dir']);
  });
});
