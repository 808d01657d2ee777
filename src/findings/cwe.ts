/**
 * CWE ids from the three places tools put them (research §2): tag strings
 * (`external/cwe/cwe-089` from CodeQL and bandit, `CWE-89: ...` from Semgrep, `cwe-79`),
 * a `cwe` property (Snyk: ["CWE-22"]), and SARIF taxonomies (gosec: rule relationships or
 * result taxa pointing into a toolComponent named CWE).
 */

const CWE_PATTERN = /^(?:external\/cwe\/)?cwe[-_: ]?0*(\d{1,5})\b/i;

/** The CWE number in a tag or id such as "external/cwe/cwe-089", "CWE-79: XSS", "cwe_22", "89". */
export function parseCwe(text: string, bare = false): number | undefined {
  const trimmed = text.trim();
  const match = CWE_PATTERN.exec(trimmed);
  if (match?.[1]) return Number(match[1]);
  if (bare && /^\d{1,5}$/.test(trimmed)) return Number(trimmed);
  return undefined;
}

function addFrom(values: unknown, into: Set<number>, bare: boolean): void {
  const list = Array.isArray(values) ? values : [values];
  for (const value of list) {
    if (typeof value === 'string') {
      const cwe = parseCwe(value, bare);
      if (cwe !== undefined && cwe > 0) into.add(cwe);
    } else if (typeof value === 'number' && bare && Number.isInteger(value) && value > 0) {
      into.add(value);
    }
  }
}

/** CWE ids from a property bag: its `tags` and its `cwe` / `cwes` / `cwe_ids` properties. */
export function cwesFromProperties(bag: Record<string, unknown> | undefined, into: Set<number>): void {
  if (!bag) return;
  addFrom(bag.tags, into, false);
  for (const key of ['cwe', 'cwes', 'cwe_ids', 'cweIds', 'CWE']) {
    if (bag[key] !== undefined) addFrom(bag[key], into, true);
  }
}

/** A reference into a taxonomy: from `relationships[].target` or `result.taxa[]`. */
export interface TaxonReference {
  id?: unknown;
  index?: unknown;
  toolComponent?: unknown;
}

interface ToolComponentReference {
  name?: unknown;
  index?: unknown;
  guid?: unknown;
}

/**
 * CWE ids from taxonomy references. `taxonomyNames[i]` is the name of `run.taxonomies[i]`, and
 * `taxaIds[i]` the ids of its taxa (to resolve references by index).
 */
export function cwesFromTaxa(
  refs: readonly unknown[],
  taxonomies: readonly { name: string; taxaIds: readonly string[] }[],
  into: Set<number>,
): void {
  for (const raw of refs) {
    if (typeof raw !== 'object' || raw === null) continue;
    const ref = raw as TaxonReference;
    const component =
      typeof ref.toolComponent === 'object' && ref.toolComponent !== null
        ? (ref.toolComponent as ToolComponentReference)
        : undefined;
    let taxonomy: { name: string; taxaIds: readonly string[] } | undefined;
    if (component && typeof component.index === 'number') taxonomy = taxonomies[component.index];
    const name = typeof component?.name === 'string' ? component.name : taxonomy?.name;
    if (name?.toUpperCase() !== 'CWE') continue;
    let id = typeof ref.id === 'string' ? ref.id : undefined;
    if (id === undefined && typeof ref.index === 'number') id = taxonomy?.taxaIds[ref.index];
    if (id === undefined) continue;
    const cwe = parseCwe(id, true);
    if (cwe !== undefined && cwe > 0) into.add(cwe);
  }
}
