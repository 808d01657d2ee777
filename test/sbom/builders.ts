/** Hand-made inventories for the SBOM tests: components and manifests with only what a test needs. */
import {
  type Component,
  type Ecosystem,
  type ManifestRoot,
  type ParsedManifest,
  purlFor,
} from '../../src/inventory/component.js';
import type { SbomInput } from '../../src/sbom/model.js';

export function component(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  extra: Partial<Component> = {},
): Component {
  return {
    ecosystem,
    name,
    version,
    purl: purlFor(ecosystem, name, version),
    direct: false,
    scope: 'prod',
    manifest: 'package-lock.json',
    ...extra,
  };
}

export function manifest(file: string, components: Component[], root?: ManifestRoot): ParsedManifest {
  const first = components[0];
  const parsed: ParsedManifest = {
    file,
    format: 'test',
    ecosystem: first?.ecosystem ?? 'npm',
    components: components.map((c) => ({ ...c, manifest: file })),
    unpinned: [],
    problems: [],
  };
  if (root) parsed.root = root;
  return parsed;
}

export const TIMESTAMP = '2026-01-02T03:04:05Z';
export const TOOL = { name: 'pavedpath', version: '0.1.0' };

export function input(manifests: ParsedManifest[], extra: Partial<SbomInput> = {}): SbomInput {
  return {
    manifests,
    root: { name: 'demo', version: '1.0.0', purl: 'pkg:npm/demo@1.0.0' },
    includeDev: true,
    timestamp: TIMESTAMP,
    tool: TOOL,
    ...extra,
  };
}
