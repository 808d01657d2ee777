/**
 * Safe reads of untrusted parsed data (JSON.parse, jsonc-parser and yaml output). Lockfiles key
 * their tables by package name, and a package may be called `__proto__`, `constructor` or
 * `toString`: every read goes through own properties only, and name-keyed tables become Maps.
 */

export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property, never one inherited from Object.prototype. */
export function own(table: Table, key: string): unknown {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function ownTable(table: Table, key: string): Table | undefined {
  const value = own(table, key);
  return isTable(value) ? value : undefined;
}

export function ownString(table: Table, key: string): string | undefined {
  const value = own(table, key);
  return typeof value === 'string' ? value : undefined;
}

/** `true` only for a real boolean true (YAML's failsafe readers give the string "true"). */
export function ownFlag(table: Table, key: string): boolean {
  const value = own(table, key);
  return value === true || value === 'true';
}

/** The own entries of a table, or none when the value is not a table. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isTable(value) ? Object.entries(value) : [];
}

/** The own keys of a table (a dependencies table's names), or none when the value is not a table. */
export function ownKeys(value: unknown): string[] {
  return isTable(value) ? Object.keys(value) : [];
}

/** A name → string table (dependencies, requires) as a Map; values that are not strings are dropped. */
export function stringMap(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, v] of entriesOf(value)) {
    if (typeof v === 'string') map.set(key, v);
    else if (typeof v === 'number') map.set(key, String(v));
  }
  return map;
}
