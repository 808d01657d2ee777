import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { detectLanguages, filesOfLanguages } from '../../src/detect/languages.js';
import { chooseEngines, uncoveredLanguages } from '../../src/sast/engines.js';
import { listFiles } from '../support/file-tree.js';
import { REPO_ROOT } from '../support/runner.js';

function engines(files: string[]): string[] {
  return chooseEngines(detectLanguages(files)).map((c) => c.engine);
}

describe('detectLanguages and chooseEngines on the examples', () => {
  it('python-service: Python only → bandit', () => {
    const files = listFiles(path.join(REPO_ROOT, 'examples', 'python-service'));
    const langs = detectLanguages(files);
    expect(langs.map((l) => l.language)).toEqual(['python']);
    expect(langs[0]?.files).toBe(6);
    expect(langs[0]?.projects).toEqual(['']);
    expect(engines(files)).toEqual(['bandit']);
  });

  it('node-service: JavaScript only → eslint-security', () => {
    const files = listFiles(path.join(REPO_ROOT, 'examples', 'node-service'));
    expect(detectLanguages(files).map((l) => l.language)).toEqual(['javascript']);
    expect(engines(files)).toEqual(['eslint-security']);
  });

  it('go-service: Go only → gosec, with the module at the root', () => {
    const files = listFiles(path.join(REPO_ROOT, 'examples', 'go-service'));
    const langs = detectLanguages(files);
    expect(langs.map((l) => l.language)).toEqual(['go']);
    expect(langs[0]?.projects).toEqual(['']);
    expect(engines(files)).toEqual(['gosec']);
  });

  it('the monorepo fixture: Go, Python, TypeScript and JavaScript → opengrep, gosec, bandit, eslint-security', () => {
    const files = [
      ...listFiles(path.join(REPO_ROOT, 'test', 'fixtures', 'sast', 'monorepo')),
      // What a checkout after `npm ci` and a build would add: never counted.
      'web/node_modules/left-pad/index.js',
      'web/node_modules/typescript/lib/typescript.js',
      'services/api/vendor/github.com/x/y/z.go',
      'tools/report/.venv/lib/python3.12/site-packages/yaml/__init__.py',
    ];
    const langs = detectLanguages(files);
    expect(Object.fromEntries(langs.map((l) => [l.language, l.files]))).toEqual({
      go: 2,
      javascript: 1,
      python: 1,
      typescript: 1,
    });
    expect(langs.find((l) => l.language === 'go')?.projects).toEqual(['services/api']);
    expect(langs.find((l) => l.language === 'python')?.projects).toEqual(['tools/report']);
    expect(langs.find((l) => l.language === 'typescript')?.projects).toEqual(['web']);
    const choices = chooseEngines(langs);
    expect(choices.map((c) => c.engine)).toEqual(['opengrep', 'gosec', 'bandit', 'eslint-security']);
    expect(choices[0]?.why).toMatch(/^several languages: Go \(2 files\)/);
    expect(filesOfLanguages(files, ['javascript', 'typescript']).sort()).toEqual([
      'web/src/index.ts',
      'web/src/render.js',
    ]);
  });
});

describe('detectLanguages edge cases', () => {
  it('counts no language from markers alone, minified bundles, .d.ts, generated or hidden folders', () => {
    expect(
      detectLanguages([
        'package.json',
        'go.mod',
        'requirements.txt',
        'public/app.min.js',
        'types/index.d.ts',
        'dist/index.js',
        'build/lib/x.py',
        '.github/scripts/release.py',
        'coverage/lcov-report/prettify.js',
      ]),
    ).toEqual([]);
  });

  it('test data is not the project: fixtures under test folders and testdata are skipped', () => {
    expect(
      detectLanguages(['main.go', 'testdata/bad.py', 'test/fixtures/app.js']).map((l) => l.language),
    ).toEqual(['go']);
  });

  it('orders by file count, accepts ./ and Windows separators', () => {
    const langs = detectLanguages(['.\\a.py', './b.py', 'src\\c.rb']);
    expect(langs.map((l) => [l.language, l.files])).toEqual([
      ['python', 2],
      ['ruby', 1],
    ]);
  });

  it('a language only the starter rules cover (Java) brings opengrep, even alone', () => {
    const choices = chooseEngines(detectLanguages(['src/main/java/App.java', 'pom.xml']));
    expect(choices.map((c) => c.engine)).toEqual(['opengrep']);
    expect(choices[0]?.why).toBe('Java (1 file): no dedicated engine, the starter rules cover it');
  });

  it('a language nothing covers (Ruby) chooses no engine, and is named as uncovered', () => {
    const langs = detectLanguages(['app/models/user.rb', 'Gemfile', 'lib/x.py']);
    expect(chooseEngines(langs).map((c) => c.engine)).toEqual(['bandit']);
    expect(uncoveredLanguages(langs).map((l) => l.language)).toEqual(['ruby']);
  });

  it('TypeScript with JavaScript is one family: no opengrep for that alone', () => {
    expect(engines(['src/a.ts', 'src/b.js', 'package.json'])).toEqual(['eslint-security']);
  });

  it('nothing to scan → no engine', () => {
    expect(engines(['README.md', 'docs/index.html'])).toEqual([]);
  });
});
