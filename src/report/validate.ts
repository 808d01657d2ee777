/**
 * Is this parsed report.json a report Paved Path wrote? The pr-comment action re-renders its
 * comment from a report.json that an untrusted run (a fork's pull request) produced, so before
 * anything reads it, it is checked against schema/report.schema.json (every object closed: a
 * forged field such as pre-rendered `markdown` has nowhere to ride), then beyond the schema:
 *
 * - no string (value or map key) holds our marker (`<!-- pavedpath:pr-summary -->`, in any
 *   letter case or spacing): a forged marker could make a comment pass for our sticky comment.
 *   Other HTML comments are not refused: a real finding may quote one (a rule about comments in
 *   HTML templates, a snippet), and every renderer escapes them, so they stay inert text;
 * - every reference resolves: a finding's rule is a key of `rules`, a rule's tool a key of
 *   `tools`, a remediation index an item of `remediations` (what serializeReport always writes).
 *
 * Refusals name the JSON path (a JSON pointer) and what is wrong, at most MAX_LISTED_ERRORS of
 * them. Paths and values come from the untrusted file: they are quoted and escaped, never raw.
 *
 * Bounded on hostile input: the whole report is validated once, stopping at the first error; only
 * an invalid report is looked at again to list its errors, with every error collected
 * (ajv's allErrors) only for parts small enough that their errors cannot be many, and large parts
 * walked item by item until enough errors are found.
 *
 * Pure: a parsed JSON value in, a typed report or the errors out.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import reportSchema from '../../schema/report.schema.json' with { type: 'json' };
import { COMMENT_MARKER } from './comment-markdown.js';
import { stripInvisible } from './escape.js';
import type { SerializedReport } from './serialize.js';

export type ReportValidation = { ok: true; report: SerializedReport } | { ok: false; errors: string[] };

/** At most this many errors are listed; a last line says how many more there are. */
export const MAX_LISTED_ERRORS = 10;

/** The text of our sticky comment's marker, without the HTML comment around it. */
export const MARKER_TEXT = COMMENT_MARKER.replace(/^<!--\s*|\s*-->$/g, '');

/** Our marker as it could be forged: the comment opener, any spacing, the marker text. */
const FORGED_MARKER = new RegExp(`<!--\\s*${MARKER_TEXT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');

/**
 * A part of the report with at most this many JSON values (and keys) is validated with every
 * error collected; a larger one is walked part by part.
 */
const SMALL_PART = 5_000;

/** The report (typed) if it is one Paved Path wrote, else what is wrong with it. */
export function validateSerializedReport(value: unknown): ReportValidation {
  const schemaErrors = collectSchemaErrors(value);
  if (schemaErrors !== undefined) {
    // Forged fields first: of all errors, they are the ones a reader must see.
    const found = schemaErrors.found.sort(
      (a, b) => Number(a.keyword !== 'additionalProperties') - Number(b.keyword !== 'additionalProperties'),
    );
    return { ok: false, errors: listed(found.map(describeError), schemaErrors.uncounted) };
  }
  const report = value as SerializedReport;
  const problems = new Problems();
  forbiddenText(report, problems);
  if (!problems.full()) danglingReferences(report, problems);
  if (problems.messages.length > 0)
    return { ok: false, errors: listed(problems.messages, problems.uncounted) };
  return { ok: true, report };
}

/** The pull request the report says it is for (its context's `pullRequest`), if any. */
export function reportPullRequest(report: SerializedReport): number | undefined {
  return report.context.pullRequest;
}

// --- Schema validation -------------------------------------------------------------------------

// ajv is CommonJS: an ES default import gives its module.exports, whose `default` is the class.
const Ajv = AjvModule.default;

/** The parts of a JSON Schema node this module reads. */
interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  type?: string;
  title?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
}

const SCHEMA = reportSchema as unknown as SchemaNode & { $id: string };

/** An error at a path: ajv's, or one the walk over a large part makes in the same shape. */
interface Found {
  /** JSON pointer into the report (raw keys, ~ and / escaped). */
  path: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The schema object that holds the failing keyword (ajv's `verbose`). */
  parentSchema?: SchemaNode;
  /** The value at `path`. */
  data?: unknown;
  message?: string;
}

interface Validators {
  /** Stops at the first error. */
  first: (pointer: string) => ValidateFunction;
  /** Collects every error. */
  all: (pointer: string) => ValidateFunction;
}

let validators: Validators | undefined;

/** Compiled once, on first use; validators of a part of the schema (by JSON pointer) as asked. */
function getValidators(): Validators {
  if (validators) return validators;
  const make = (allErrors: boolean): ((pointer: string) => ValidateFunction) => {
    // strict: the schema must be exactly what ajv understands (the schema test compiles it so).
    const ajv = new Ajv({ strict: true, allErrors, verbose: true });
    const root = ajv.compile(SCHEMA);
    const parts = new Map<string, ValidateFunction>([['', root]]);
    return (pointer) => {
      let validate = parts.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${SCHEMA.$id}#${pointer}` });
        parts.set(pointer, validate);
      }
      return validate;
    };
  };
  validators = { first: make(false), all: make(true) };
  return validators;
}

interface SchemaErrors {
  found: Found[];
  /** True when the walk stopped early: there are more errors than `found`, not counted. */
  uncounted: boolean;
}

/** The schema errors of the report: undefined when it is valid. */
function collectSchemaErrors(value: unknown): SchemaErrors | undefined {
  const { first } = getValidators();
  if (first('')(value)) return undefined;
  const errors: SchemaErrors = { found: [], uncounted: false };
  collect(value, '', '', errors);
  return errors;
}

/** Appends the errors of `value` (invalid against the schema at `pointer`) found at `path`. */
function collect(value: unknown, pointer: string, path: string, errors: SchemaErrors): void {
  const { first, all } = getValidators();
  const out = errors.found;
  if (errors.uncounted) return;
  if (isSmall(value, SMALL_PART)) {
    const validate = all(pointer);
    validate(value);
    for (const e of validate.errors ?? []) out.push(fromAjv(e, path));
    return;
  }
  // A large part: walk its children where the schema describes them, so that only small parts
  // are ever validated with every error collected.
  const before = out.length;
  const [node, at] = resolve(pointer);
  // Enough found: stop, and say there are more.
  const full = (): boolean => {
    if (errors.uncounted) return true;
    if (out.length <= MAX_LISTED_ERRORS) return false;
    out.length = MAX_LISTED_ERRORS;
    errors.uncounted = true;
    return true;
  };
  if (Array.isArray(value) && node.type === 'array' && node.items) {
    const items = `${at}/items`;
    for (const [i, item] of value.entries()) {
      if (!first(items)(item)) collect(item, items, `${path}/${i}`, errors);
      if (full()) return;
    }
  } else if (isObject(value) && node.type === 'object') {
    for (const key of Object.keys(value)) {
      const child =
        node.properties && Object.hasOwn(node.properties, key)
          ? `${at}/properties/${escapePointer(key)}`
          : typeof node.additionalProperties === 'object'
            ? `${at}/additionalProperties`
            : undefined;
      if (child === undefined) {
        out.push({
          path,
          keyword: 'additionalProperties',
          params: { additionalProperty: key },
          parentSchema: node,
          data: value,
        });
      } else if (!first(child)(value[key])) {
        collect(value[key], child, `${path}/${escapePointer(key)}`, errors);
      }
      if (full()) return;
    }
    for (const key of node.required ?? []) {
      if (!Object.hasOwn(value, key)) {
        out.push({
          path,
          keyword: 'required',
          params: { missingProperty: key },
          parentSchema: node,
          data: value,
        });
      }
      if (full()) return;
    }
  }
  if (out.length === before) {
    // Nothing wrong below: the error is this part's own (its type, its length, repeated items).
    const validate = first(pointer);
    validate(value);
    const own = validate.errors?.[0];
    if (own) out.push(fromAjv(own, path));
  }
}

function fromAjv(e: ErrorObject, prefix: string): Found {
  const found: Found = {
    path: `${prefix}${e.instancePath}`,
    keyword: e.keyword,
    params: e.params as Record<string, unknown>,
    data: e.data,
  };
  if (e.parentSchema) found.parentSchema = e.parentSchema as SchemaNode;
  if (e.message !== undefined) found.message = e.message;
  return found;
}

/** The schema node at a JSON pointer, with `$ref`s and single-entry `allOf`s followed. */
function resolve(pointer: string): [SchemaNode, string] {
  let at = pointer;
  let node = schemaAt(at);
  for (let hops = 0; hops < 16; hops++) {
    if (node.$ref?.startsWith('#')) {
      at = node.$ref.slice(1);
      node = schemaAt(at);
    } else if (node.allOf?.length === 1 && node.type === undefined) {
      at = `${at}/allOf/0`;
      node = schemaAt(at);
    } else break;
  }
  return [node, at];
}

function schemaAt(pointer: string): SchemaNode {
  let node: unknown = SCHEMA;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node =
      typeof node === 'object' && node !== null && Object.hasOwn(node, key)
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  if (!isObject(node)) throw new Error(`report schema: no node at ${pointer}`);
  return node;
}

/** True when `value` holds at most `budget` JSON values and keys (counted without recursion). */
function isSmall(value: unknown, budget: number): boolean {
  let count = 1;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      count += v.length;
      if (count > budget) return false;
      stack.push(...(v as unknown[]));
    } else if (isObject(v)) {
      // Key by key, so that a huge object is given up on without listing all its keys.
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        count += 2;
        if (count > budget) return false;
        stack.push(v[key]);
      }
    }
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// --- Messages ----------------------------------------------------------------------------------

/** Keys that would carry pre-rendered output: said so when a report has one. */
const RENDERED = /markdown|body|html|comment|rendered/i;

/** What to call an object of the schema in "not a field of this …", by its title. */
const NOUNS: Record<string, string> = {
  Ignored: 'ignored entry',
  Counts: 'counts object',
  'Finding counts': 'counts object',
  'Counts by severity': 'count by severity',
  'Counts by state': 'counts object',
};

function describeError(found: Found): string {
  const { keyword, params, data } = found;
  const schema = found.parentSchema;
  const path = showPath(found.path);
  const isRoot = found.path === '';
  const what = isRoot ? 'the report' : `this ${noun(schema?.title)}`;
  switch (keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const where = showPath(`${found.path}/${escapePointer(key)}`);
      const fields = Object.keys(schema?.properties ?? {});
      const why = RENDERED.test(key)
        ? ' (a report never carries pre-rendered markdown)'
        : fields.length > 0 && !isRoot
          ? ` (its fields are ${fields.join(', ')})`
          : '';
      return `${where}: not a field of ${what}${why}`;
    }
    case 'required': {
      const key = String(params.missingProperty);
      return `${showPath(`${found.path}/${escapePointer(key)}`)}: missing (a required field of ${what})`;
    }
    case 'type':
      return `${path}: must be ${typeWord(String(params.type))}, not ${showValue(data)}`;
    case 'enum':
      return `${path}: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}, not ${showValue(data)}`;
    case 'const':
      return `${path}: must be ${showValue(params.allowedValue)}, not ${showValue(data)}`;
    case 'minimum':
      return `${path}: must be at least ${String(params.limit)}, not ${showValue(data)}`;
    case 'maximum':
      return `${path}: must be at most ${String(params.limit)}, not ${showValue(data)}`;
    case 'minLength':
      return params.limit === 1
        ? `${path}: must not be empty`
        : `${path}: must be at least ${String(params.limit)} characters long`;
    case 'minItems':
      return `${path}: must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'uniqueItems': {
      const [a, b] = [Number(params.i), Number(params.j)].sort((x, y) => x - y);
      return `${path}: must not repeat an item (items ${String(a)} and ${String(b)} are equal)`;
    }
    case 'pattern':
      return `${path}: must match ${String(params.pattern)}, not ${showValue(data)}`;
    default:
      return `${path}: ${found.message ?? `fails ${keyword}`}`;
  }
}

function noun(title: string | undefined): string {
  if (!title) return 'object';
  const mapped = NOUNS[title];
  if (mapped) return mapped;
  // "Finding" -> "finding", "SARIF file" stays.
  return /^[A-Z][a-z]/.test(title) ? `${title.slice(0, 1).toLowerCase()}${title.slice(1)}` : title;
}

function typeWord(type: string): string {
  return type === 'integer' || type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`;
}

/** A value from the report, shown safely: primitives quoted and shortened, containers named. */
function showValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return safeText(value, 60, true);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** A JSON pointer from the report, shown with every key made safe; the root is "the report". */
function showPath(pointer: string): string {
  if (pointer === '') return 'the report';
  return pointer
    .split('/')
    .map((part) => safeText(part, 60, false))
    .join('/');
}

/**
 * Text from the untrusted report, made safe to print in a log or a message: control, line
 * separator and invisible characters escaped (as in JSON), shortened, optionally quoted.
 */
function safeText(text: string, max: number, quoted: boolean): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  const escaped = JSON.stringify(short).replace(
    /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return quoted ? escaped : escaped.slice(1, -1);
}

/** At most MAX_LISTED_ERRORS messages, and a last line for the rest. */
function listed(messages: string[], uncounted: boolean): string[] {
  if (messages.length <= MAX_LISTED_ERRORS && !uncounted) return messages;
  const more = messages.length - MAX_LISTED_ERRORS;
  return [
    ...messages.slice(0, MAX_LISTED_ERRORS),
    uncounted
      ? '… and more errors, not listed'
      : `… and ${more} more error${more === 1 ? '' : 's'}, not listed`,
  ];
}

/** Messages, up to one more than are listed (then `uncounted`: the search stopped there). */
class Problems {
  readonly messages: string[] = [];
  uncounted = false;

  add(message: string): void {
    if (this.full()) return;
    this.messages.push(message);
  }

  full(): boolean {
    if (this.messages.length <= MAX_LISTED_ERRORS) return false;
    this.uncounted = true;
    return true;
  }
}

// --- Beyond the schema -------------------------------------------------------------------------

/** Every string (value or key) holding our marker, by path. */
function forbiddenText(report: SerializedReport, problems: Problems): void {
  // The path to the value being looked at (keys and indexes): made a pointer only for a problem.
  const parts: (string | number)[] = [];
  const check = (text: string, isKey: boolean): void => {
    // Removing invisible characters never makes a '<': without one, nothing to find.
    if (!text.includes('<')) return;
    const visible = stripInvisible(text);
    const where = (): string =>
      `${showPath(parts.map((p) => `/${typeof p === 'number' ? p : escapePointer(p)}`).join(''))}${isKey ? ' (a key)' : ''}`;
    if (FORGED_MARKER.test(visible)) {
      problems.add(
        `${where()}: contains the marker of Paved Path's comment (<!-- ${MARKER_TEXT} -->); a report never carries it (it could make a comment pass for Paved Path's)`,
      );
    }
  };
  // The report has passed the schema: its depth is the schema's, so recursion is bounded.
  const walk = (value: unknown): void => {
    if (problems.full()) return;
    if (typeof value === 'string') check(value, false);
    else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        parts.push(i);
        walk(value[i]);
        parts.pop();
      }
    } else if (isObject(value)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        parts.push(key);
        check(key, true);
        walk(value[key]);
        parts.pop();
      }
    }
  };
  walk(report);
}

/** References that do not resolve: what serializeReport never writes. */
function danglingReferences(report: SerializedReport, problems: Problems): void {
  for (const [key, rule] of Object.entries(report.rules)) {
    if (problems.full()) return;
    if (!Object.hasOwn(report.tools, rule.tool)) {
      problems.add(
        `${showPath(`/rules/${escapePointer(key)}/tool`)}: names no tool of /tools (${safeText(rule.tool, 60, true)})`,
      );
    }
  }
  for (const [i, finding] of report.findings.entries()) {
    if (problems.full()) return;
    if (!Object.hasOwn(report.rules, finding.rule)) {
      problems.add(`/findings/${i}/rule: names no rule of /rules (${safeText(finding.rule, 60, true)})`);
    }
    if (finding.remediation !== undefined && finding.remediation >= report.remediations.length) {
      problems.add(
        `/findings/${i}/remediation: there is no remediation ${finding.remediation} (/remediations has ${report.remediations.length})`,
      );
    }
  }
}
