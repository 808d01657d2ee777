/**
 * Makes the SAST engines' rules read well in GitHub code scanning and in our summary: every rule of
 * every run's driver gets
 *
 * - its CWEs as `external/cwe/cwe-<n>` tags (GitHub's convention), gathered from the tags and CWE
 *   properties the tool wrote (Semgrep's "CWE-89: …", Bandit's `external/cwe/cwe-78`), from
 *   relationships into a CWE taxonomy (gosec) and from its results' taxa; when the tool gives
 *   none, from our rule maps (`cweForRule`: gosec, Bandit, eslint-plugin-security), as
 *   remediation.ts does;
 * - the `security` tag;
 * - a `security-severity` when it has none, from the tool's own signals (SECURITY_SEVERITY_SCORE);
 * - `help` (text and markdown) from the CWE catalogue when the tool gave none, a `helpUri` (the
 *   CWE page) when it gave none, and the short and full descriptions GitHub requires.
 *
 * A result whose rule the driver does not declare gets a rule descriptor. Pure: returns a new
 * log, and enriching an enriched log changes nothing.
 */
import { cwesFromProperties, cwesFromTaxa } from '../findings/cwe.js';
import type { SarifLevel, Severity } from '../findings/finding.js';
import { parseScore, resolveSeverity } from '../findings/severity.js';
import {
  cweEntry,
  cweLink,
  cweName,
  cweUrl,
  entryLinks,
  type KnowledgeLink,
} from '../knowledge/cwe-catalogue.js';
import { cweForRule } from '../knowledge/rule-cwe.js';
import { escapeInline, safeHttpsUrl, safeLink } from '../report/escape.js';
import { asLevel, isObject } from '../sarif/run-context.js';
import type { Bag } from '../sarif/types.js';
import type { SarifLog, SarifRunData } from './combine.js';
import type { EngineName } from './types.js';

/**
 * The `security-severity` written on a rule that has none. GitHub reads it as a string holding a
 * 0.0–10.0 score: ≥ 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low, 0.0 no security
 * severity. The tool's own signal is first put on the project's scale by `resolveSeverity`
 * (src/findings/severity.ts, ADR 0005, the order the summary reads them in), then scored here at
 * the band's middle (the dependency review's scores):
 *
 * | tool signal, strongest first                                               | severity | score    |
 * | -------------------------------------------------------------------------- | -------- | -------- |
 * | a `security-severity` or CVSS score on the result                          | its band | as given |
 * | word CRITICAL (`severity`, `issue_severity` property, or a tag)            | critical | 9.5      |
 * | word HIGH: gosec tag `HIGH`, Bandit `issue_severity: HIGH`                 | high     | 8.0      |
 * | word MEDIUM / MODERATE: gosec tag `MEDIUM`, Bandit `issue_severity: MEDIUM`| medium   | 5.5      |
 * | word LOW: gosec tag `LOW`, Bandit `issue_severity: LOW`                    | low      | 2.0      |
 * | level `error` (Semgrep ERROR/HIGH/CRITICAL, ESLint 2, Bandit HIGH)         | high     | 8.0      |
 * | level `warning` (Semgrep WARNING/MEDIUM, ESLint 1, Bandit MEDIUM), default | medium   | 5.5      |
 * | level `note` (Semgrep INFO/LOW, Bandit LOW)                                | low      | 2.0      |
 * | word INFO, level `none`, result kind open/review/informational             | note     | 0.0      |
 *
 * A result's level is its own, else the rule's `defaultConfiguration.level`, else `warning`
 * (SARIF §3.27.10). A Semgrep rule with `security-severity` in its metadata keeps it. The worst
 * result of a rule sets the rule's score; a result whose own score differs gets it in its own
 * `properties['security-severity']`, which the summary reads before the rule's (GitHub reads only
 * the rule's), so no finding changes severity in our summary by being enriched.
 */
export const SECURITY_SEVERITY_SCORE: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  note: '0.0',
};

export interface EnrichOptions {
  /**
   * The engine that wrote the log, for the rule maps when a run's tool name is not one they know.
   * tidyNativeSarif records it in each run (`properties.pavedpath.engine`), which is read first.
   */
  engine?: EngineName;
}

/** Tool names `cweForRule` knows, for each engine that has a rule map. */
const ENGINE_TOOL: Partial<Record<EngineName, string>> = {
  gosec: 'gosec',
  bandit: 'bandit',
  'eslint-security': 'eslint-plugin-security',
};

/** At most this many CWEs are explained in a generated help, and this many links listed. */
const HELP_CWES = 3;
const HELP_LINKS = 6;
/** GitHub's limit on short and full descriptions. */
const MAX_DESCRIPTION = 1024;

const CWE_TAG = /^external\/cwe\/cwe-0*(\d+)$/i;

interface RunFacts {
  toolName: string;
  toolNames: string[];
  taxonomies: { name: string; taxaIds: string[] }[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function messageText(message: unknown): string | undefined {
  return isObject(message) ? (str(message.text) ?? str(message.markdown)) : undefined;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function engineOfRun(run: SarifRunData): string | undefined {
  const ours = isObject(run.properties) ? run.properties.pavedpath : undefined;
  return isObject(ours) ? str(ours.engine) : undefined;
}

function runFacts(run: SarifRunData, driver: Bag, options: EnrichOptions): RunFacts {
  const toolName = str(driver.name) ?? 'unknown tool';
  const toolNames = [toolName];
  const engine = engineOfRun(run) ?? options.engine;
  const mapped = engine === undefined ? undefined : ENGINE_TOOL[engine as EngineName];
  if (mapped !== undefined) toolNames.push(mapped);
  const taxonomies = (Array.isArray(run.taxonomies) ? (run.taxonomies as unknown[]) : []).map((t) => {
    const taxa = isObject(t) && Array.isArray(t.taxa) ? (t.taxa as unknown[]) : [];
    return {
      name: isObject(t) ? (str(t.name) ?? '') : '',
      taxaIds: taxa.map((x) => (isObject(x) ? (str(x.id) ?? '') : '')),
    };
  });
  return { toolName, toolNames, taxonomies };
}

/**
 * The driver rule each result refers to, by index into driver.rules, as the loader finds it: by
 * ruleId (or rule.id; a hierarchical "A/1" falls back to "A"), else by ruleIndex / rule.index. A
 * result with an id the driver does not declare gets a new descriptor at the end of the rules.
 * Results of extension rules (rule.toolComponent) are left alone.
 */
function resultsByRule(run: SarifRunData, driver: Bag): Map<number, Bag[]> {
  const byRule = new Map<number, Bag[]>();
  const results = Array.isArray(run.results) ? (run.results as unknown[]) : [];
  if (results.length === 0) return byRule;
  if (!Array.isArray(driver.rules)) driver.rules = [];
  const rules = driver.rules as unknown[];
  const byId = new Map<string, number>();
  rules.forEach((rule, i) => {
    const id = isObject(rule) ? str(rule.id) : undefined;
    if (id !== undefined && !byId.has(id)) byId.set(id, i);
  });
  for (const result of results) {
    if (!isObject(result)) continue;
    const ref = isObject(result.rule) ? result.rule : undefined;
    if (ref?.toolComponent !== undefined) continue;
    const id = str(result.ruleId) ?? str(ref?.id);
    let index: number | undefined;
    if (id !== undefined) {
      index = byId.get(id) ?? (id.includes('/') ? byId.get(id.slice(0, id.indexOf('/'))) : undefined);
      if (index === undefined) {
        index = rules.length;
        rules.push({ id });
        byId.set(id, index);
      }
    } else {
      const raw = ref?.index ?? result.ruleIndex;
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < rules.length) index = raw;
    }
    if (index === undefined) continue;
    const list = byRule.get(index);
    if (list) list.push(result);
    else byRule.set(index, [result]);
  }
  return byRule;
}

function ruleCwes(rule: Bag, properties: Bag, results: readonly Bag[], facts: RunFacts): number[] {
  const found = new Set<number>();
  cwesFromProperties(properties, found);
  if (Array.isArray(rule.relationships)) {
    const targets = (rule.relationships as unknown[]).map((r) => (isObject(r) ? r.target : undefined));
    cwesFromTaxa(targets.filter(isObject), facts.taxonomies, found);
  }
  for (const result of results) {
    if (isObject(result.properties)) cwesFromProperties(result.properties, found);
    if (Array.isArray(result.taxa)) cwesFromTaxa(result.taxa as unknown[], facts.taxonomies, found);
  }
  const id = str(rule.id);
  if (found.size === 0 && id !== undefined) {
    for (const tool of facts.toolNames) for (const cwe of cweForRule(tool, id)) found.add(cwe);
  }
  return [...found];
}

function withTags(properties: Bag, cwes: readonly number[]): void {
  const tags: unknown[] = Array.isArray(properties.tags) ? [...(properties.tags as unknown[])] : [];
  const strings = tags.filter((t): t is string => typeof t === 'string');
  if (!strings.some((t) => t.toLowerCase() === 'security')) tags.push('security');
  const tagged = new Set(
    strings
      .map((t) => CWE_TAG.exec(t)?.[1])
      .filter((n) => n !== undefined)
      .map(Number),
  );
  for (const cwe of cwes) {
    if (!tagged.has(cwe)) tags.push(`external/cwe/cwe-${cwe}`);
    tagged.add(cwe);
  }
  properties.tags = tags;
}

function formatScore(score: number): string {
  return score.toFixed(1);
}

function resultScore(result: Bag, ruleProperties: Bag, defaultLevel: SarifLevel | undefined): number {
  if (typeof result.kind === 'string' && result.kind !== 'fail') return Number(SECURITY_SEVERITY_SCORE.note);
  const level = asLevel(result.level) ?? defaultLevel ?? 'warning';
  const resultProperties = isObject(result.properties) ? result.properties : undefined;
  const resolved = resolveSeverity({ resultProperties, ruleProperties, level });
  return resolved.score ?? Number(SECURITY_SEVERITY_SCORE[resolved.severity]);
}

function withSecuritySeverity(rule: Bag, properties: Bag, results: readonly Bag[]): void {
  if (parseScore(properties['security-severity']) !== undefined) return;
  // An unreadable value ("high") means nothing to GitHub: it is replaced.
  delete properties['security-severity'];
  const defaultLevel = isObject(rule.defaultConfiguration)
    ? asLevel(rule.defaultConfiguration.level)
    : undefined;
  const problems = results.filter((r) => r.kind !== 'pass' && r.kind !== 'notApplicable');
  const scores = problems.map((r) => resultScore(r, properties, defaultLevel));
  const ruleScore = scores.length > 0 ? Math.max(...scores) : resultScore({}, properties, defaultLevel);
  properties['security-severity'] = formatScore(ruleScore);
  problems.forEach((result, i) => {
    const score = scores[i];
    if (score === undefined || score === ruleScore) return;
    if (typeof result.kind === 'string' && result.kind !== 'fail') return; // the summary shows it as a note anyway
    const own = isObject(result.properties) ? result.properties : {};
    if (parseScore(own['security-severity']) !== undefined) return;
    result.properties = { ...own, 'security-severity': formatScore(score) };
  });
}

function cweTitle(cwe: number): string {
  const name = cweName(cwe);
  return name === undefined ? `CWE-${cwe}` : `CWE-${cwe}: ${name}`;
}

function withDescriptions(rule: Bag, cwes: readonly number[], results: readonly Bag[]): void {
  const short = messageText(rule.shortDescription);
  const full = messageText(rule.fullDescription);
  const name = str(rule.name) !== str(rule.id) ? str(rule.name) : undefined;
  const firstMessage = results.map((r) => messageText(r.message)).find((m) => m !== undefined);
  const fallback =
    full ??
    name ??
    (cwes[0] === undefined ? undefined : cweTitle(cwes[0])) ??
    firstMessage ??
    `Rule ${str(rule.id) ?? 'without an id'}`;
  // GitHub requires the text of both; markdown alone does not count.
  const hasText = (message: unknown): boolean => isObject(message) && str(message.text) !== undefined;
  if (!hasText(rule.shortDescription)) {
    const existing = isObject(rule.shortDescription) ? rule.shortDescription : {};
    rule.shortDescription = { ...existing, text: oneLine(short ?? fallback, MAX_DESCRIPTION) };
  }
  if (!hasText(rule.fullDescription)) {
    const existing = isObject(rule.fullDescription) ? rule.fullDescription : {};
    rule.fullDescription = { ...existing, text: oneLine(full ?? short ?? fallback, MAX_DESCRIPTION) };
  }
}

function helpLinks(helpUri: string | undefined, cwes: readonly number[]): KnowledgeLink[] {
  const links: KnowledgeLink[] = [];
  const own = safeHttpsUrl(helpUri);
  if (own !== undefined) links.push({ title: 'Rule documentation', url: own });
  for (const cwe of cwes.slice(0, HELP_CWES)) {
    const entry = cweEntry(cwe);
    if (entry) links.push(...entryLinks(entry));
    else {
      const page = cweLink(cwe);
      if (page) links.push(page);
    }
  }
  const seen = new Set<string>();
  const unique: KnowledgeLink[] = [];
  for (const link of links) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    unique.push(link);
  }
  return unique.slice(0, HELP_LINKS);
}

/**
 * Help for a rule the tool gave none: what it looks for (its description), and for each CWE
 * (up to three) the weakness, our one-line fix and where to read more, e.g.
 * "CWE-89: Improper Neutralization … ('SQL Injection') — Pass user input as query parameters …"
 * followed by the OWASP cheat sheet, the CWE page and the ASVS requirements.
 */
export function catalogueHelp(
  ruleId: string,
  toolName: string,
  description: string | undefined,
  helpUri: string | undefined,
  cwes: readonly number[],
): { text: string; markdown: string } {
  const intro = description ?? `${toolName} rule ${ruleId}.`;
  const text: string[] = [oneLine(intro, MAX_DESCRIPTION)];
  const markdown: string[] = [escapeInline(intro, MAX_DESCRIPTION)];
  for (const cwe of cwes.slice(0, HELP_CWES)) {
    const fix = cweEntry(cwe)?.fix;
    text.push(fix === undefined ? cweTitle(cwe) : `${cweTitle(cwe)} — ${fix}`);
    markdown.push(
      fix === undefined
        ? `**${escapeInline(cweTitle(cwe))}**`
        : `**${escapeInline(cweTitle(cwe))}** — ${escapeInline(fix, 500)}`,
    );
  }
  const links = helpLinks(helpUri, cwes);
  if (links.length > 0) {
    text.push(['References:', ...links.map((l) => `- ${l.title}: ${l.url}`)].join('\n'));
    markdown.push(['References:', '', ...links.map((l) => `- ${safeLink(l.title, l.url)}`)].join('\n'));
  }
  return { text: text.join('\n\n'), markdown: markdown.join('\n\n') };
}

function withHelp(rule: Bag, cwes: readonly number[], facts: RunFacts): void {
  const help = isObject(rule.help) ? rule.help : undefined;
  const text = str(help?.text);
  const markdown = str(help?.markdown);
  if (help && text === undefined && markdown !== undefined) {
    // GitHub requires help.text: the tool's markdown is the closest text there is.
    rule.help = { ...help, text: markdown };
  } else if (text === undefined) {
    const description = messageText(rule.fullDescription) ?? messageText(rule.shortDescription);
    const id = str(rule.id) ?? '';
    rule.help = {
      ...(help ?? {}),
      ...catalogueHelp(id, facts.toolName, description, str(rule.helpUri), cwes),
    };
  }
  const first = cwes[0];
  if (str(rule.helpUri) === undefined && first !== undefined) {
    const url = cweUrl(first);
    if (url !== undefined) rule.helpUri = url;
  }
}

function enrichRule(rule: Bag, results: readonly Bag[], facts: RunFacts): void {
  const properties = isObject(rule.properties) ? rule.properties : {};
  rule.properties = properties;
  const cwes = ruleCwes(rule, properties, results, facts);
  withSecuritySeverity(rule, properties, results);
  withTags(properties, cwes);
  withDescriptions(rule, cwes, results);
  withHelp(rule, cwes, facts);
}

function enrichRun(run: SarifRunData, options: EnrichOptions): void {
  const driver = isObject(run.tool) ? run.tool.driver : undefined;
  if (!isObject(driver)) return;
  const facts = runFacts(run, driver, options);
  const byRule = resultsByRule(run, driver);
  if (!Array.isArray(driver.rules)) return;
  (driver.rules as unknown[]).forEach((rule, i) => {
    if (isObject(rule) && str(rule.id) !== undefined) enrichRule(rule, byRule.get(i) ?? [], facts);
  });
}

/** The log with every driver rule enriched (see the module comment); `log` is not changed. */
export function enrichSarif(log: SarifLog, options: EnrichOptions = {}): SarifLog {
  const out = structuredClone(log);
  for (const run of out.runs) enrichRun(run, options);
  return out;
}
