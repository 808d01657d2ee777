/**
 * The inventory line of the report: what an SBOM says about the build (format, spec version,
 * how many components, which generator). Reads CycloneDX and SPDX JSON as plain parsed values.
 */
import type { Diagnostic } from '../sarif/diagnostics.js';

export interface SbomSummary {
  file: string;
  format: 'CycloneDX' | 'SPDX';
  specVersion: string;
  /** CycloneDX: components, nested ones included. SPDX: packages. */
  components: number;
  generator?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function countComponents(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  let n = 0;
  for (const c of list) {
    if (!isObject(c)) continue;
    n += 1 + countComponents(c.components);
  }
  return n;
}

function cycloneDxGenerator(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const tools = metadata.tools;
  // 1.4: an array of {vendor, name, version}; 1.5+: {components: [...], services: [...]}.
  const list: unknown[] = Array.isArray(tools)
    ? tools
    : isObject(tools) && Array.isArray(tools.components)
      ? tools.components
      : [];
  // cyclonedx-npm lists npm before itself: prefer the CycloneDX generator when it is there.
  const candidates = list.filter(isObject);
  const label = (t: Json) =>
    `${typeof t.group === 'string' ? t.group : ''}/${typeof t.name === 'string' ? t.name : ''}`;
  const first =
    candidates.find((t) => /cyclonedx-(?!library)/i.test(label(t))) ??
    candidates.find((t) => /cyclonedx/i.test(label(t))) ??
    candidates[0];
  if (!first || typeof first.name !== 'string') return undefined;
  const name =
    typeof first.group === 'string' && first.group !== '' ? `${first.group}/${first.name}` : first.name;
  return typeof first.version === 'string' ? `${name} ${first.version}` : name;
}

export function summariseSbom(value: unknown, file: string): SbomSummary | Diagnostic {
  if (!isObject(value)) {
    return {
      level: 'error',
      file,
      message: 'not an SBOM: the JSON is not an object',
      hint: 'Give a CycloneDX or SPDX JSON document',
    };
  }
  if (value.bomFormat === 'CycloneDX') {
    const summary: SbomSummary = {
      file,
      format: 'CycloneDX',
      specVersion: typeof value.specVersion === 'string' ? value.specVersion : 'unknown',
      components: countComponents(value.components),
    };
    const generator = cycloneDxGenerator(value.metadata);
    if (generator) summary.generator = generator;
    return summary;
  }
  if (typeof value.spdxVersion === 'string') {
    const summary: SbomSummary = {
      file,
      format: 'SPDX',
      specVersion: value.spdxVersion.replace(/^SPDX-/, ''),
      components: Array.isArray(value.packages) ? value.packages.length : 0,
    };
    const creators = isObject(value.creationInfo) ? value.creationInfo.creators : undefined;
    const tool: unknown = Array.isArray(creators)
      ? (creators as unknown[]).find((c) => typeof c === 'string' && c.startsWith('Tool:'))
      : undefined;
    if (typeof tool === 'string') summary.generator = tool.slice('Tool:'.length).trim();
    return summary;
  }
  return {
    level: 'error',
    file,
    message: 'not an SBOM Paved Path reads: no "bomFormat": "CycloneDX" and no "spdxVersion"',
    hint: 'Give CycloneDX JSON or SPDX JSON (the XML and tag-value forms are not read)',
  };
}

/** One line for the report: "99 components (CycloneDX 1.6, @cyclonedx/cyclonedx-npm 3.1.0)". */
export function inventoryLine(sboms: readonly SbomSummary[]): string | undefined {
  if (sboms.length === 0) return undefined;
  return sboms
    .map(
      (s) =>
        `${s.components} component${s.components === 1 ? '' : 's'} (${s.format} ${s.specVersion}${s.generator ? `, ${s.generator}` : ''})`,
    )
    .join(' · ');
}
