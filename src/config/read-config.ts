/**
 * The config's structure, read from the YAML mapping at the root of the file: each key, the value
 * it allows, and the Config it builds. Invalid parts are reported and left out: a bad `fail-on`
 * keeps the default, a bad exclude glob or ignore entry is dropped (so its findings still count).
 */
import { type YAMLMap, isMap, isScalar } from 'yaml';
import {
  ADVISORY_PATTERN,
  type Config,
  CWE_PATTERN,
  FAIL_ON_SCOPES,
  FAIL_ON_VALUES,
  IGNORE_ENTRY_KEYS,
  type IgnoreEntry,
  isIsoDate,
  NOT_BLANK_PATTERN,
  PACKAGE_PATTERN,
  SELECTOR_KEYS,
  TOP_LEVEL_KEYS,
  defaultConfig,
} from './schema.js';
import { type NodeReader, type YamlNode, describe, keyName } from './read-values.js';

const NEVER = new Set(['false', 'off', 'no', 'never']);

/** `fail-on: off` (or `false`, `no`, `never`) means a gate that never fails: say how to write it. */
function failOnHint(value: unknown): string | undefined {
  const never = value === false || (typeof value === 'string' && NEVER.has(value.toLowerCase()));
  return never ? 'Write "none" for a gate that never fails' : undefined;
}

function readCwe(reader: NodeReader, value: YamlNode, key: YamlNode, path: string): number | undefined {
  const raw: unknown = isScalar(value) ? value.value : undefined;
  const hint = 'Write a CWE number such as 89 or "CWE-89"';
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1) return raw;
    reader.report(value, key, path, `${String(raw)} is not a CWE id`, hint);
    return undefined;
  }
  if (typeof raw === 'string') {
    if (new RegExp(CWE_PATTERN, 'u').test(raw)) return Number(raw.replace(/^cwe-/i, ''));
    reader.report(value, key, path, `${JSON.stringify(raw)} is not a CWE id`, hint);
    return undefined;
  }
  reader.report(value, key, path, `expected a CWE id, got ${describe(value)}`, hint);
  return undefined;
}

function readEntry(reader: NodeReader, node: YamlNode, index: number): IgnoreEntry | undefined {
  const id = `ignore[${index}]`;
  if (!isMap(node)) {
    reader.report(
      node,
      node,
      id,
      `expected a mapping with a reason and at least one selector, got ${describe(node)}`,
      'Write an entry such as - { rule: G104, reason: "why these findings are safe" }',
    );
    return undefined;
  }
  const errorsBefore = reader.errors.length;
  const entry: IgnoreEntry = { id, reason: '', line: reader.lineOf(node) };
  const present = new Set<string>();
  const guessed = new Set<string>();
  for (const pair of node.items) {
    const keyNode = reader.resolve(pair.key);
    const value = reader.resolve(pair.value);
    const name = keyName(keyNode);
    const path = `${id}.${name}`;
    present.add(name);
    switch (name) {
      case 'rule':
      case 'fingerprint': {
        const example = name === 'rule' ? 'G104' : '0123456789abcdef';
        const s = reader.matching(value, keyNode, path, `${name}: `, example, NOT_BLANK_PATTERN, () => ({
          message: `${name} is blank`,
          hint: `Write the ${name} to match, as the report shows it`,
        }));
        if (s !== undefined) entry[name] = s;
        break;
      }
      case 'path':
        entry.path = reader.glob(value, keyNode, path, `${name}: `);
        break;
      case 'cwe':
        entry.cwe = readCwe(reader, value, keyNode, path);
        break;
      case 'advisory':
        entry.advisory = reader.matching(
          value,
          keyNode,
          path,
          `${name}: `,
          'GHSA-xxxx-xxxx-xxxx',
          ADVISORY_PATTERN,
          (s) => ({
            message: `${JSON.stringify(s)} is not a GHSA, CVE, PYSEC or GO advisory id`,
            hint: 'Write an id such as GHSA-xxxx-xxxx-xxxx, CVE-2024-12345, PYSEC-2024-1 or GO-2024-1234; for other ids, use rule:',
          }),
        );
        break;
      case 'package':
        entry.package = reader.matching(
          value,
          keyNode,
          path,
          `${name}: `,
          'lodash',
          PACKAGE_PATTERN,
          (s) => ({
            message: `${JSON.stringify(s)} is not a package name or purl`,
            hint: 'Write a name (lodash) or a purl (pkg:npm/lodash, or pkg:npm/lodash@4.17.20 for one version)',
          }),
        );
        break;
      case 'reason': {
        const s = reader.matching(
          value,
          keyNode,
          path,
          `${name}: `,
          '"why these findings are safe"',
          NOT_BLANK_PATTERN,
          () => ({
            message: 'the reason is blank',
            hint: 'Say why these findings are safe to ignore',
          }),
        );
        if (s !== undefined) entry.reason = s;
        break;
      }
      case 'expires': {
        const s = reader.string(value, keyNode, path, `${name}: `, '2027-01-31');
        if (s !== undefined && !isIsoDate(s)) {
          reader.report(
            value,
            keyNode,
            path,
            `${JSON.stringify(s)} is not a date`,
            'Write the date as YYYY-MM-DD, e.g. 2027-01-31',
          );
        } else if (s !== undefined) entry.expires = s;
        break;
      }
      default: {
        const guess = reader.unknownKey(keyNode, name, path, IGNORE_ENTRY_KEYS, 'of an ignore entry');
        if (guess !== undefined) guessed.add(guess);
      }
    }
  }
  if (!present.has('reason') && !guessed.has('reason')) {
    reader.report(
      node,
      node,
      `${id}.reason`,
      'missing reason',
      'Add reason: "…" saying why these findings are safe to ignore',
    );
  }
  const selectors: readonly string[] = SELECTOR_KEYS;
  const hasSelector = [...present, ...guessed].some((k) => selectors.includes(k));
  if (!hasSelector) {
    reader.report(
      node,
      node,
      id,
      'no selector: the entry would ignore every finding',
      `Add at least one of ${SELECTOR_KEYS.join(', ')}`,
    );
  }
  return reader.errors.length > errorsBefore ? undefined : entry;
}

export function readConfig(reader: NodeReader, root: YAMLMap): Config {
  const config = defaultConfig();
  for (const pair of root.items) {
    const keyNode = reader.resolve(pair.key);
    const value = reader.resolve(pair.value);
    const name = keyName(keyNode);
    switch (name) {
      case 'fail-on': {
        const v = reader.enumValue(value, keyNode, name, FAIL_ON_VALUES, failOnHint);
        if (v !== undefined) {
          config.failOn = v;
          config.explicit.failOn = true;
        }
        break;
      }
      case 'fail-on-scope': {
        const v = reader.enumValue(value, keyNode, name, FAIL_ON_SCOPES);
        if (v !== undefined) {
          config.failOnScope = v;
          config.explicit.failOnScope = true;
        }
        break;
      }
      case 'exclude': {
        const hint =
          isScalar(value) && typeof value.value === 'string'
            ? `Write it as a list: exclude: [${JSON.stringify(value.value)}]`
            : 'Write a list of path globs, e.g. exclude: ["vendor/**"]';
        const items = reader.list(value, keyNode, name, 'a list of path globs', hint) ?? [];
        items.forEach((item, i) => {
          const glob = reader.glob(item, item, `exclude[${i}]`, '- ');
          if (glob !== undefined) config.exclude.push(glob);
        });
        break;
      }
      case 'ignore': {
        const hint = 'Start each entry with "- " under ignore:, e.g. - { rule: G104, reason: "…" }';
        const items = reader.list(value, keyNode, name, 'a list of entries', hint) ?? [];
        items.forEach((item, i) => {
          const entry = readEntry(reader, item, i);
          if (entry) config.ignore.push(entry);
        });
        break;
      }
      default: {
        const ignoreKeys: readonly string[] = IGNORE_ENTRY_KEYS;
        if (ignoreKeys.includes(name)) {
          reader.report(
            keyNode,
            keyNode,
            name,
            `unknown key "${name}"`,
            `"${name}" belongs in an entry of ignore:, e.g. ignore: [{ rule: G104, reason: "…" }]`,
          );
        } else reader.unknownKey(keyNode, name, name, TOP_LEVEL_KEYS, 'at the top level');
      }
    }
  }
  return config;
}
