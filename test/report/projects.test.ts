// The per-project breakdown (src/report/projects.ts): which project holds a finding, the counts of
// each, the `projects` input, and how the comment and the terminal show it, through report.json too.
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings/finding.js';
import { renderCommentMarkdown } from '../../src/report/comment-markdown.js';
import {
  countByProject,
  normaliseProjectPath,
  parseProjects,
  projectLocator,
  type ProjectRef,
} from '../../src/report/projects.js';
import { MAX_PROJECT_ROWS, projectTable } from '../../src/report/projects-markdown.js';
import { deserializeReport, serializeReport } from '../../src/report/serialize.js';
import { renderTerminalText } from '../../src/report/terminal-text.js';
import { validateSerializedReport } from '../../src/report/validate.js';
import { makeFinding, makeReport } from './report-builders.js';

const at = (path: string, overrides: Partial<Finding> = {}): Finding =>
  makeFinding({ location: { path, linkable: true, startLine: 1 }, ...overrides });

const projects = (...paths: string[]): ProjectRef[] =>
  paths.map((p) => ({ name: p === '.' ? 'root' : p, path: p }));

/** A report classified by a baseline: `now` are the head's findings, `before` the base's. */
function reportOf(now: Finding[], before: Finding[], refs: ProjectRef[]) {
  return makeReport(now, { classification: { kind: 'baseline', baseline: before }, projects: refs });
}

describe('projectLocator', () => {
  const locate = projectLocator(projects('app', 'app/api', 'libs/common', 'go-service'));

  it('matches at folder boundaries only: app holds app/x, not app2/x or apple.go', () => {
    expect(locate('app/main.go')).toBe(0);
    expect(locate('app2/main.go')).toBe(-1);
    expect(locate('apple.go')).toBe(-1);
    expect(locate('app')).toBe(0);
    expect(locate('go-service/cmd/server/main.go')).toBe(3);
    expect(locate('go-services/main.go')).toBe(-1);
  });

  it('gives a nested path to the deepest project', () => {
    expect(locate('app/api/handler.go')).toBe(1);
    expect(locate('app/apix/handler.go')).toBe(0);
    expect(locate('libs/common/x.ts')).toBe(2);
    expect(locate('libs/other/x.ts')).toBe(-1);
  });

  it('reads ./ prefixes and backslashes, and is case-sensitive as git is', () => {
    expect(locate('./app/main.go')).toBe(0);
    expect(locate('app\\api\\h.go')).toBe(1);
    expect(locate('App/main.go')).toBe(-1);
  });

  it('leaves to the root project what no other project holds, a missing location included', () => {
    const withRoot = projectLocator(projects('.', 'app'));
    expect(withRoot('app/main.go')).toBe(1);
    expect(withRoot('app2/main.go')).toBe(0);
    expect(withRoot('README.md')).toBe(0);
    expect(withRoot(undefined)).toBe(0);
    expect(withRoot('/usr/lib/x.so')).toBe(0);
    expect(projectLocator(projects('app'))(undefined)).toBe(-1);
  });
});

describe('normaliseProjectPath', () => {
  it.each([
    ['.', '.'],
    ['', '.'],
    ['./', '.'],
    ['app', 'app'],
    ['./app/', 'app'],
    ['app//api/./x', 'app/api/x'],
    ['app\\api', 'app/api'],
  ])('%p is %p', (raw, normal) => {
    expect(normaliseProjectPath(raw)).toBe(normal);
  });

  it.each(['/abs/app', '../other', 'app/../../x', 'C:/app'])('refuses %p', (raw) => {
    expect(normaliseProjectPath(raw)).toBeUndefined();
  });
});

describe('countByProject', () => {
  it('counts new, fixed and existing per project, and what lies outside every project', () => {
    const kept = at('app/a.go');
    const moved = at('app2/b.go');
    const gone = at('app/api/c.go');
    const added = at('app/api/d.go');
    const elsewhere = at('tools/e.py');
    const noLocation = makeFinding();
    delete noLocation.location;
    const report = reportOf(
      [kept, moved, added, elsewhere, noLocation],
      [kept, moved, gone, noLocation],
      projects('app', 'app/api', 'app2', 'empty'),
    );
    expect(report.projects).toEqual({
      items: [
        { name: 'app', path: 'app', new: 0, fixed: 0, existing: 1 },
        { name: 'app/api', path: 'app/api', new: 1, fixed: 1, existing: 0 },
        { name: 'app2', path: 'app2', new: 0, fixed: 0, existing: 1 },
        { name: 'empty', path: 'empty', new: 0, fixed: 0, existing: 0 },
      ],
      outside: { new: 1, fixed: 0, existing: 1 },
    });
    // Every finding counted once: the rows add up to the report's counts.
    const rows = [...(report.projects?.items ?? []), report.projects?.outside];
    const sum = (k: 'new' | 'fixed' | 'existing') => rows.reduce((n, r) => n + (r?.[k] ?? 0), 0);
    expect([sum('new'), sum('fixed'), sum('existing')]).toEqual([
      report.counts.new,
      report.counts.fixed,
      report.counts.existing,
    ]);
  });

  it('gives the root project everything the others do not hold: no outside row', () => {
    const report = reportOf(
      [at('go-service/main.go'), at('README.md'), at('node-service2/x.js')],
      [],
      projects('.', 'go-service', 'node-service'),
    );
    expect(report.projects).toEqual({
      items: [
        { name: 'root', path: '.', new: 2, fixed: 0, existing: 0 },
        { name: 'go-service', path: 'go-service', new: 1, fixed: 0, existing: 0 },
        { name: 'node-service', path: 'node-service', new: 0, fixed: 0, existing: 0 },
      ],
    });
  });

  it('has no outside row when every finding is in a project, and leaves ignored findings out', () => {
    const report = makeReport([at('app/x.go')], {
      projects: projects('app'),
      ignored: [{ finding: at('app/y.go'), ignored: { reason: 'test data', by: 'ignore[0]' } }],
    });
    expect(report.counts.ignored).toBe(1);
    expect(report.projects).toEqual({ items: [{ name: 'app', path: 'app', new: 1, fixed: 0, existing: 0 }] });
  });

  it('is absent without projects, and pure: the counts follow the findings given', () => {
    expect(makeReport([at('app/x.go')]).projects).toBeUndefined();
    const findings = [at('a/1'), at('a/2'), at('b/3')].map((f) => ({ ...f, state: 'existing' as const }));
    expect(countByProject(findings, projects('a', 'b')).items.map((p) => p.existing)).toEqual([2, 1]);
  });
});

describe('parseProjects', () => {
  it("takes the discover action's projects output, extra fields ignored, paths normalised", () => {
    const text = JSON.stringify([
      { name: 'go-service', path: 'go-service', languages: ['go'] },
      { name: 'web', path: './apps/web/', languages: ['javascript'], extra: { x: 1 } },
      { name: 'root', path: '.' },
    ]);
    expect(parseProjects(text)).toEqual({
      ok: true,
      projects: [
        { name: 'go-service', path: 'go-service' },
        { name: 'web', path: 'apps/web' },
        { name: 'root', path: '.' },
      ],
    });
    expect(parseProjects('[]')).toEqual({ ok: true, projects: [] });
  });

  it.each([
    ['not JSON', '[{name: "a"}]', [expect.stringMatching(/^it is not JSON \(/)]],
    ['an object', '{"name":"a","path":"a"}', ['it is an object, not an array']],
    [
      "the discover action's matrix",
      '{"include":[{"name":"a","path":"a"}]}',
      [
        "it is an object, not an array (that is the discover action's 'matrix' output: give its 'projects' output)",
      ],
    ],
    ['a string item', '["a"]', ['[0] is the string "a", not an object with name and path']],
    [
      'a missing name and a numeric path',
      '[{"path":"a"},{"name":"b","path":3}]',
      [
        '[0].name is missing (it must be a non-empty string)',
        "[1].path must be a string: the project's folder, relative to the repository root ('.' for the root), not the number 3",
      ],
    ],
    [
      'an empty name',
      '[{"name":" ","path":"a"}]',
      ['[0].name must be a non-empty string, not the string " "'],
    ],
    [
      'paths outside the repository',
      '[{"name":"a","path":"../a"},{"name":"b","path":"/b"}]',
      [
        '[0].path "../a" must be relative to the repository root, and inside it',
        '[1].path "/b" must be relative to the repository root, and inside it',
      ],
    ],
    [
      'one folder twice',
      '[{"name":"a","path":"app"},{"name":"b","path":"./app/"}]',
      ['[1].path "./app/" is the folder of [0] too: give each project its own folder'],
    ],
  ])('refuses %s, saying where and why', (_, text, errors) => {
    expect(parseProjects(text)).toEqual({ ok: false, errors });
  });

  it('lists at most five problems', () => {
    const result = parseProjects(JSON.stringify(Array.from({ length: 8 }, () => 1)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(6);
    if (!result.ok) expect(result.errors.at(-1)).toBe('… and 3 more');
  });
});

describe('the per-project table', () => {
  const report = reportOf(
    [at('go-service/main.go'), at('go-service/db.go'), at('node-service/app.js'), at('scripts/x.sh')],
    [at('python-service/app.py')],
    [
      { name: 'go-service', path: 'go-service' },
      { name: 'node-service', path: 'node-service' },
      { name: 'python <b>@team</b> | x', path: 'python-service' },
    ],
  );
  const comment = renderCommentMarkdown(report, { budget: 65_536, unit: 'chars' });

  it('is near the top of the comment, one row per project, names escaped, and an outside row', () => {
    const lines = comment.split('\n');
    const head = lines.indexOf('| Project | New | Fixed | Existing |');
    expect(head).toBeGreaterThan(0);
    expect(head).toBeLessThan(lines.findIndex((l) => l.startsWith('#### New in this pull request')));
    expect(lines.slice(head, head + 6)).toEqual([
      '| Project | New | Fixed | Existing |',
      '| --- | ---: | ---: | ---: |',
      '| go-service | **2** | 0 | 0 |',
      '| node-service | **1** | 0 | 0 |',
      '| python &lt;b&gt;@\u200bteam&lt;/b&gt; \\| x <sub>`python-service`</sub> | 0 | 1 | 0 |',
      '| _outside the projects_ | **1** | 0 | 0 |',
    ]);
  });

  it('is not there without projects', () => {
    const plain = makeReport([at('go-service/main.go')]);
    expect(renderCommentMarkdown(plain, { budget: 65_536, unit: 'chars' })).not.toContain('| Project |');
  });

  it('survives report.json: validated, read back and rendered, the same comment', () => {
    const json = JSON.parse(JSON.stringify(serializeReport(report))) as unknown;
    const checked = validateSerializedReport(json);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const back = deserializeReport(checked.report);
    expect(back.projects).toEqual(report.projects);
    expect(renderCommentMarkdown(back, { budget: 65_536, unit: 'chars' })).toBe(comment);
  });

  it('is refused in report.json with a field of its own, or a count below 0', () => {
    const json = JSON.parse(JSON.stringify(serializeReport(report))) as {
      projects: { items: Record<string, unknown>[]; outside: Record<string, unknown> };
    };
    json.projects.items[0]!.markdown = '| forged |';
    json.projects.outside.new = -1;
    const checked = validateSerializedReport(json);
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.errors).toEqual([
        '/projects/items/0/markdown: not a field of this project (a report never carries pre-rendered markdown)',
        '/projects/outside/new: must be at least 0, not -1',
      ]);
  });

  it('shows the busiest projects when there are too many, and says how many more', () => {
    const many = Array.from({ length: MAX_PROJECT_ROWS + 5 }, (_, i) => ({
      name: `p${i}`,
      path: `p${i}`,
      new: i === MAX_PROJECT_ROWS + 4 ? 3 : 0,
      fixed: 0,
      existing: i % 2,
    }));
    const lines = projectTable({ items: many });
    expect(lines.filter((l) => /^\| p\d+ /.test(l))).toHaveLength(MAX_PROJECT_ROWS);
    expect(lines).toContain(`| p${MAX_PROJECT_ROWS + 4} | **3** | 0 | 0 |`);
    expect(lines).toContain('_… and 5 more projects in report.json._');
  });

  it('is one line per project in the terminal', () => {
    const text = renderTerminalText(report, { color: false });
    expect(text).toContain(
      [
        'By project',
        '  go-service: 2 new · 0 fixed · 0 existing',
        '  node-service: 1 new · 0 fixed · 0 existing',
        '  python <b>@team</b> | x (python-service): 0 new · 1 fixed · 0 existing',
        '  outside the projects: 1 new · 0 fixed · 0 existing',
      ].join('\n'),
    );
  });
});
