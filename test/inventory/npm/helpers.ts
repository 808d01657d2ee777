// Small helpers for the JS lockfile tests: components as name@version strings, and the line of a
// piece of text in a hand-written lockfile.
import type { Component, ParsedManifest } from '../../../src/inventory/component.js';

export function ids(parsed: ParsedManifest): string[] {
  return parsed.components.map((c) => `${c.name}@${c.version}`).sort();
}

export function find(parsed: ParsedManifest, name: string, version?: string): Component {
  const found = parsed.components.filter(
    (c) => c.name === name && (version === undefined || c.version === version),
  );
  if (found.length !== 1) throw new Error(`expected one ${name}@${version ?? '*'}, found ${found.length}`);
  return found[0]!;
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`${needle} is not in the text`);
  return index + 1;
}

export function errors(parsed: ParsedManifest) {
  return parsed.problems.filter((p) => p.level === 'error');
}

export function warnings(parsed: ParsedManifest) {
  return parsed.problems.filter((p) => p.level === 'warning');
}

/** Nothing was added to Object.prototype (a parser that assigned `__proto__` keys could do it). */
export function prototypeIsClean(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).every((k) =>
    [
      'constructor',
      '__defineGetter__',
      '__defineSetter__',
      'hasOwnProperty',
      '__lookupGetter__',
      '__lookupSetter__',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toString',
      'valueOf',
      '__proto__',
      'toLocaleString',
    ].includes(k),
  );
}
