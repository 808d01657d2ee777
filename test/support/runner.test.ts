import { describe, expect, it } from '@jest/globals';
import { annotationsOf, parseKeyValueFile, parseWorkflowCommands } from './runner/workflow-commands.js';
import { actionDefaults, inputVariable, runAction } from './runner.js';

describe('runner harness', () => {
  it('names inputs as the runner does', () => {
    expect(inputVariable('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputVariable('who name')).toBe('INPUT_WHO_NAME');
  });

  it("sets the action.yml input defaults as the runner does, github.token becoming the run's token", () => {
    const defaults = actionDefaults('pr-comment', 'ghs_abc');
    expect(defaults).toMatchObject({
      token: 'ghs_abc',
      'artifact-name': 'pavedpath-report',
      'commit-status': 'false',
    });
    // Inputs without a default are not set at all.
    expect(actionDefaults('summary', 'ghs_abc')).not.toHaveProperty('sarif');
    expect(actionDefaults('test/fixtures/actions/echo-action.mjs', 'x')).toEqual({});
  });

  it('runs an action with inputs and an event, and returns every channel', async () => {
    const run = await runAction({
      action: 'test/fixtures/actions/echo-action.mjs',
      inputs: { 'who name': 'Mona' },
      event: { name: 'pull_request', fixture: 'pull_request.opened' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({
      greeting: 'hello Mona',
      multi: 'line one\nline two\n=not a key',
      'event-name': 'pull_request',
      'pr-number': '7',
      'workspace-is-cwd': 'true',
    });
    expect(run.exportedEnv).toEqual({ PAVED_PATH_TEST: 'exported' });
    expect(run.addedPath).toEqual(['/opt/pavedpath/bin']);
    expect(run.state).toEqual({ started: 'yes' });
    expect(run.summary).toContain('<h1>Echo</h1>');
    expect(run.summary).toContain('inputs: Mona');
    expect(run.annotations).toEqual([
      {
        level: 'error',
        message: 'bad thing: a, b',
        title: 'Title: with, punctuation',
        file: 'src/app.js',
        line: 3,
        endLine: 4,
      },
      { level: 'warning', message: 'careful\nsecond line' },
      { level: 'notice', message: 'fyi' },
    ]);
  });

  it('reports a failed step with its exit code and error annotation', async () => {
    const run = await runAction({
      action: 'test/fixtures/actions/echo-action.mjs',
      inputs: { fail: 'true' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)).toEqual({ level: 'error', message: 'asked to fail' });
  });

  it('refuses to run a bundle that was not built', async () => {
    await expect(runAction({ action: 'no-such-action' })).rejects.toThrow(/npm run build/);
  });
});

describe('workflow command and file parsing', () => {
  it('unescapes messages and properties like the runner', () => {
    const commands = parseWorkflowCommands(
      'plain\n::warning file=a%2Cb.js,line=2::50%25 done%0Anext\n::debug::x',
    );
    expect(commands).toEqual([
      { command: 'warning', properties: { file: 'a,b.js', line: '2' }, message: '50% done\nnext' },
      { command: 'debug', properties: {}, message: 'x' },
    ]);
    expect(annotationsOf(commands)).toEqual([
      { level: 'warning', file: 'a,b.js', line: 2, message: '50% done\nnext' },
    ]);
  });

  it('reads both the name=value and the heredoc form', () => {
    expect(parseKeyValueFile('a=1\nb<<EOF\nx\ny=z\nEOF\nc=\n')).toEqual({ a: '1', b: 'x\ny=z', c: '' });
  });

  it('fails on a heredoc without its delimiter, as the runner does', () => {
    expect(() => parseKeyValueFile('b<<EOF\nx\n')).toThrow(/delimiter/);
  });
});
