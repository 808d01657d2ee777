/**
 * The summary's settings: action inputs over the config file over defaults (the config file can
 * set fail-on and fail-on-scope, so action.yml has no defaults for them).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { DEFAULT_ARTIFACT_NAME } from '../../github/artifact-download.js';
import type { ConfigError } from '../../config/errors.js';
import { parseConfig } from '../../config/parse.js';
import {
  CONFIG_FILE,
  type Config,
  FAIL_ON_SCOPES,
  FAIL_ON_VALUES,
  type FailOn,
  type FailOnScope,
} from '../../config/schema.js';
import { COMMENT_MODES, type CommentMode } from '../../github/sticky-comment.js';
import { parseProjects, type ProjectRef } from '../../report/projects.js';
import { SummaryInputs, UPLOAD_ARTIFACT_MODES } from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { booleanInput, choice } from '../shared/inputs.js';

export interface Settings {
  config: Config;
  configFile: string | undefined;
  configErrors: ConfigError[];
  notices: string[];
  failOn: FailOn;
  failOnScope: FailOnScope;
  comment: CommentMode;
  uploadArtifact: (typeof UPLOAD_ARTIFACT_MODES)[number];
  failOnCommentError: boolean;
  artifactName: string;
  /** A monorepo's projects (input projects): the report counts the findings of each. */
  projects: ProjectRef[] | undefined;
}

/** The `projects` input: empty (or `[]`) means no per-project breakdown. */
function readProjects(): ProjectRef[] | undefined {
  const text = core.getInput(SummaryInputs.projects).trim();
  if (text === '') return undefined;
  const parsed = parseProjects(text);
  if (!parsed.ok) {
    throw new ConfigurationError(
      `Input '${SummaryInputs.projects}' is not a list of projects: ${parsed.errors.join('; ')}. Give a JSON array of {"name": …, "path": …} objects, paths relative to the repository root, such as the discover action's 'projects' output.`,
    );
  }
  return parsed.projects.length > 0 ? parsed.projects : undefined;
}

export function readSettings(workspace: string, today: Date): Settings {
  const failOnInput = choice(SummaryInputs.failOn, FAIL_ON_VALUES);
  const scopeInput = choice(SummaryInputs.failOnScope, FAIL_ON_SCOPES);
  const comment = choice(SummaryInputs.comment, COMMENT_MODES) ?? 'auto';
  const uploadArtifact = choice(SummaryInputs.uploadArtifact, UPLOAD_ARTIFACT_MODES) ?? 'auto';
  const failOnCommentError = booleanInput(SummaryInputs.failOnCommentError, false);
  const artifactName = core.getInput(SummaryInputs.artifactName).trim() || DEFAULT_ARTIFACT_NAME;
  const projects = readProjects();
  const configInput = core.getInput(SummaryInputs.config).trim();
  const configPath = path.resolve(workspace, configInput || CONFIG_FILE);
  const shown = path.relative(workspace, configPath) || configPath;
  let parsed = parseConfig('', shown, today);
  let configFile: string | undefined;
  if (existsSync(configPath)) {
    parsed = parseConfig(readFileSync(configPath, 'utf8'), shown, today);
    configFile = shown;
  } else if (configInput !== '') {
    throw new ConfigurationError(
      `The config file '${configInput}' (input '${SummaryInputs.config}') does not exist. Create it, or remove the input to use ${CONFIG_FILE} when present.`,
    );
  }
  return {
    config: parsed.config,
    configFile,
    configErrors: parsed.errors,
    notices: parsed.notices,
    failOn: failOnInput ?? parsed.config.failOn,
    failOnScope: scopeInput ?? parsed.config.failOnScope,
    comment,
    uploadArtifact,
    failOnCommentError,
    artifactName,
    projects,
  };
}
