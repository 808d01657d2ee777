/**
 * The parts of SARIF 2.1.0 that Paved Path reads. Every field is optional and loosely typed:
 * real tools break the schema (see ../shared/fixtures/real-world/sarif/MANIFEST.md), so the
 * loader checks each value before it uses it.
 */

export type Bag = Record<string, unknown>;

export interface SarifMessage {
  text?: unknown;
  markdown?: unknown;
  id?: unknown;
  arguments?: unknown;
}

export interface SarifArtifactLocation {
  uri?: unknown;
  uriBaseId?: unknown;
  index?: unknown;
}

export interface SarifRegion {
  startLine?: unknown;
  endLine?: unknown;
  startColumn?: unknown;
  endColumn?: unknown;
  snippet?: { text?: unknown };
}

export interface SarifPhysicalLocation {
  artifactLocation?: SarifArtifactLocation;
  region?: SarifRegion;
  contextRegion?: SarifRegion;
}

export interface SarifLocation {
  physicalLocation?: SarifPhysicalLocation;
  logicalLocations?: { fullyQualifiedName?: unknown; name?: unknown }[];
}

export interface SarifReportingDescriptor {
  id?: unknown;
  guid?: unknown;
  name?: unknown;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: unknown;
  messageStrings?: Record<string, SarifMessage>;
  defaultConfiguration?: { level?: unknown; enabled?: unknown };
  relationships?: { target?: unknown; kinds?: unknown }[];
  properties?: Bag;
}

export interface SarifToolComponent {
  name?: unknown;
  version?: unknown;
  semanticVersion?: unknown;
  guid?: unknown;
  rules?: unknown;
  taxa?: unknown;
  globalMessageStrings?: Record<string, SarifMessage>;
}

export interface SarifResult {
  ruleId?: unknown;
  ruleIndex?: unknown;
  rule?: {
    id?: unknown;
    index?: unknown;
    guid?: unknown;
    toolComponent?: { index?: unknown; guid?: unknown; name?: unknown };
  };
  kind?: unknown;
  level?: unknown;
  message?: SarifMessage;
  locations?: unknown;
  fingerprints?: unknown;
  partialFingerprints?: unknown;
  suppressions?: unknown;
  baselineState?: unknown;
  taxa?: unknown;
  properties?: Bag;
}

export interface SarifRun {
  tool?: { driver?: SarifToolComponent; extensions?: unknown } | null;
  originalUriBaseIds?: unknown;
  artifacts?: unknown;
  taxonomies?: unknown;
  invocations?: unknown;
}
