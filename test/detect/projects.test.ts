import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { discoverProjects } from '../../src/detect/projects.js';
import { listFiles } from '../support/file-tree.js';
import { REPO_ROOT } from '../support/runner.js';

describe('discoverProjects', () => {
  it('a repository holding the three examples: three projects, each with its language', () => {
    const files = listFiles(path.join(REPO_ROOT, 'examples')).filter((f) => f.includes('-service/'));
    expect(discoverProjects(files)).toEqual([
      { path: 'go-service', name: 'go-service', languages: ['go'] },
      { path: 'node-service', name: 'node-service', languages: ['javascript'] },
      { path: 'python-service', name: 'python-service', languages: ['python'] },
    ]);
  });

  it('the monorepo fixture: nested folders, each project once, named safely for artifacts', () => {
    const files = listFiles(path.join(REPO_ROOT, 'test', 'fixtures', 'sast', 'monorepo'));
    expect(discoverProjects(files)).toEqual([
      { path: 'services/api', name: 'services-api', languages: ['go'] },
      { path: 'tools/report', name: 'tools-report', languages: ['python'] },
      { path: 'web', name: 'web', languages: ['javascript', 'typescript'] },
    ]);
  });

  it('a marker at the root makes the whole repository one project', () => {
    expect(
      discoverProjects(['package.json', 'src/a.ts', 'tools/gen/go.mod', 'tools/gen/main.go'], 'hello'),
    ).toEqual([{ path: '.', name: 'hello', languages: ['go', 'typescript'] }]);
  });

  it('a project nested in another is part of it; folders without source files are no project', () => {
    expect(
      discoverProjects([
        'apps/web/package.json',
        'apps/web/src/index.js',
        'apps/web/packages/ui/package.json',
        'apps/web/packages/ui/button.js',
        'docs/package.json',
        'docs/README.md',
        'infra/main.tf',
      ]),
    ).toEqual([{ path: 'apps/web', name: 'apps-web', languages: ['javascript'] }]);
  });

  it('no marker, no project; source files without a marker are not a project either', () => {
    expect(discoverProjects(['README.md', 'scripts/x.py'])).toEqual([]);
  });
});
