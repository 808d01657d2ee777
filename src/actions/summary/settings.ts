/**
 * The summary's settings: action inputs over the config file over defaults (the config file can
 * set fail-on and fail-on-scope, so action.yml has no defaults for them).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
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
import { COMMENT_MODES, SummaryInputs } from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';

export interface Settings {
  config: Config;
  configFile: string | undefined;
  configErrors: ConfigError[];
  notices: string[];
  failOn: FailOn;
  failOnScope: FailOnScope;
  comment: (typeof COMMENT_MODES)[number];
}

function choice<T extends string>(input: string, allowed: readonly T[]): T | undefined {
  const value = core.getInput(input).trim().toLowerCase();
  if (value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigurationError(
      `Input '${input}' is '${value}', which is not one of ${allowed.join(', ')}. Set it to one of those values.`,
    );
  }
  return value as T;
}

export function readSettings(workspace: string, today: Date): Settings {
  const failOnInput = choice(SummaryInputs.failOn, FAIL_ON_VALUES);
  const scopeInput = choice(SummaryInputs.failOnScope, FAIL_ON_SCOPES);
  const comment = choice(SummaryInputs.comment, COMMENT_MODES) ?? 'auto';
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
  };
}
