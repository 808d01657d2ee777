/**
 * Parsing of the SAST action's per-engine inputs (`config`, `extra-args`): plain strings in,
 * checked values or messages out.
 */
import { ENGINE_NAMES, isEngineName, type EngineName } from './types.js';

export interface EngineMap {
  /** Values given for one engine (`bandit: -c .bandit.yml`, or `bandit=…`). */
  byEngine: Partial<Record<EngineName, string>>;
  /** A value given without an engine name: it applies to every engine that runs. */
  shared?: string;
  errors: string[];
}

/**
 * `engine: value` (or `engine=value`) lines; a line without a known engine name in front is a
 * value for every engine. A blank line or a `#` comment is skipped.
 */
export function parseEngineMap(input: string, inputName: string): EngineMap {
  const map: EngineMap = { byEngine: {}, errors: [] };
  const lines = input.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([a-z][\w-]*)\s*[:=]\s*(.*)$/i.exec(line);
    const name = match?.[1]?.toLowerCase();
    const alias = name === 'eslint' ? 'eslint-security' : name;
    if (match && alias !== undefined && isEngineName(alias)) {
      if (map.byEngine[alias] !== undefined) {
        map.errors.push(`'${inputName}' line ${String(index + 1)}: ${alias} is given twice`);
      }
      map.byEngine[alias] = (match[2] ?? '').trim();
      return;
    }
    if (
      match &&
      /^[a-z][\w-]*$/i.test(match[1] ?? '') &&
      !/[/\\.]/.test(match[1] ?? '') &&
      (match[2] ?? '').trim() !== ''
    ) {
      map.errors.push(
        `'${inputName}' line ${String(index + 1)}: '${match[1] ?? ''}' is not an engine (expected one of ${ENGINE_NAMES.join(', ')}, as 'engine: value')`,
      );
      return;
    }
    if (map.shared !== undefined) {
      map.errors.push(
        `'${inputName}' line ${String(index + 1)}: only one line may omit the engine name; write 'engine: value' lines`,
      );
      return;
    }
    map.shared = line;
  });
  return map;
}

/** The value of a map for one engine: its own, else the shared one. */
export function valueFor(map: EngineMap, engine: EngineName): string | undefined {
  return map.byEngine[engine] ?? map.shared;
}

/**
 * Splits a command-line fragment into arguments the way a POSIX shell would for plain words and
 * single or double quotes (no expansion of any kind: `$HOME` stays `$HOME`). Throws on an
 * unclosed quote.
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
        current += text[i + 1] as string;
        i++;
      } else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[i + 1] as string;
      inWord = true;
      i++;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} quote in '${text}'`);
  if (inWord) args.push(current);
  return args;
}
