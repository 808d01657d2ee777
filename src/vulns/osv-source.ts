/**
 * Where OSV records come from: the OSV API (or a mirror of it, `createOsvClient`) or an offline
 * database read from disk (`buildOfflineIndex`). Both answer the same question, so the action
 * switches between them with one input and the matcher does not know which one it was given.
 *
 * Pure interface: no I/O here.
 */
import type { Component } from '../inventory/component.js';
import type { OsvRecord } from './osv-record.js';

/** What a source needs to know of a component. */
export type OsvLookupComponent = Pick<Component, 'ecosystem' | 'name' | 'version'>;

export interface OsvSource {
  /** 'online': the OSV API or a mirror; 'offline': records read from a directory or zip. */
  readonly kind: 'online' | 'offline';
  /** For messages: `the OSV API at https://api.osv.dev`, `an offline OSV database of 1234 records`. */
  readonly description: string;
  /**
   * The candidate records of each component, by its index in `components`; every index is in the
   * map (an empty array when there is none). Candidates are not a verdict: the online source
   * gives what the API matched (its version matching is fuzzy for some ecosystems), the offline
   * source every record that names the package, whatever the version. The matcher
   * (`src/vulns/match.ts`) decides which of them affect the version, so both sources give the
   * same findings for the same records.
   */
  lookup(components: readonly OsvLookupComponent[]): Promise<Map<number, OsvRecord[]>>;
}
