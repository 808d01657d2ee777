/**
 * What a run says once, that every result refers to: the tool, its rules (driver and extensions),
 * CWE taxonomies, URI base ids, the artifacts table and rule configuration overrides.
 */
import type { RuleInfo, SarifLevel, ToolRef } from '../findings/finding.js';
import type { Diagnostic } from './diagnostics.js';
import type { Bag, SarifMessage, SarifReportingDescriptor, SarifRun, SarifToolComponent } from './types.js';

export interface RuleEntry {
  descriptor: SarifReportingDescriptor;
  /** Shared by every finding of this rule: built once. */
  info: RuleInfo;
  properties: Bag | undefined;
  defaultLevel: SarifLevel | undefined;
  /** CWE ids declared on the rule (filled in by the normaliser's first use). */
  cwes?: readonly number[];
}

interface Component {
  name: string;
  guid: string | undefined;
  rules: RuleEntry[];
  byId: Map<string, RuleEntry>;
  byGuid: Map<string, RuleEntry>;
  globalMessageStrings: Record<string, SarifMessage> | undefined;
}

export interface RunContext {
  runIndex: number;
  tool: ToolRef;
  /** components[0] is the driver, then tool.extensions in order. */
  components: Component[];
  taxonomies: { name: string; taxaIds: string[] }[];
  uriBases: Map<string, { uri?: string; uriBaseId?: string }>;
  artifacts: { uri?: string; uriBaseId?: string }[];
  levelOverrides: Map<string, SarifLevel>;
  /** Resolved paths by uriBaseId and URI: large logs repeat a few thousand files many times. */
  pathCache: Map<string, Map<string, { path: string; linkable: boolean }>>;
  /**
   * Interned message and snippet texts: large logs repeat them thousands of times (one rule's
   * message, one line of generated code), and one copy each keeps memory near the file's size.
   */
  strings: Map<string, string>;
  /** The `seenBy` list every finding of this run starts with (copied on merge, never changed). */
  seenBy: readonly string[];
}

export const LEVELS: readonly SarifLevel[] = ['error', 'warning', 'note', 'none'];

export function asLevel(value: unknown): SarifLevel | undefined {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value)
    ? (value as SarifLevel)
    : undefined;
}

const MAX_INTERNED = 200_000;

/** The one shared copy of `value` in this run (up to a bound, then the value itself). */
export function intern(ctx: RunContext, value: string): string {
  const known = ctx.strings.get(value);
  if (known !== undefined) return known;
  if (ctx.strings.size < MAX_INTERNED) ctx.strings.set(value, value);
  return value;
}

export function isObject(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(message: unknown): string | undefined {
  if (!isObject(message)) return undefined;
  if (typeof message.text === 'string' && message.text !== '') return message.text;
  if (typeof message.markdown === 'string' && message.markdown !== '') return message.markdown;
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function ruleEntry(descriptor: SarifReportingDescriptor, fallbackId: string): RuleEntry {
  const id = str(descriptor.id) ?? fallbackId;
  const info: RuleInfo = { id };
  const name = str(descriptor.name);
  if (name) info.name = name;
  const short = text(descriptor.shortDescription);
  if (short) info.shortDescription = short;
  const full = text(descriptor.fullDescription);
  if (full) info.fullDescription = full;
  const help = isObject(descriptor.help)
    ? (str(descriptor.help.markdown) ?? str(descriptor.help.text))
    : undefined;
  if (help) info.help = help;
  const helpUri = str(descriptor.helpUri);
  if (helpUri) info.helpUri = helpUri;
  return {
    descriptor,
    info,
    properties: isObject(descriptor.properties) ? descriptor.properties : undefined,
    defaultLevel: isObject(descriptor.defaultConfiguration)
      ? asLevel(descriptor.defaultConfiguration.level)
      : undefined,
  };
}

function component(raw: SarifToolComponent | undefined, fallbackName: string): Component {
  const rules: RuleEntry[] = [];
  const byId = new Map<string, RuleEntry>();
  const byGuid = new Map<string, RuleEntry>();
  if (raw && Array.isArray(raw.rules)) {
    raw.rules.forEach((descriptor: unknown, i: number) => {
      const entry = ruleEntry(isObject(descriptor) ? descriptor : {}, `rule-${i}`);
      rules.push(entry);
      if (!byId.has(entry.info.id)) byId.set(entry.info.id, entry);
      const guid = str(entry.descriptor.guid);
      if (guid) byGuid.set(guid.toLowerCase(), entry);
    });
  }
  return {
    name: str(raw?.name) ?? fallbackName,
    guid: str(raw?.guid)?.toLowerCase(),
    rules,
    byId,
    byGuid,
    globalMessageStrings: isObject(raw?.globalMessageStrings) ? raw.globalMessageStrings : undefined,
  };
}

export function buildRunContext(
  run: SarifRun,
  runIndex: number,
  file: string,
  diagnostics: Diagnostic[],
): RunContext {
  const at = `runs[${runIndex}]`;
  const tool = isObject(run.tool) ? run.tool : undefined;
  const driver = tool && isObject(tool.driver) ? (tool.driver as SarifToolComponent) : undefined;
  if (!tool) {
    diagnostics.push({
      level: 'warning',
      file,
      jsonPath: `${at}.tool`,
      message:
        'the run has no "tool" object (SARIF 2.1.0 requires one); its findings are reported as from an unknown tool',
      hint: 'Ask the tool to fill runs[].tool.driver.name and version',
    });
  } else if (!str(driver?.name)) {
    diagnostics.push({
      level: 'warning',
      file,
      jsonPath: `${at}.tool.driver.name`,
      message: 'the tool has no name; its findings are reported as from an unknown tool',
      hint: "Set runs[].tool.driver.name to the scanner's name",
    });
  }
  const toolRef: ToolRef = { name: str(driver?.name) ?? 'unknown tool' };
  const version = str(driver?.version) ?? str(driver?.semanticVersion);
  if (version) toolRef.version = version;

  const components = [component(driver, toolRef.name)];
  if (tool && Array.isArray(tool.extensions)) {
    for (const ext of tool.extensions)
      components.push(component(isObject(ext) ? ext : undefined, 'extension'));
  }

  const taxonomies = (Array.isArray(run.taxonomies) ? run.taxonomies : []).map((t: unknown) => {
    const tc = isObject(t) ? (t as SarifToolComponent) : {};
    const taxa = Array.isArray(tc.taxa) ? tc.taxa : [];
    return {
      name: str(tc.name) ?? '',
      taxaIds: taxa.map((x: unknown) => (isObject(x) ? (str(x.id) ?? '') : '')),
    };
  });

  const uriBases = new Map<string, { uri?: string; uriBaseId?: string }>();
  if (isObject(run.originalUriBaseIds)) {
    for (const [key, value] of Object.entries(run.originalUriBaseIds)) {
      if (!isObject(value)) continue;
      const base: { uri?: string; uriBaseId?: string } = {};
      const uri = str(value.uri);
      if (uri) base.uri = uri;
      const parent = str(value.uriBaseId);
      if (parent) base.uriBaseId = parent;
      uriBases.set(key, base);
    }
  }

  const artifacts = (Array.isArray(run.artifacts) ? run.artifacts : []).map((a: unknown) => {
    const loc = isObject(a) && isObject(a.location) ? a.location : {};
    const entry: { uri?: string; uriBaseId?: string } = {};
    const uri = str(loc.uri);
    if (uri) entry.uri = uri;
    const base = str(loc.uriBaseId);
    if (base) entry.uriBaseId = base;
    return entry;
  });

  const levelOverrides = new Map<string, SarifLevel>();
  for (const invocation of Array.isArray(run.invocations) ? run.invocations : []) {
    if (!isObject(invocation) || !Array.isArray(invocation.ruleConfigurationOverrides)) continue;
    for (const o of invocation.ruleConfigurationOverrides) {
      if (!isObject(o) || !isObject(o.descriptor) || !isObject(o.configuration)) continue;
      const level = asLevel(o.configuration.level);
      if (!level) continue;
      if (typeof o.descriptor.index === 'number') levelOverrides.set(`#${o.descriptor.index}`, level);
      if (typeof o.descriptor.id === 'string') levelOverrides.set(o.descriptor.id, level);
    }
  }

  return {
    runIndex,
    tool: toolRef,
    components,
    taxonomies,
    uriBases,
    artifacts,
    levelOverrides,
    pathCache: new Map(),
    strings: new Map(),
    seenBy: Object.freeze([toolRef.name]),
  };
}
