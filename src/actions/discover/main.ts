/**
 * The discover action: the projects of a monorepo as an Actions matrix (src/detect/projects.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { discoverProjects } from '../../detect/projects.js';
import { listFiles } from '../../io/walk.js';
import { readRunContext } from '../shared/context.js';
import { ConfigurationError } from '../shared/errors.js';

const SKIPPED = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox']);

export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const workspace = path.resolve(context.workspace);
    const given = core.getInput('path').trim() || '.';
    const root = path.resolve(workspace, given);
    const relative = path.relative(workspace, root).split(path.sep).join('/');
    if (
      relative.startsWith('..') ||
      path.isAbsolute(relative) ||
      !existsSync(root) ||
      !statSync(root).isDirectory()
    ) {
      throw new ConfigurationError(
        `Input 'path' is '${given}', which is not a folder of the checkout. Give a folder relative to the workspace, and run actions/checkout first.`,
      );
    }
    const files = listFiles(root, (dir) => SKIPPED.has(dir.split('/').pop() ?? ''));
    const repoName = (context.repository ?? 'root').split('/').pop() ?? 'root';
    const projects = discoverProjects(files, repoName).map((p) => ({
      ...p,
      path: relative === '' ? p.path : p.path === '.' ? relative : `${relative}/${p.path}`,
    }));
    if (projects.length === 0) {
      core.warning(`No project with source files of a supported language was found under '${given}'.`, {
        title: 'No projects',
      });
    }
    for (const p of projects) core.info(`${p.name}: ${p.path} (${p.languages.join(', ')})`);
    core.setOutput('matrix', JSON.stringify({ include: projects }));
    core.setOutput('projects', JSON.stringify(projects));
    core.setOutput('count', String(projects.length));
    await core.summary
      .addHeading('Paved Path: projects', 3)
      .addTable([
        [
          { data: 'Project', header: true },
          { data: 'Path', header: true },
          { data: 'Languages', header: true },
        ],
        ...projects.map((p) => [p.name, p.path, p.languages.join(', ')]),
      ])
      .write();
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(error.message);
    else
      core.setFailed(
        `Paved Path discover failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}
