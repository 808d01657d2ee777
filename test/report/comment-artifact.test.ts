import { describe, expect, it } from '@jest/globals';
import { MAX_COMMENT_CHARS, renderCommentMarkdown } from '../../src/report/comment-markdown.js';
import { makeFinding, makeReport } from './report-builders.js';

describe('the comment links the report artifact when it is uploaded', () => {
  const report = makeReport([makeFinding({ severity: 'high' })]);
  const render = (artifact?: { name: string; url: string }) =>
    renderCommentMarkdown(report, {
      budget: MAX_COMMENT_CHARS,
      unit: 'chars',
      ...(artifact ? { artifact } : {}),
    });

  it('names report.html and links the run’s artifacts', () => {
    expect(
      render({ name: 'pavedpath-report', url: 'https://github.com/o/r/actions/runs/7#artifacts' }),
    ).toContain(
      '<sub>The whole report, as one page with filters (report.html) and as report.json: [the pavedpath-report artifact](https://github.com/o/r/actions/runs/7#artifacts)</sub>',
    );
  });

  it('says nothing without an artifact, or with a URL that is not https; the name is escaped', () => {
    expect(render()).not.toContain('The whole report');
    expect(render({ name: 'x', url: 'javascript:alert(1)' })).not.toContain('The whole report');
    const odd = render({
      name: 'a](https://evil.example) [b',
      url: 'https://github.com/o/r/actions/runs/7#artifacts',
    });
    expect(odd).not.toContain('](https://evil.example)');
  });
});
