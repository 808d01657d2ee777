/**
 * What the lockfile parsers of the ecosystems other than npm share (other-parsers.ts picks the
 * parser for a file): a line index, a collector that builds components (deduplicated, with purls,
 * hashes and the dependency graph), the project root and problems, and JSON and TOML readers that
 * report syntax errors with line and column. This module imports no parser, so the parsers and
 * other-parsers.ts import it without a cycle.
 *
 * Name-keyed tables are Maps, so a package called `__proto__` is a package like any other.
 */
import { type Node as JsonNode, type ParseError, parseTree } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import {
  type Component,
  type ComponentHash,
  componentKey,
  type Ecosystem,
  type HashAlgorithm,
  type InventoryProblem,
  type ManifestRoot,
  type ParsedManifest,
  purlFor,
  type Scope,
  type UnpinnedRequirement,
} from './component.js';

/** 1-based line and column of offsets in a text. */
export interface LineIndex {
  line(offset: number): number;
  column(offset: number): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const find = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    line: (offset) => find(offset) + 1,
    column: (offset) => offset - (starts[find(offset)] ?? 0) + 1,
  };
}

/** A scalar for a message (`3`, `"x"`), or its type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === undefined ? 'missing' : typeof value;
}

/** The text without a leading byte-order mark (Windows editors write one). */
export function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The lines of a text, without their `\n` or `\r\n` ends. */
export function textLines(text: string): string[] {
  return stripBom(text).split(/\r?\n/);
}

export interface ComponentInput {
  name: string;
  version: string;
  direct: boolean;
  scope: Scope;
  line?: number;
  license?: string;
  /** The version as the ecosystem writes it in a purl, when it differs from `version` (Go `v`). */
  purlVersion?: string;
  /** Hashes of the package artifact (see `hexHash`). */
  hashes?: ComponentHash[];
}

const HASH_HEX_LENGTH: Record<HashAlgorithm, number> = {
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
};

/** A hex digest as a ComponentHash (lower case), or undefined when it is not one of that length. */
export function hexHash(alg: HashAlgorithm, hex: string | undefined): ComponentHash | undefined {
  if (hex === undefined) return undefined;
  const value = hex.trim();
  return new RegExp(`^[0-9a-fA-F]{${HASH_HEX_LENGTH[alg]}}$`).test(value)
    ? { alg, content: value.toLowerCase() }
    : undefined;
}

/** The name of the folder holding a manifest (`src/Api/Cargo.lock` → `Api`), `.` at the root. */
export function folderName(file: string): string {
  const parts = file.split('/');
  return parts.length > 1 ? (parts.at(-2) ?? '.') : '.';
}

/**
 * Collects what a parser finds in one file. Components are deduplicated on name (as
 * `componentKey` compares them) and version: the first line is kept, and a component is direct
 * when any occurrence is, prod when any occurrence is. Their hashes are merged; two different
 * digests of one algorithm (two files behind one component) cancel out, because neither is the
 * component's.
 *
 * The dependency graph: a parser whose format records it calls `recordsGraph()`, then `link`s each
 * component to those it depends on; every component then has `dependsOn` (sorted purls, [] for
 * none). Links to something that is not a component (a workspace crate, a platform package) are
 * the parser's to leave out. A link from a component to itself (two locked entries merged into
 * one component) is dropped.
 */
export class Collector {
  readonly components: Component[] = [];
  readonly unpinned: UnpinnedRequirement[] = [];
  readonly problems: InventoryProblem[] = [];
  readonly file: string;
  readonly ecosystem: Ecosystem;
  private readonly seen = new Map<string, Component>();
  private readonly conflicts = new Map<Component, Set<HashAlgorithm>>();
  private readonly edges = new Map<Component, Set<string>>();
  private graph = false;
  private root: ManifestRoot | undefined;

  constructor(file: string, ecosystem: Ecosystem) {
    this.file = file;
    this.ecosystem = ecosystem;
  }

  add(input: ComponentInput): Component {
    const key = `${componentKey(this.ecosystem, input.name)}@${input.version}`;
    const existing = this.seen.get(key);
    if (existing) {
      existing.direct ||= input.direct;
      if (input.scope === 'prod') existing.scope = 'prod';
      if (existing.license === undefined && input.license !== undefined) existing.license = input.license;
      if (existing.line === undefined && input.line !== undefined) existing.line = input.line;
      this.addHashes(existing, input.hashes ?? []);
      return existing;
    }
    const component: Component = {
      ecosystem: this.ecosystem,
      name: input.name,
      version: input.version,
      purl: purlFor(this.ecosystem, input.name, input.purlVersion ?? input.version),
      direct: input.direct,
      scope: input.scope,
      manifest: this.file,
    };
    if (input.license !== undefined) component.license = input.license;
    if (input.line !== undefined) component.line = input.line;
    this.addHashes(component, input.hashes ?? []);
    this.seen.set(key, component);
    this.components.push(component);
    return component;
  }

  private addHashes(component: Component, hashes: readonly ComponentHash[]): void {
    for (const hash of hashes) {
      const conflicts = this.conflicts.get(component);
      if (conflicts?.has(hash.alg)) continue;
      const list = component.hashes ?? [];
      const same = list.find((h) => h.alg === hash.alg);
      if (same === undefined) {
        component.hashes = [...list, { alg: hash.alg, content: hash.content }];
      } else if (same.content !== hash.content) {
        this.conflicts.set(component, new Set([...(conflicts ?? []), hash.alg]));
        const rest = list.filter((h) => h.alg !== hash.alg);
        if (rest.length > 0) component.hashes = rest;
        else delete component.hashes;
      }
    }
  }

  /** The format records the dependency graph: every component gets `dependsOn`. */
  recordsGraph(): void {
    this.graph = true;
  }

  /** `from` depends on `to` (both components of this file). */
  link(from: Component, to: Component): void {
    if (from === to) return;
    const set = this.edges.get(from) ?? new Set<string>();
    set.add(to.purl);
    this.edges.set(from, set);
  }

  /**
   * The project itself, and the components it depends on directly (undefined: not known). Only
   * when the file (or the one beside it) names the project: a root name is what an SBOM is titled
   * after, so a parser never makes one up (the `direct` flags say the same dependencies).
   */
  setRoot(name: string, version: string | undefined, direct: Iterable<Component> | undefined): void {
    const root: ManifestRoot = { name };
    if (version !== undefined && version !== '') root.version = version;
    if (direct !== undefined) root.dependsOn = [...new Set([...direct].map((c) => c.purl))].sort();
    this.root = root;
  }

  unpinnedRequirement(name: string, spec: string, line: number): void {
    this.unpinned.push({ ecosystem: this.ecosystem, name, spec, manifest: this.file, line });
  }

  warn(line: number | undefined, message: string, hint?: string): void {
    this.problems.push(problem('warning', this.file, line, message, hint));
  }

  result(format: string): ParsedManifest {
    if (this.graph) {
      for (const c of this.components) c.dependsOn = [...(this.edges.get(c) ?? [])].sort();
    }
    const out: ParsedManifest = {
      file: this.file,
      format,
      ecosystem: this.ecosystem,
      components: this.components,
      unpinned: this.unpinned,
      problems: this.problems,
    };
    if (this.root !== undefined) out.root = this.root;
    return out;
  }
}

export function problem(
  level: InventoryProblem['level'],
  file: string,
  line: number | undefined,
  message: string,
  hint?: string,
): InventoryProblem {
  const p: InventoryProblem = { level, file, message };
  if (line !== undefined) p.line = line;
  if (hint !== undefined) p.hint = hint;
  return p;
}

/** What a file that does not parse yields: one error, nothing else. */
export function failed(
  file: string,
  format: string,
  ecosystem: Ecosystem,
  line: number | undefined,
  message: string,
  hint: string,
): ParsedManifest {
  return {
    file,
    format,
    ecosystem,
    components: [],
    unpinned: [],
    problems: [problem('error', file, line, message, hint)],
  };
}

/** Thrown inside a parser to stop at the first syntax error; caught by `guarded`. */
export class SyntaxProblem extends Error {
  readonly line: number | undefined;
  readonly hint: string;

  constructor(line: number | undefined, message: string, hint: string) {
    super(message);
    this.line = line;
    this.hint = hint;
  }
}

/**
 * Runs a parser body; a SyntaxProblem (or any unexpected exception, which would be a bug) becomes
 * the error result, so parsers never throw.
 */
export function guarded(
  file: string,
  format: string,
  ecosystem: Ecosystem,
  body: () => ParsedManifest,
): ParsedManifest {
  try {
    return body();
  } catch (error) {
    if (error instanceof SyntaxProblem) {
      return failed(file, format, ecosystem, error.line, error.message, error.hint);
    }
    const message = error instanceof Error ? error.message : String(error);
    return failed(
      file,
      format,
      ecosystem,
      undefined,
      `could not read the file: ${message}`,
      'This is a bug in Paved Path: please report it with the file attached',
    );
  }
}

// --- JSON, with the position of every value ---------------------------------------------------

export type { JsonNode };

const JSON_ERRORS: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name in double quotes is expected',
  4: 'a value is expected',
  5: 'a colon is expected',
  6: 'a comma is expected',
  7: 'a closing brace } is expected',
  8: 'a closing bracket ] is expected',
  9: 'the document should end here',
  10: 'comments are not allowed in JSON',
  11: 'a comment is not closed',
  12: 'a string is not closed',
  13: 'a number is not finished',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character in a string',
};

export type JsonParse = { root: JsonNode } | { line: number; column: number; message: string };

/** Strict JSON (no comments, no trailing commas), as a tree whose nodes know their offsets. */
export function parseJson(text: string): JsonParse {
  const body = stripBom(text);
  if (body.trim() === '') return { line: 1, column: 1, message: 'the file is empty' };
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first !== undefined || root === undefined) {
    const offset = first?.offset ?? 0;
    const index = lineIndex(body);
    const what = first === undefined ? 'invalid JSON' : (JSON_ERRORS[first.error] ?? 'invalid JSON');
    return { line: index.line(offset), column: index.column(offset), message: what };
  }
  return { root };
}

/** The properties of an object node, in file order: key, value. */
export function jsonEntries(node: JsonNode | undefined): [string, JsonNode][] {
  if (node?.type !== 'object') return [];
  const out: [string, JsonNode][] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key?.type === 'string' && value !== undefined) out.push([key.value as string, value]);
  }
  return out;
}

/** The value of a property of an object node (the last one, as JSON.parse keeps). */
export function jsonGet(node: JsonNode | undefined, key: string): JsonNode | undefined {
  let found: JsonNode | undefined;
  for (const [k, v] of jsonEntries(node)) if (k === key) found = v;
  return found;
}

export function jsonString(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function jsonItems(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

// --- TOML -----------------------------------------------------------------------------------

export type TomlTable = Record<string, unknown>;
export type TomlParse = { data: TomlTable } | { line: number; column: number; message: string };

/** A TOML document (smol-toml builds its tables without prototypes). */
export function parseTomlText(text: string): TomlParse {
  try {
    return { data: parseToml(stripBom(text)) };
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0] ?? '';
      return {
        line: error.line,
        column: error.column,
        message: first.replace(/^Invalid TOML document: /, ''),
      };
    }
    return { line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function tableAt(table: TomlTable | undefined, key: string): TomlTable | undefined {
  if (table === undefined || !Object.hasOwn(table, key)) return undefined;
  const value = table[key];
  return isTable(value) ? value : undefined;
}

export function stringAt(table: TomlTable | undefined, key: string): string | undefined {
  if (table === undefined || !Object.hasOwn(table, key)) return undefined;
  const value = table[key];
  return typeof value === 'string' ? value : undefined;
}

export function arrayAt(table: TomlTable | undefined, key: string): unknown[] {
  if (table === undefined || !Object.hasOwn(table, key)) return [];
  const value = table[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export interface ArrayTableLines {
  /** Line of the `[[name]]` header. */
  header: number;
  /** Line of the block's own `version = …` key, when it has one. */
  version?: number;
}

/**
 * The lines of each `[[name]]` block of a TOML file, in file order (which is the order of the
 * parsed array). Undefined when the headers cannot be matched one to one with `count` entries
 * (a header inside a multi-line string, say): then components go without line numbers rather
 * than with wrong ones.
 */
export function arrayTableLines(text: string, name: string, count: number): ArrayTableLines[] | undefined {
  const lines = textLines(text);
  const header = new RegExp(`^\\[\\[\\s*${name}\\s*\\]\\]\\s*(#.*)?$`);
  const out: ArrayTableLines[] = [];
  let current: ArrayTableLines | undefined;
  lines.forEach((line, i) => {
    if (header.test(line)) {
      current = { header: i + 1 };
      out.push(current);
    } else if (line.startsWith('[')) {
      // Any other table header ([package.dependencies], [metadata]) ends the block's own keys.
      current = undefined;
    } else if (current !== undefined && current.version === undefined && /^\s*version\s*=/.test(line)) {
      current.version = i + 1;
    }
  });
  return out.length === count ? out : undefined;
}
