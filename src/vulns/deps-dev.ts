/**
 * Licences that lockfiles do not record, from deps.dev (GET /v3/systems/{system}/packages/{name}/
 * versions/{version} → `licenses`, SPDX expressions). Only asked when a licence policy is set,
 * never offline. A failed look-up leaves the licence unknown (the policy then says so); it never
 * fails the review. Transport-agnostic: the network edge is injected.
 */
import type { Component, Ecosystem } from '../inventory/component.js';
import type { OsvTransport } from './osv-client.js';

const SYSTEMS: Partial<Record<Ecosystem, string>> = {
  npm: 'NPM',
  Go: 'GO',
  PyPI: 'PYPI',
  Maven: 'MAVEN',
  NuGet: 'NUGET',
  'crates.io': 'CARGO',
  RubyGems: 'RUBYGEMS',
};

export interface LicenseLookupResult {
  /** SPDX expression by purl. */
  licenses: Map<string, string>;
  /** Components deps.dev could not tell (unsupported ecosystem, unknown version, non-standard licence, errors). */
  unknown: number;
  /** The first error met, for one warning line. */
  firstError?: string;
}

function versionFor(ecosystem: Ecosystem, version: string): string {
  return ecosystem === 'Go' && !version.startsWith('v') ? `v${version}` : version;
}

export function depsDevUrl(
  baseUrl: string,
  c: Pick<Component, 'ecosystem' | 'name' | 'version'>,
): string | undefined {
  const system = SYSTEMS[c.ecosystem];
  if (!system) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/v3/systems/${system}/packages/${encodeURIComponent(c.name)}/versions/${encodeURIComponent(versionFor(c.ecosystem, c.version))}`;
}

/** Several licences listed for one version all govern it: combined with AND (the cautious reading). */
export function combineLicenses(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const usable = list.filter((l): l is string => typeof l === 'string' && l !== '' && l !== 'non-standard');
  if (usable.length === 0 || usable.length !== list.length) return undefined;
  return usable.length === 1
    ? usable[0]
    : usable.map((l) => (/\s(OR|AND)\s/.test(l) ? `(${l})` : l)).join(' AND ');
}

export async function lookupLicenses(
  components: readonly Component[],
  options: { baseUrl: string; transport: OsvTransport; concurrency?: number },
): Promise<LicenseLookupResult> {
  const result: LicenseLookupResult = { licenses: new Map(), unknown: 0 };
  const todo = [...new Map(components.filter((c) => !c.license).map((c) => [c.purl, c])).values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < todo.length; i = next++) {
      const c = todo[i] as Component;
      const url = depsDevUrl(options.baseUrl, c);
      if (!url) {
        result.unknown++;
        continue;
      }
      try {
        const response = await options.transport({ method: 'GET', url });
        const license =
          response.status === 200
            ? combineLicenses((response.json as { licenses?: unknown } | undefined)?.licenses)
            : undefined;
        if (license) result.licenses.set(c.purl, license);
        else result.unknown++;
        if (response.status !== 200 && response.status !== 404 && result.firstError === undefined) {
          result.firstError = `${url} answered ${response.status}`;
        }
      } catch (error) {
        result.unknown++;
        result.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, todo.length) }, worker));
  return result;
}
