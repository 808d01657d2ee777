/**
 * Reading typed values out of YAML nodes, each problem reported at the node with the key's path,
 * a message and a hint. The structure of the config (which keys, which values) is in read-config.ts.
 */
import { type LineCounter, type Document, type Node, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ConfigError } from './errors.js';
import { globProblem } from './glob.js';
import { closest } from './suggest.js';

export type YamlNode = Node | null;

export class NodeReader {
  readonly errors: ConfigError[] = [];
  readonly #file: string;
  readonly #doc: Document;
  readonly #lines: LineCounter;

  constructor(file: string, doc: Document, lines: LineCounter) {
    this.#file = file;
    this.#doc = doc;
    this.#lines = lines;
  }

  /** The node itself, or what an alias (`*name`) points to. */
  resolve(node: unknown): YamlNode {
    if (isAlias(node)) return node.resolve(this.#doc) ?? null;
    return isScalar(node) || isMap(node) || isSeq(node) ? node : null;
  }

  /** 1-based line and column of a node's first character. */
  position(node: YamlNode): { line: number; column: number } {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  lineOf(node: YamlNode): number {
    return this.position(node).line;
  }

  /** Reports a problem at `value`, or at `key` when there is no value to point at. */
  report(value: YamlNode, key: YamlNode, path: string | undefined, message: string, hint: string): void {
    const at = value === null || (isScalar(value) && value.value === null) ? key : value;
    this.errors.push({ file: this.#file, ...this.position(at), key: path, message, hint });
  }

  unknownKey(
    keyNode: YamlNode,
    name: string,
    path: string,
    allowed: readonly string[],
    where: string,
  ): string | undefined {
    const guess = closest(name, allowed);
    const hint =
      guess === undefined
        ? `The keys ${where} are ${allowed.join(', ')}`
        : `Did you mean "${guess}"? The keys ${where} are ${allowed.join(', ')}`;
    this.report(keyNode, keyNode, path, `unknown key "${name}"`, hint);
    return guess;
  }

  /**
   * A string value, or undefined after reporting what the value is instead. `label` is how the
   * value is written in hints: `rule: ` for a key, `- ` for a list item.
   */
  string(value: YamlNode, key: YamlNode, path: string, label: string, example: string): string | undefined {
    if (isScalar(value) && typeof value.value === 'string') return value.value;
    const scalar = isScalar(value) ? value.value : undefined;
    const hint =
      typeof scalar === 'number' || typeof scalar === 'boolean'
        ? `Quote it: ${label}"${String(scalar)}"`
        : `Write one value, for example ${label}${example}`;
    this.report(value, key, path, `expected a string, got ${describe(value)}`, hint);
    return undefined;
  }

  /** A string matching `pattern` (a schema pattern), or undefined after reporting `message`. */
  matching(
    value: YamlNode,
    key: YamlNode,
    path: string,
    label: string,
    example: string,
    pattern: string,
    problem: (text: string) => { message: string; hint: string },
  ): string | undefined {
    const text = this.string(value, key, path, label, example);
    if (text === undefined) return undefined;
    if (new RegExp(pattern, 'u').test(text)) return text;
    const { message, hint } = problem(text);
    this.report(value, key, path, message, hint);
    return undefined;
  }

  enumValue<T extends string>(
    value: YamlNode,
    key: YamlNode,
    path: string,
    allowed: readonly T[],
    extraHint?: (value: unknown) => string | undefined,
  ): T | undefined {
    const text = isScalar(value) ? value.value : undefined;
    const found = allowed.find((a) => a === text);
    if (found !== undefined) return found;
    const list = allowed.join(', ');
    const message =
      typeof text === 'string'
        ? `${JSON.stringify(text)} is not one of ${list}`
        : `expected one of ${list}, got ${describe(value)}`;
    const guess = typeof text === 'string' ? closest(text, allowed) : undefined;
    const hint =
      extraHint?.(text) ?? (guess === undefined ? `Use one of ${list}` : `Did you mean "${guess}"?`);
    this.report(value, key, path, message, hint);
    return undefined;
  }

  glob(value: YamlNode, key: YamlNode, path: string, label: string): string | undefined {
    const text = this.string(value, key, path, label, '"vendor/**"');
    if (text === undefined) return undefined;
    const problem = globProblem(text);
    if (problem === undefined) return text;
    const where = text === '' ? '' : ` at character ${problem.index + 1}`;
    this.report(
      value,
      key,
      path,
      `${JSON.stringify(text)} is not a valid glob: ${problem.message}${where}`,
      problem.hint,
    );
    return undefined;
  }

  /** The items of a list, or undefined after reporting what the value is instead. */
  list(value: YamlNode, key: YamlNode, path: string, expected: string, hint: string): YamlNode[] | undefined {
    if (isSeq(value)) return value.items.map((item) => this.resolve(item));
    this.report(value, key, path, `expected ${expected}, got ${describe(value)}`, hint);
    return undefined;
  }
}

export function describe(node: YamlNode): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const value: unknown = isScalar(node) ? node.value : null;
  if (value === null || value === undefined) return 'no value';
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number') return `a number (${String(value)})`;
  if (typeof value === 'boolean') return `a boolean (${String(value)})`;
  return 'a value of another kind';
}

/** The text of a mapping key: `fail-on`, or the YAML of a key that is not a scalar. */
export function keyName(key: YamlNode): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}
