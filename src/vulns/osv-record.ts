/**
 * OSV records (https://ossf.github.io/osv-schema/), as far as Paved Path reads them. Records come
 * from the OSV API, a mirror, or an offline directory/zip; all are untrusted JSON, so every field
 * is optional here and readers check types.
 */

export type OsvEvent = { introduced?: string; fixed?: string; last_affected?: string; limit?: string };

export interface OsvRange {
  /** SEMVER, ECOSYSTEM or GIT; other values are kept as they come and ignored. */
  type?: string;
  repo?: string;
  events?: OsvEvent[];
  database_specific?: unknown;
}

export interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  severity?: OsvSeverity[];
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: unknown;
  database_specific?: unknown;
}

export interface OsvSeverity {
  /** CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu…; other values are kept as they come. */
  type?: string;
  score?: string;
}

export interface OsvRecord {
  schema_version?: string;
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type?: string; url?: string }[];
  database_specific?: { severity?: string; cwe_ids?: string[] } & Record<string, unknown>;
}
