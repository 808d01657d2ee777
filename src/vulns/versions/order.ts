/**
 * The shape every ecosystem's version order has: a parser that returns undefined for a string the
 * ecosystem cannot order, and a total comparison of parsed versions (negative, zero, positive).
 */
export interface VersionOrder<T> {
  parse(version: string): T | undefined;
  compare(a: T, b: T): number;
}

/** -1, 0 or 1 for any number (Java's compareTo and PHP's sign() only promise the sign). */
export function sign(n: number | bigint): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Code-unit order of two strings, like Java's String.compareTo and C's strcmp on ASCII. */
export function compareStrings(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric order of two decimal digit strings of any length (leading zeros allowed). */
export function compareDigits(a: string, b: string): -1 | 0 | 1 {
  return sign(BigInt(a) - BigInt(b));
}
