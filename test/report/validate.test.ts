// validateSerializedReport: the gate between a report.json an untrusted run wrote and the
// pr-comment action that re-renders its comment from it. Reports built the way the summary action
// builds them (real SARIF, remediation, compliance) pass; forged fields, comment markers, wrong
// types and dangling references are refused, by path, with the list of errors capped.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { COMMENT_MARKER } from '../../src/report/comment-markdown.js';
import type { Report } from '../../src/report/model.js';
import { deserializeReport, type SerializedReport, serializeReport } from '../../src/report/serialize.js';
import {
  MARKER_TEXT,
  MAX_LISTED_ERRORS,
  reportPullRequest,
  validateSerializedReport,
} from '../../src/report/validate.js';
import { describeRealWorld, REAL_WORLD, VENDORED_SARIF } from '../support/real-world.js';
import { makeFinding, makeReport, reportFromSarifDir } from './report-builders.js';

/** A report as the summary action builds it, from SARIF files on disk, for pull request 7. */
const reportFrom = (dir: string): Report => reportFromSarifDir(dir, 20);

/** report.json as the summary writes it, parsed back: what pr-comment validates. */
function asWritten(report: Report): Record<string, unknown> {
  return JSON.parse(`${JSON.stringify(serializeReport(report))}\n`) as Record<string, unknown>;
}

const vendored = asWritten(reportFrom(VENDORED_SARIF));
/** A fresh copy of the real report, to break. */
const real = (): Record<string, unknown> => structuredClone(vendored);
const findingsOf = (r: Record<string, unknown>): Record<string, unknown>[] =>
  r.findings as Record<string, unknown>[];
const first = (r: Record<string, unknown>): Record<string, unknown> => findingsOf(r)[0]!;

function errorsOf(value: unknown): string[] {
  const result = validateSerializedReport(value);
  if (result.ok) throw new Error('expected the report to be refused');
  return result.errors;
}

/** A report of `n` findings, as written. */
function manyFindings(n: number): Record<string, unknown> {
  return asWritten(makeReport(Array.from({ length: n }, () => makeFinding())));
}

describe('reports Paved Path wrote pass', () => {
  it('a report built from real SARIF files, as the summary action builds it', () => {
    const findings = findingsOf(vendored);
    expect(findings.length).toBeGreaterThan(10);
    expect((vendored.remediations as unknown[]).length).toBeGreaterThan(0);
    expect((vendored.compliance as unknown[]).length).toBeGreaterThan(0);
    expect(findings.some((f) => f.state === 'new')).toBe(true);
    const result = validateSerializedReport(vendored);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.report).toBe(vendored);
    expect(reportPullRequest(result.report)).toBe(7);
    // And it is the report again.
    expect(deserializeReport(result.report).findings).toHaveLength(findings.length);
  });

  it('reports from the builders, every optional field exercised, and an empty one', () => {
    const report = makeReport([makeFinding({ severity: 'critical', score: 9.8 }), makeFinding()], {
      ignored: [
        { finding: makeFinding(), ignored: { reason: 'test', by: 'ignore[0]', expires: '2027-01-31' } },
      ],
      remediation: () => ({
        summary: 'Upgrade.',
        links: [],
        fixedVersion: '1.2.3',
        command: 'npm i x@1.2.3',
      }),
    });
    expect(validateSerializedReport(asWritten(report)).ok).toBe(true);
    const push = asWritten(makeReport([], { context: { event: 'push' } }));
    const result = validateSerializedReport(push);
    expect(result.ok).toBe(true);
    if (result.ok) expect(reportPullRequest(result.report)).toBeUndefined();
  });

  it('text that looks like markup but opens no comment: "<!-" , "-->", "<! --", "pavedpath"', () => {
    const report = real();
    first(report).message = 'a <!- b --> c <! -- d pavedpath pr-summary <script>';
    expect(validateSerializedReport(report).ok).toBe(true);
  });
});

describeRealWorld('a report from every real-world SARIF log passes', () => {
  it('../shared/fixtures/real-world/sarif', () => {
    const report = asWritten(reportFrom(path.join(REAL_WORLD, 'sarif')));
    expect(findingsOf(report).length).toBeGreaterThan(1000);
    const result = validateSerializedReport(report);
    if (!result.ok) throw new Error(result.errors.join('\n'));
  });
});

describe('forged fields are refused, by path', () => {
  it.each([
    ['markdown', 'the report (a report never carries pre-rendered markdown)'],
    ['body', 'the report (a report never carries pre-rendered markdown)'],
    ['verdict', 'the report'],
  ])('%s at the top level', (key, what) => {
    const report = real();
    report[key] = '## All clear';
    expect(errorsOf(report)).toEqual([`/${key}: not a field of ${what}`]);
  });

  it('a forged field is listed before the other errors', () => {
    expect(errorsOf({ schemaVersion: '1.0', markdown: '## All clear' })).toEqual([
      '/markdown: not a field of the report (a report never carries pre-rendered markdown)',
      '/tool: missing (a required field of the report)',
      '/context: missing (a required field of the report)',
      '/gate: missing (a required field of the report)',
      '/counts: missing (a required field of the report)',
      '/tools: missing (a required field of the report)',
      '/rules: missing (a required field of the report)',
      '/remediations: missing (a required field of the report)',
      '/findings: missing (a required field of the report)',
      '/files: missing (a required field of the report)',
      '… and 4 more errors, not listed',
    ]);
  });

  it('markdown and body inside a finding', () => {
    const report = real();
    first(report).markdown = '## All clear';
    findingsOf(report)[3]!.body = 'x';
    expect(errorsOf(report)).toEqual([
      '/findings/0/markdown: not a field of this finding (a report never carries pre-rendered markdown)',
      '/findings/3/body: not a field of this finding (a report never carries pre-rendered markdown)',
    ]);
  });

  it('another field inside a nested object lists the fields it may have', () => {
    const report = real();
    (first(report).origin as Record<string, unknown>).href = 'https://evil.example';
    expect(errorsOf(report)).toEqual([
      '/findings/0/origin/href: not a field of this origin (its fields are file, run, result)',
    ]);
  });

  it('a key with control characters is shown escaped, never raw', () => {
    const report = real();
    report['x\n::error::forged\u202e'] = 1;
    expect(errorsOf(report)).toEqual(['/x\\n::error::forged\\u202e: not a field of the report']);
  });
});

describe('a forged comment marker in any string is refused, by path; other HTML comments are not', () => {
  const refusal = (where: string) =>
    `${where}: contains the marker of Paved Path's comment (<!-- pavedpath:pr-summary -->); a report never carries it (it could make a comment pass for Paved Path's)`;

  it('our whole marker in a finding message', () => {
    const report = real();
    findingsOf(report)[2]!.message = `fine ${COMMENT_MARKER} really`;
    expect(errorsOf(report)).toEqual([refusal('/findings/2/message')]);
  });

  it('in another letter case and spacing, in a rule help text', () => {
    const report = real();
    const rules = report.rules as Record<string, Record<string, unknown>>;
    const key = Object.keys(rules)[0]!;
    rules[key]!.help = `see <!--   ${MARKER_TEXT.toUpperCase()} -->`;
    expect(errorsOf(report)).toEqual([
      refusal(`/rules/${key.replace(/~/g, '~0').replace(/\//g, '~1')}/help`),
    ]);
  });

  it('with invisible characters slipped in', () => {
    const report = real();
    (report.gate as Record<string, unknown>).reason = '<\u200b!\u2060-- pavedpath\u200b:pr-\u00adsummary';
    expect(errorsOf(report)).toEqual([refusal('/gate/reason')]);
  });

  it('in a map key (a tool name)', () => {
    const report = manyFindings(1);
    const tools = report.tools as Record<string, unknown>;
    tools[COMMENT_MARKER] = { name: 'x' };
    expect(errorsOf(report)).toEqual([refusal(`/tools/${COMMENT_MARKER} (a key)`)]);
  });

  it('a real finding may quote an HTML comment, or the marker text alone: both are kept (renderers escape them)', () => {
    const report = manyFindings(1);
    (first(report).location as Record<string, unknown>).snippet = '<!-- TODO: remove the admin password -->';
    first(report).message = `the string ${MARKER_TEXT} is a constant`;
    expect(validateSerializedReport(report).ok).toBe(true);
  });
});

describe('wrong values are refused, by path, saying what is wrong', () => {
  const cases: [string, (r: Record<string, unknown>) => void, string[]][] = [
    [
      'a severity out of the scale',
      (r) => (findingsOf(r)[3]!.severity = 'severe'),
      ['/findings/3/severity: must be one of critical, high, medium, low, note, not "severe"'],
    ],
    [
      'a message that is a number',
      (r) => (first(r).message = 42),
      ['/findings/0/message: must be a string, not 42'],
    ],
    [
      'a location that is an array',
      (r) => (first(r).location = []),
      ['/findings/0/location: must be an object, not an array'],
    ],
    [
      'a negative count',
      (r) => ((r.counts as Record<string, unknown>).new = -1),
      ['/counts/new: must be at least 0, not -1'],
    ],
    [
      'a fractional pull request number',
      (r) => ((r.context as Record<string, unknown>).pullRequest = 7.5),
      ['/context/pullRequest: must be an integer, not 7.5'],
    ],
    ['no gate', (r) => delete r.gate, ['/gate: missing (a required field of the report)']],
    [
      'a finding without its fingerprint',
      (r) => delete first(r).fingerprint,
      ['/findings/0/fingerprint: missing (a required field of this finding)'],
    ],
    [
      'another schema version',
      (r) => (r.schemaVersion = '2.0'),
      ['/schemaVersion: must be "1.0", not "2.0"'],
    ],
    ['an empty seenBy', (r) => (first(r).seenBy = []), ['/findings/0/seenBy: must have at least 1 item']],
    [
      'a repeated CWE',
      (r) => (first(r).cwes = [89, 89]),
      ['/findings/0/cwes: must not repeat an item (items 0 and 1 are equal)'],
    ],
    [
      'a rule no rule table has',
      (r) => (first(r).rule = 'gosec/G999'),
      ['/findings/0/rule: names no rule of /rules ("gosec/G999")'],
    ],
    [
      'a rule inherited from Object.prototype',
      (r) => (first(r).rule = 'constructor'),
      ['/findings/0/rule: names no rule of /rules ("constructor")'],
    ],
    [
      'a remediation index past the list',
      (r) => (first(r).remediation = 99),
      [
        `/findings/0/remediation: there is no remediation 99 (/remediations has ${(vendored.remediations as unknown[]).length})`,
      ],
    ],
  ];

  it.each(cases)('%s', (_, breakIt, expected) => {
    const report = real();
    breakIt(report);
    expect(errorsOf(report)).toEqual(expected);
  });

  it('a long string value is shown short and escaped', () => {
    const report = real();
    first(report).severity = `${'x'.repeat(100)}\n`;
    const [error] = errorsOf(report);
    expect(error).toBe(
      `/findings/0/severity: must be one of critical, high, medium, low, note, not "${'x'.repeat(59)}…"`,
    );
  });

  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['{}', '"{}"'],
    [42, '42'],
  ])('not an object: %p', (value, shown) => {
    expect(errorsOf(value)).toEqual([`the report: must be an object, not ${shown}`]);
  });
});

describe('the list of errors is capped', () => {
  it(`a small report with hundreds of errors: the first ${MAX_LISTED_ERRORS}, and how many more`, () => {
    const report = manyFindings(100);
    for (const f of findingsOf(report)) {
      f.severity = 'severe';
      f.markdown = 'x';
    }
    const errors = errorsOf(report);
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors[0]).toBe(
      '/findings/0/markdown: not a field of this finding (a report never carries pre-rendered markdown)',
    );
    // Forged fields are listed first.
    expect(errors[1]).toBe(
      '/findings/1/markdown: not a field of this finding (a report never carries pre-rendered markdown)',
    );
    expect(errors.at(-1)).toBe('… and 190 more errors, not listed');
  });

  it('a large report (walked part by part) with an error in every finding: the first ones, and "more"', () => {
    const report = manyFindings(2000);
    for (const f of findingsOf(report)) f.severity = 'severe';
    const errors = errorsOf(report);
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors.slice(0, 3)).toEqual([
      '/findings/0/severity: must be one of critical, high, medium, low, note, not "severe"',
      '/findings/1/severity: must be one of critical, high, medium, low, note, not "severe"',
      '/findings/2/severity: must be one of critical, high, medium, low, note, not "severe"',
    ]);
    expect(errors.at(-1)).toBe('… and more errors, not listed');
  });

  it('a large report with a few errors anywhere: each, where it is, as in a small one', () => {
    const report = manyFindings(2000);
    report.markdown = '## All clear';
    delete report.gate;
    findingsOf(report)[1234]!.location = { path: 'a.go', linkable: 'yes' };
    (report.counts as Record<string, unknown>).all = 'many';
    const errors = errorsOf(report);
    expect([...errors].sort()).toEqual(
      [
        '/markdown: not a field of the report (a report never carries pre-rendered markdown)',
        '/gate: missing (a required field of the report)',
        '/findings/1234/location/linkable: must be a boolean, not "yes"',
        '/counts/all: must be an object, not "many"',
      ].sort(),
    );
  });

  it('a large map of wrong values, inside objects the schema refers to', () => {
    const report = manyFindings(1);
    const all = (report.counts as Record<string, Record<string, unknown>>).all!;
    all.byTool = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`tool${i}`, 'many']));
    const errors = errorsOf(report);
    expect(errors.slice(0, 2)).toEqual([
      '/counts/all/byTool/tool0: must be an integer, not "many"',
      '/counts/all/byTool/tool1: must be an integer, not "many"',
    ]);
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors.at(-1)).toBe('… and more errors, not listed');
  });

  it('a large array where an object should be: one error, not one per item', () => {
    const report = manyFindings(1);
    report.tool = Array.from({ length: 100_000 }, () => ({ markdown: 'x' }));
    report.notices = Array.from({ length: 100_000 }, () => 1);
    const errors = errorsOf(report);
    expect(errors[0]).toBe('/tool: must be an object, not an array');
    expect(errors.slice(1, 3)).toEqual([
      '/notices/0: must be a string, not 1',
      '/notices/1: must be a string, not 1',
    ]);
    expect(errors.at(-1)).toBe('… and more errors, not listed');
  });

  it('hundreds of marker-carrying strings: the first ones, and "more"', () => {
    const report = manyFindings(100);
    for (const f of findingsOf(report)) f.message = COMMENT_MARKER;
    const errors = errorsOf(report);
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors[0]).toMatch(/^\/findings\/0\/message: contains the marker of Paved Path's comment/);
    expect(errors.at(-1)).toBe('… and more errors, not listed');
  });
});

describe('the validated report is the serialized one, typed', () => {
  it('and round-trips to the Report the renderers read', () => {
    const report = makeReport([makeFinding({ severity: 'critical' })]);
    const result = validateSerializedReport(asWritten(report));
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const typed: SerializedReport = result.report;
    expect(deserializeReport(typed)).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
