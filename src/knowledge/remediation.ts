/**
 * What to do about a finding: a one-line fix and a few links, from the rule's own help page, the
 * CWE catalogue and, for a vulnerable dependency, its fixed version and upgrade command.
 */
import type { Finding } from '../findings/finding.js';
import type { Remediation } from '../report/model.js';
import {
  asvsLink,
  cheatSheetLink,
  cweEntry,
  cweGuidance,
  cweLink,
  type CweEntry,
  type KnowledgeLink,
} from './cwe-catalogue.js';
import { cweForRule } from './rule-cwe.js';
import { upgradeCommand } from './upgrade-commands.js';

export const MAX_LINKS = 4;
const MAX_SUMMARY = 200;
const MAX_TITLE = 100;

/** A dependency finding's facts that SARIF has no field for: from the dependency review. */
export interface DependencyFix {
  ecosystem: string;
  name: string;
  fixedVersion: string;
  /** The manifest or lockfile that holds the package: picks yarn/pnpm, poetry/uv, gradle… */
  manifest?: string;
}

export interface RemediationOptions {
  dependency?: DependencyFix;
}

/** CWE-1395, Dependency on Vulnerable Third-Party Component: the guidance for any upgrade. */
const VULNERABLE_DEPENDENCY_CWE = 1395;

/** One line of plain text, at most `max` characters. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The rule's help URI as a link, when it is an https URL with a host and no credentials. */
function helpLink(finding: Finding): KnowledgeLink | undefined {
  const raw = finding.rule.helpUri?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '')
    return undefined;
  // Some tools (Flawfinder, for one) give the CWE page as the rule's help: title it as one.
  const cwePage = /^https:\/\/cwe\.mitre\.org\/data\/definitions\/(\d{1,5})\.html$/.exec(url.href);
  const asCwe = cwePage?.[1] === undefined ? undefined : cweLink(Number(cwePage[1]));
  if (asCwe?.url === url.href) return asCwe;
  return { title: oneLine(`${finding.tool.name} ${finding.rule.id}`, MAX_TITLE), url: url.href };
}

/**
 * Links for the catalogue entries and the uncatalogued CWEs, in tiers so that a budget of four
 * keeps the most useful: every CWE's primary cheat sheet and CWE page first, then the ASVS
 * requirements, then the other cheat sheets.
 */
function cweLinks(entries: readonly CweEntry[], uncatalogued: readonly number[]): KnowledgeLink[] {
  const primary: KnowledgeLink[] = [];
  const requirements: KnowledgeLink[] = [];
  const secondary: KnowledgeLink[] = [];
  for (const entry of entries) {
    const [first, ...others] = entry.cheatSheets;
    if (first !== undefined) primary.push(cheatSheetLink(first));
    const page = cweLink(entry.id);
    if (page) primary.push(page);
    const asvs = asvsLink(entry);
    if (asvs) requirements.push(asvs);
    secondary.push(...others.map(cheatSheetLink));
  }
  for (const id of uncatalogued) {
    const page = cweLink(id);
    if (page) primary.push(page);
  }
  return [...primary, ...requirements, ...secondary];
}

function dedupe(links: readonly KnowledgeLink[], max: number): KnowledgeLink[] {
  const seen = new Set<string>();
  const out: KnowledgeLink[] = [];
  for (const link of links) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    out.push(link);
    if (out.length === max) break;
  }
  return out;
}

/**
 * The finding's CWEs; when it has none, the CWEs our rule maps give its tool and rule. Findings
 * keep their CWEs sorted by number; where the rule map knows the rule, its order (most specific
 * first: eslint-plugin-security's non-literal RegExp is CWE-1333 before CWE-400) comes first, so
 * the fix shown is the one for the rule's own weakness.
 */
export function findingCwes(finding: Finding): number[] {
  const mapped = cweForRule(finding.tool.name, finding.rule.id);
  if (finding.cwes.length === 0) return mapped;
  const own = [...new Set(finding.cwes)];
  const rank = (id: number) => {
    const at = mapped.indexOf(id);
    return at === -1 ? mapped.length : at;
  };
  return own
    .map((id, i) => ({ id, i }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i)
    .map((e) => e.id);
}

/**
 * The remediation of a finding, or undefined when there is nothing to say. Links: the rule's own
 * help URI first (https only), then the catalogue's for each CWE; deduplicated, at most four.
 * Summary: the catalogue's fix for the first CWE it knows, else the rule's short description.
 * With `options.dependency`, the summary says which version to upgrade to, and `fixedVersion`
 * and `command` are set (no command when the name or version is not safe to paste in a shell).
 */
export function remediationFor(finding: Finding, options: RemediationOptions = {}): Remediation | undefined {
  const dependency = options.dependency;
  // For a vulnerable dependency, the upgrade guidance comes before the weakness it has.
  const cwes = dependency
    ? [VULNERABLE_DEPENDENCY_CWE, ...findingCwes(finding).filter((id) => id !== VULNERABLE_DEPENDENCY_CWE)]
    : findingCwes(finding);
  const entries: CweEntry[] = [];
  const uncatalogued: number[] = [];
  for (const id of cwes) {
    const entry = cweEntry(id);
    if (entry) entries.push(entry);
    else uncatalogued.push(id);
  }
  // A CWE known only through its parent: the parent's fix, after the child's own page.
  for (const id of uncatalogued) {
    const parent = cweGuidance(id);
    if (parent && !entries.includes(parent)) entries.push(parent);
  }

  const help = helpLink(finding);
  const links = dedupe([...(help ? [help] : []), ...cweLinks(entries, uncatalogued)], MAX_LINKS);

  const described = finding.rule.shortDescription ?? finding.rule.fullDescription;
  let summary: string | undefined;
  if (dependency) {
    summary = `Upgrade ${oneLine(dependency.name, MAX_TITLE)} to ${oneLine(dependency.fixedVersion, 40)} or later.`;
  } else if (entries[0]) {
    summary = entries[0].fix;
  } else if (described !== undefined && described.trim() !== '') {
    summary = oneLine(described, MAX_SUMMARY);
  } else if (links.length > 0) {
    summary = 'See the linked guidance.';
  }
  if (summary === undefined) return undefined;

  const remediation: Remediation = { summary, links };
  if (dependency) {
    remediation.fixedVersion = dependency.fixedVersion;
    const command = upgradeCommand(
      dependency.ecosystem,
      dependency.name,
      dependency.fixedVersion,
      dependency.manifest,
    );
    if (command !== undefined) remediation.command = command;
  }
  return remediation;
}

/**
 * remediationFor with one result per rule and CWE list: large reports repeat both thousands of
 * times, and shared objects are written once in report.json's remediation table.
 */
export function cachedRemediationFor(): (finding: Finding) => Remediation | undefined {
  const byRule = new WeakMap<object, Map<string, Remediation | null>>();
  return (finding) => {
    let cache = byRule.get(finding.rule);
    if (!cache) {
      cache = new Map();
      byRule.set(finding.rule, cache);
    }
    const key = `${finding.tool.name}\u0000${finding.cwes.join(',')}`;
    let remediation = cache.get(key);
    if (remediation === undefined) {
      remediation = remediationFor(finding) ?? null;
      cache.set(key, remediation);
    }
    return remediation ?? undefined;
  };
}
