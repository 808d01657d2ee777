/**
 * Compliance evidence: which controls a CI run produced evidence for (research §5), and the one
 * footer line that says so. A run is partial evidence at best: policies, people and production
 * operations are outside it, so a control is listed only when a fact of this run (SAST ran, the
 * dependency review ran, an SBOM was produced, the gate was enforced on a pull request…) is the
 * artefact the research names for it. Controls the research marks as not evidenced by a CI scan
 * (PCI DSS 11.3.x, SSDF PW.8 without DAST, SA-11(8), RA-5(11)…) or as evidenced only by GitHub
 * settings (manual review approvals, branch protection) are not in the table.
 *
 * Titles and ids are the research's; where it says a title is paraphrased or unverified, `note`
 * keeps that caveat for the docs, and `source` the document to cite.
 */
import type { ControlEvidence } from '../report/model.js';

export interface RunFacts {
  sast: { ran: boolean; tools: string[]; languages?: string[] };
  dependencyReview: { ran: boolean; vulnerable?: number };
  sbom: { ran: boolean; formats?: string[] };
  gate: { verdict: 'pass' | 'fail'; failOn: string };
  pullRequest: boolean;
  newFindings: number;
  fixedFindings: number;
}

export const FRAMEWORKS = {
  pci: {
    name: 'PCI DSS v4.0.1',
    short: 'PCI DSS',
    source: 'https://www.pcisecuritystandards.org/document_library/',
  },
  nist: {
    name: 'NIST SP 800-53 Rev. 5',
    short: 'NIST SP 800-53',
    source: 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final',
  },
  ssdf: {
    name: 'NIST SSDF v1.1',
    short: 'SSDF',
    source: 'https://csrc.nist.gov/pubs/sp/800/218/final',
  },
  cra: {
    name: 'EU Cyber Resilience Act, Annex I',
    short: 'EU CRA Annex I',
    source: 'https://eur-lex.europa.eu/eli/reg/2024/2847/oj',
  },
  scorecard: {
    name: 'OpenSSF Scorecard',
    short: 'OpenSSF Scorecard',
    source: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md',
  },
} as const;
export type FrameworkKey = keyof typeof FRAMEWORKS;

/** The FedRAMP Rev. 5 baselines that include a NIST control (GSA/fedramp-automation OSCAL). */
export const FEDRAMP_BASELINES_SOURCE =
  'https://github.com/GSA/fedramp-automation/tree/master/dist/content/rev5/baselines/json';

export interface ComplianceControl {
  framework: FrameworkKey;
  control: string;
  title: string;
  /** What a CI run evidences for it, in the research's words. */
  ciEvidence: string;
  /** The facts of a run that make it applicable, in words (for the docs). */
  appliesWhen: string;
  applies: (facts: RunFacts) => boolean;
  /** The evidence sentence for this run, from its facts. */
  evidence: (facts: RunFacts) => string;
  /** The document to cite. */
  source: string;
  /** NIST SP 800-53 only: in the FedRAMP Rev. 5 Moderate / High baselines. */
  fedramp?: { moderate: boolean; high: boolean };
  /** The research's caveat on the wording, when it gives one. */
  note?: string;
}

// ---- facts → words ------------------------------------------------------------------------------

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const unique = (items: readonly string[]): string[] => [
  ...new Set(items.map((s) => s.trim()).filter((s) => s !== '')),
];
const list = (items: readonly string[], max = 6): string => {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
};

const enforced = (f: RunFacts): boolean => f.gate.failOn.trim().toLowerCase() !== 'none';
const scanned = (f: RunFacts): boolean => f.sast.ran || f.dependencyReview.ran;

function sastPhrase(f: RunFacts): string {
  const tools = unique(f.sast.tools);
  const languages = unique(f.sast.languages ?? []);
  return (
    'SAST' +
    (tools.length > 0 ? ` by ${list(tools)}` : '') +
    (languages.length > 0 ? ` over ${list(languages)}` : '')
  );
}

function findingsPhrase(f: RunFacts): string {
  return `${plural(f.newFindings, 'new finding')}, ${f.fixedFindings} fixed`;
}

function gatePhrase(f: RunFacts): string {
  return enforced(f)
    ? `gate (fail on ${f.gate.failOn.trim()}) ${f.gate.verdict === 'pass' ? 'passed' : 'failed'}`
    : 'gate not enforced (fail-on none)';
}

function dependencyPhrase(f: RunFacts): string {
  const vulnerable = f.dependencyReview.vulnerable;
  return vulnerable === undefined
    ? 'dependency review of the changed dependencies'
    : `dependency review: ${plural(vulnerable, 'vulnerable dependency', 'vulnerable dependencies')}`;
}

function sbomPhrase(f: RunFacts): string {
  const formats = unique(f.sbom.formats ?? []);
  return formats.length > 0 ? `SBOM produced (${list(formats)})` : 'SBOM produced';
}

/** What scanned in this run, joined: "SAST by gosec; dependency review: 0 vulnerable dependencies". */
function scansPhrase(f: RunFacts): string {
  const parts: string[] = [];
  if (f.sast.ran) parts.push(sastPhrase(f));
  if (f.dependencyReview.ran) parts.push(dependencyPhrase(f));
  return parts.join('; ');
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---- the table ----------------------------------------------------------------------------------

const PCI_NOTE = 'Requirement sentence paraphrased by the research; check the exact text in the PDF.';
const NIST_NOTE = 'Control title from the research (from memory); verify against the NIST OSCAL catalog.';
const SSDF_NOTE = 'Practice/task wording paraphrased by the research; check against the SP 800-218 table.';
const CRA_NOTE = 'Annex I wording paraphrased by the research from secondary copies of the regulation.';

export const COMPLIANCE_CONTROLS: readonly ComplianceControl[] = [
  // PCI DSS v4.0.1 (research §5.1)
  {
    framework: 'pci',
    control: '6.2.3',
    title:
      'Bespoke/custom software is reviewed before release to production or customers to find and fix coding vulnerabilities',
    ciEvidence: 'SAST results per PR + required check blocking merge + fix commits',
    appliesWhen: 'SAST ran on a pull request',
    applies: (f) => f.sast.ran && f.pullRequest,
    evidence: (f) => `${sastPhrase(f)} reviewed this pull request before merge: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.pci.source,
    note: PCI_NOTE,
  },
  {
    framework: 'pci',
    control: '6.2.4',
    title: 'Engineering techniques/methods prevent or mitigate common software attacks',
    ciEvidence: 'SAST rule coverage mapped to CWE categories',
    appliesWhen: 'SAST ran',
    applies: (f) => f.sast.ran,
    evidence: (f) => `${sastPhrase(f)} checked for common software attacks: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.pci.source,
    note: PCI_NOTE,
  },
  {
    framework: 'pci',
    control: '6.3.1',
    title: 'Security vulnerabilities are identified and managed',
    ciEvidence: 'Advisory-DB matches (GHSA/OSV) with severity ranking per finding',
    appliesWhen: 'the dependency review ran',
    applies: (f) => f.dependencyReview.ran,
    evidence: (f) =>
      `${capital(dependencyPhrase(f))}, matched against advisory databases and ranked by severity`,
    source: FRAMEWORKS.pci.source,
    note: PCI_NOTE,
  },
  {
    framework: 'pci',
    control: '6.3.2',
    title:
      'An inventory of bespoke/custom software and the third-party components in it is maintained to support vulnerability and patch management',
    ciEvidence: 'SBOM per build/release + dependency graph',
    appliesWhen: 'an SBOM was produced',
    applies: (f) => f.sbom.ran,
    evidence: (f) => `${sbomPhrase(f)} for this commit`,
    source: FRAMEWORKS.pci.source,
    note: 'Mandatory from 31 March 2025. Wording checked by the research against a copy of v4.0.1.',
  },
  {
    framework: 'pci',
    control: '6.3.3',
    title: 'System components are protected from known vulnerabilities by installing patches',
    ciEvidence:
      'Dependency-review blocks new vulnerable deps; open-alert ages show patch timeliness for app dependencies (not OS/infra)',
    appliesWhen: 'the dependency review ran and the gate was enforced',
    applies: (f) => f.dependencyReview.ran && enforced(f),
    evidence: (f) => `${capital(dependencyPhrase(f))}; ${gatePhrase(f)}`,
    source: FRAMEWORKS.pci.source,
    note: PCI_NOTE,
  },
  {
    framework: 'pci',
    control: '6.5.1',
    title: 'Changes to production system components follow established procedures',
    ciEvidence: 'PR = change record; scan results = documented security-impact check',
    appliesWhen: 'SAST or the dependency review ran on a pull request',
    applies: (f) => f.pullRequest && scanned(f),
    evidence: (f) => `Security impact of this pull request checked: ${scansPhrase(f)}`,
    source: FRAMEWORKS.pci.source,
    note: PCI_NOTE,
  },

  // NIST SP 800-53 Rev. 5, with the FedRAMP Rev. 5 baselines (research §5.2)
  {
    framework: 'nist',
    control: 'SA-11',
    title: 'Developer Testing and Evaluation',
    ciEvidence: 'Security testing/evaluation executed on every change; results retained',
    appliesWhen: 'SAST ran',
    applies: (f) => f.sast.ran,
    evidence: (f) => `${sastPhrase(f)} on this change: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'SA-11(1)',
    title: 'Static Code Analysis',
    ciEvidence: 'SAST tool, ruleset, SARIF results, remediation of flaws',
    appliesWhen: 'SAST ran',
    applies: (f) => f.sast.ran,
    evidence: (f) => `${sastPhrase(f)}, results kept as SARIF: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'RA-5',
    title: 'Vulnerability Monitoring and Scanning',
    ciEvidence: 'Application + dependency scanning on every change and on schedule',
    appliesWhen: 'SAST or the dependency review ran',
    applies: scanned,
    evidence: (f) => capital(scansPhrase(f)),
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'RA-5(3)',
    title: 'Breadth and Depth of Coverage',
    ciEvidence: 'Languages/paths scanned listed in SARIF `run.artifacts` / logs',
    appliesWhen: 'SAST ran and reported the languages it covered',
    applies: (f) => f.sast.ran && unique(f.sast.languages ?? []).length > 0,
    evidence: (f) => {
      const languages = unique(f.sast.languages ?? []);
      return `SAST covered ${plural(languages.length, 'language')}: ${list(languages, 12)}`;
    },
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'SI-2',
    title: 'Flaw Remediation',
    ciEvidence: 'Fix PRs, alert closure, time-to-fix',
    appliesWhen: 'findings were fixed, or the dependency review ran with the gate enforced',
    applies: (f) => f.fixedFindings > 0 || (f.dependencyReview.ran && enforced(f)),
    evidence: (f) => {
      const parts: string[] = [];
      if (f.fixedFindings > 0) parts.push(`${plural(f.fixedFindings, 'finding')} fixed in this change`);
      if (f.dependencyReview.ran && enforced(f)) parts.push(`${dependencyPhrase(f)}; ${gatePhrase(f)}`);
      return capital(parts.join('; '));
    },
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'CM-3(2)',
    title: 'Testing, Validation, and Documentation of Changes',
    ciEvidence: 'Scan results attached to each PR',
    appliesWhen: 'SAST or the dependency review ran on a pull request',
    applies: (f) => f.pullRequest && scanned(f),
    evidence: (f) => `Scan results reported on this pull request: ${scansPhrase(f)}`,
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'CM-4',
    title: 'Impact Analyses',
    ciEvidence: 'Dependency-review diff = security impact of dependency changes',
    appliesWhen: 'the dependency review ran on a pull request',
    applies: (f) => f.pullRequest && f.dependencyReview.ran,
    evidence: (f) => `Security impact of this pull request's dependency changes: ${dependencyPhrase(f)}`,
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },
  {
    framework: 'nist',
    control: 'CM-8',
    title: 'System Component Inventory',
    ciEvidence: 'SBOM = software component inventory of the built system',
    appliesWhen: 'an SBOM was produced',
    applies: (f) => f.sbom.ran,
    evidence: (f) => `${sbomPhrase(f)}: the software component inventory of this commit`,
    source: FRAMEWORKS.nist.source,
    fedramp: { moderate: true, high: true },
    note: NIST_NOTE,
  },

  // NIST SP 800-218 SSDF v1.1 (research §5.3)
  {
    framework: 'ssdf',
    control: 'PO.3.3',
    title: 'Configure tools to generate artifacts of their support of secure development',
    ciEvidence: 'SARIF, SBOM, dependency-review reports as retained artefacts',
    appliesWhen: 'SAST, the dependency review or the SBOM ran',
    applies: (f) => scanned(f) || f.sbom.ran,
    evidence: (f) => {
      const parts: string[] = [];
      if (f.sast.ran) parts.push('SARIF');
      if (f.dependencyReview.ran) parts.push('dependency review');
      if (f.sbom.ran) parts.push('SBOM');
      return `Artefacts of this run: ${parts.join(', ')} and the report`;
    },
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },
  {
    framework: 'ssdf',
    control: 'PO.4',
    title: 'Define and Use Criteria for Software Security Checks',
    ciEvidence: 'The gate policy (fail-on-severity) and its pass/fail record',
    appliesWhen: 'the gate was enforced (fail-on is not none)',
    applies: (f) => enforced(f) && (scanned(f) || f.sbom.ran),
    evidence: (f) => `${capital(gatePhrase(f))}: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },
  {
    framework: 'ssdf',
    control: 'PS.3.2',
    title: 'Collect, safeguard, maintain and share provenance data for all components of each release',
    ciEvidence: 'SBOM per release',
    appliesWhen: 'an SBOM was produced',
    applies: (f) => f.sbom.ran,
    evidence: (f) => `${sbomPhrase(f)}, listing every component`,
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },
  {
    framework: 'ssdf',
    control: 'PW.4.4',
    title: 'Verify third-party components comply with requirements over their life cycle',
    ciEvidence: 'SCA / dependency review of every added or changed component',
    appliesWhen: 'the dependency review ran',
    applies: (f) => f.dependencyReview.ran,
    evidence: (f) => capital(dependencyPhrase(f)),
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },
  {
    framework: 'ssdf',
    control: 'PW.7',
    title:
      'Review and/or Analyze Human-Readable Code to Identify Vulnerabilities and Verify Compliance with Security Requirements',
    ciEvidence: 'SAST results + triage state + PR comment',
    appliesWhen: 'SAST ran',
    applies: (f) => f.sast.ran,
    evidence: (f) => `${sastPhrase(f)}: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },
  {
    framework: 'ssdf',
    control: 'RV.1',
    title: 'Identify and Confirm Vulnerabilities on an Ongoing Basis',
    ciEvidence: 'Scheduled re-scans against updated advisory DBs; SAST on every change',
    appliesWhen: 'SAST or the dependency review ran',
    applies: scanned,
    evidence: (f) => capital(scansPhrase(f)),
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },
  {
    framework: 'ssdf',
    control: 'RV.2',
    title: 'Assess, Prioritize, and Remediate Vulnerabilities',
    ciEvidence: 'Severity ranking, fix suggestions (§4), alert closure',
    appliesWhen: 'a scan ran and found or fixed something',
    applies: (f) =>
      scanned(f) && (f.newFindings > 0 || f.fixedFindings > 0 || (f.dependencyReview.vulnerable ?? 0) > 0),
    evidence: (f) => `Findings ranked by severity, each with a fix: ${findingsPhrase(f)}`,
    source: FRAMEWORKS.ssdf.source,
    note: SSDF_NOTE,
  },

  // EU Cyber Resilience Act, Regulation (EU) 2024/2847, Annex I (research §5.5)
  {
    framework: 'cra',
    control: 'Part II (1)',
    title:
      'Identify and document vulnerabilities and components, including by drawing up an SBOM in a commonly used, machine-readable format covering at least the top-level dependencies',
    ciEvidence: 'SBOM (CycloneDX/SPDX) per release + vulnerability findings',
    appliesWhen: 'an SBOM was produced',
    applies: (f) => f.sbom.ran,
    evidence: (f) => sbomPhrase(f) + (scanned(f) ? `; ${scansPhrase(f)}` : ''),
    source: FRAMEWORKS.cra.source,
    note: CRA_NOTE,
  },
  {
    framework: 'cra',
    control: 'Part II (2)',
    title: 'Address and remediate vulnerabilities without delay, incl. by security updates',
    ciEvidence: 'Fix PRs, time-to-remediate metrics, upgrade suggestions',
    appliesWhen: 'findings were fixed',
    applies: (f) => f.fixedFindings > 0,
    evidence: (f) => `${plural(f.fixedFindings, 'finding')} fixed in this change`,
    source: FRAMEWORKS.cra.source,
    note: CRA_NOTE,
  },
  {
    framework: 'cra',
    control: 'Part II (3)',
    title: "Apply effective and regular tests and reviews of the product's security",
    ciEvidence: 'SAST/SCA on every PR + scheduled runs',
    appliesWhen: 'SAST or the dependency review ran',
    applies: scanned,
    evidence: (f) => capital(scansPhrase(f)),
    source: FRAMEWORKS.cra.source,
    note: CRA_NOTE,
  },

  // OpenSSF Scorecard (research §5.6)
  {
    framework: 'scorecard',
    control: 'SAST',
    title: 'Whether the project uses static analysis',
    ciEvidence: 'Uploading SARIF via code scanning on every PR is what the check detects',
    appliesWhen: 'SAST ran on a pull request',
    applies: (f) => f.sast.ran && f.pullRequest,
    evidence: (f) =>
      `${sastPhrase(f)} on this pull request (Scorecard sees it when the SARIF is uploaded to code scanning)`,
    source: FRAMEWORKS.scorecard.source,
    note: 'Scorecard detects CodeQL and SonarCloud; its detection of other tools is unverified.',
  },
];

const FRAMEWORK_ORDER = Object.keys(FRAMEWORKS) as FrameworkKey[];

/** The controls this run evidences, in table order, each with a sentence built from the facts. */
export function complianceEvidence(facts: RunFacts): ControlEvidence[] {
  return COMPLIANCE_CONTROLS.filter((c) => c.applies(facts)).map((c) => ({
    framework: FRAMEWORKS[c.framework].name,
    control: c.control,
    title: c.title,
    evidence: c.evidence(facts),
  }));
}

/** The table row of a control, for docs that cite its source. */
export function complianceControl(framework: string, control: string): ComplianceControl | undefined {
  return COMPLIANCE_CONTROLS.find(
    (c) => (FRAMEWORKS[c.framework].name === framework || c.framework === framework) && c.control === control,
  );
}

/**
 * One plain-text line: "Evidence for PCI DSS 6.2.4, 6.3.1 · NIST SP 800-53 SA-11, RA-5 · SSDF PW.7".
 * Frameworks in a fixed order, controls in table order, duplicates dropped; frameworks and controls
 * this module does not know follow in the order given. Empty when there is no evidence.
 */
export function complianceFooter(evidence: readonly ControlEvidence[]): string {
  const groups = new Map<string, { label: string; rank: number; controls: Map<string, number> }>();
  evidence.forEach((e, i) => {
    const key = FRAMEWORK_ORDER.find((k) => FRAMEWORKS[k].name === e.framework);
    const label = key ? FRAMEWORKS[key].short : e.framework.replace(/\s+/g, ' ').trim();
    const rank = key ? FRAMEWORK_ORDER.indexOf(key) : FRAMEWORK_ORDER.length + i;
    let group = groups.get(label);
    if (!group) {
      group = { label, rank, controls: new Map() };
      groups.set(label, group);
    }
    const control = e.control.replace(/\s+/g, ' ').trim();
    if (group.controls.has(control)) return;
    const known = COMPLIANCE_CONTROLS.findIndex((c) => c.framework === key && c.control === control);
    group.controls.set(control, known >= 0 ? known : COMPLIANCE_CONTROLS.length + i);
  });
  if (groups.size === 0) return '';
  const parts = [...groups.values()]
    .sort((a, b) => a.rank - b.rank)
    .map((g) => {
      const controls = [...g.controls].sort((a, b) => a[1] - b[1]).map(([control]) => control);
      return `${g.label} ${controls.join(', ')}`;
    });
  return `Evidence for ${parts.join(' · ')}`;
}

// ---- the compliance annex (docs/compliance.md, generated by `npm run docs`) ----------------------
//
// What follows is for the annex only: where each control's evidence is kept, the frameworks a run's
// report does not list, and the gap templates. Nothing above reads it, so a run's evidence and its
// footer are unchanged by it. Markdown is allowed in these strings (`code` spans); the annex renders
// them as they are.

/**
 * Frameworks the annex covers that a run's report does not list (research §5.4 and §5.7): SLSA,
 * for which the pipeline gives no evidence, and the Best Practices badge, which a project
 * self-certifies on bestpractices.dev with the run's artefacts as justification.
 */
export const ANNEX_FRAMEWORKS = {
  slsa: {
    name: 'SLSA v1.0 Build track',
    short: 'SLSA',
    source: 'https://slsa.dev/spec/v1.0/levels',
  },
  badge: {
    name: 'OpenSSF Best Practices badge',
    short: 'Best Practices badge',
    source: 'https://www.bestpractices.dev/en/criteria',
  },
} as const;
export type AnnexFrameworkKey = FrameworkKey | keyof typeof ANNEX_FRAMEWORKS;

/** Every framework of the annex, in the research's order (§5.1–§5.7). */
export const ANNEX_FRAMEWORK_ORDER: readonly AnnexFrameworkKey[] = [
  'pci',
  'nist',
  'ssdf',
  'slsa',
  'cra',
  'scorecard',
  'badge',
];

export function annexFramework(key: AnnexFrameworkKey): { name: string; short: string; source: string } {
  return key === 'slsa' || key === 'badge' ? ANNEX_FRAMEWORKS[key] : FRAMEWORKS[key];
}

/** A criterion of a framework the run's report does not list; fields as in ComplianceControl. */
export interface AnnexControl {
  framework: keyof typeof ANNEX_FRAMEWORKS;
  control: string;
  /** The research's paraphrase of the criterion. */
  title: string;
  /** The criterion's level and keyword, as the research gives it. */
  level?: string;
  ciEvidence: string;
  appliesWhen: string;
  source: string;
  note?: string;
}

const BADGE_NOTE = 'Criterion text paraphrased by the research from the badge criteria.';

/** OpenSSF Best Practices badge criteria a run gives evidence for (research §5.7). */
export const ANNEX_CONTROLS: readonly AnnexControl[] = [
  {
    framework: 'badge',
    control: 'static_analysis',
    title:
      'At least one static analysis tool (beyond compiler warnings / "safe" modes) applied to every proposed major production release before release, if a FLOSS tool exists for the language',
    level: 'passing, MUST',
    ciEvidence: 'SAST run on release branch/tag',
    appliesWhen: 'SAST ran on the commit that is released',
    source: ANNEX_FRAMEWORKS.badge.source,
    note: BADGE_NOTE,
  },
  {
    framework: 'badge',
    control: 'static_analysis_common_vulnerabilities',
    title: 'That tool includes rules for common vulnerabilities in the language/environment',
    level: 'passing SUGGESTED (MUST at silver)',
    ciEvidence: 'Security rulesets (gosec, bandit, CodeQL security suite, Semgrep security rules)',
    appliesWhen: 'SAST ran',
    source: ANNEX_FRAMEWORKS.badge.source,
    note: BADGE_NOTE,
  },
  {
    framework: 'badge',
    control: 'static_analysis_often',
    title: 'Static analysis on every commit or at least daily',
    level: 'passing, SUGGESTED',
    ciEvidence: 'Per-PR + scheduled runs',
    appliesWhen: 'SAST runs on every pull request and push, and on a schedule',
    source: ANNEX_FRAMEWORKS.badge.source,
    note: BADGE_NOTE,
  },
  {
    framework: 'badge',
    control: 'dependency_monitoring',
    title:
      'Monitor or periodically check external dependencies (incl. convenience copies) for known vulnerabilities; fix exploitable ones or verify them unexploitable',
    level: 'silver, MUST',
    ciEvidence: 'Dependency review + scheduled SCA; VEX-style "not affected" justifications',
    appliesWhen: 'the dependency review runs on every pull request and push, and on a schedule',
    source: ANNEX_FRAMEWORKS.badge.source,
    note: 'Id and text confirmed by the research; its level is inferred from its place among the higher-level criteria (re-check).',
  },
];

/** The pipeline's stages, as the annex names them. `docs` is a repository path. */
export type EvidenceStage = 'sast' | 'dependency-review' | 'sbom' | 'summary';

export const EVIDENCE_STAGES: Readonly<Record<EvidenceStage, { name: string; does: string; docs: string }>> =
  {
    sast: {
      name: 'SAST',
      does: 'the engines the languages call for (gosec, Bandit, ESLint with eslint-plugin-security, opengrep with the starter rules), at pinned versions; on a pull request only the changed files unless a baseline is found',
      docs: 'docs/sast.md',
    },
    'dependency-review': {
      name: 'dependency review',
      does: 'the lockfiles at the base and the head looked up in OSV (or a mirror, or an offline database): the packages a pull request adds or changes, every package on a push or a schedule; licence policy',
      docs: 'docs/dependency-review.md',
    },
    sbom: {
      name: 'SBOM',
      does: 'CycloneDX 1.6 and/or SPDX 2.3 JSON of every lockfile in the tree',
      docs: 'docs/sbom.md',
    },
    summary: {
      name: 'summary and gate',
      does: "findings classified new, existing or fixed (against the baseline, else the pull request's changed lines), the config file's `exclude` and `ignore` applied, a fix for each finding, the report, the comment, and the gate on `fail-on`",
      docs: 'README.md#scan-summary-preview',
    },
  };

/** Where a kind of evidence lives. `docs` is the repository file that defines or documents it. */
export interface EvidenceArtifact {
  /** The file(s) or record, as a reader finds it. */
  name: string;
  /** One line for a control's "kept in" list: the name, where, and for how long. */
  short: string;
  where: string;
  retention: string;
  /** When it exists. */
  when: string;
  /** What it holds that an assessor looks for. */
  holds: string;
  docs: string;
}

const RESULTS_RETENTION = "main-security.yml's `retention-days` (0: the repository's artifact retention)";
const RESULTS_ARTIFACT = 'the `pavedpath-results` artifact of main-security.yml (default branch)';
const ON_THE_RUNNER = 'on a pull request it stays on the runner, and only the report keeps what it found';

export const EVIDENCE_ARTIFACTS = {
  report: {
    name: '`report.json`, `report.html` and `report.md`',
    short:
      "`report.json` (and `report.html`, `report.md`) in the `pavedpath-report` artifact of a pull request's run when uploaded, and in `pavedpath-results` on the default branch (retention: the artifact retention, or `retention-days`)",
    where: `the \`pavedpath-report\` artifact of a pull request's run (when uploaded), and \`report/\` in ${RESULTS_ARTIFACT}`,
    retention:
      "`pavedpath-report`: the repository's artifact retention; `pavedpath-results`: main-security.yml's `retention-days`",
    when: 'on a pull request, uploaded when `upload-artifact` is `always`, or `auto` (the default) and the comment was not posted (fork and Dependabot pull requests, a failed post); on the default branch, every main-security.yml run',
    holds:
      "every finding with its state (new, existing, fixed, or ignored with the entry's reason and expiry), severity, CWEs and fix; the gate's `fail-on`, scope, verdict and reason; the SARIF files and tools read; the SBOM inventory; the dependency changes; and `compliance`: the controls the run evidenced, each with its evidence sentence",
    docs: 'schema/report.schema.json',
  },
  comment: {
    name: 'the sticky pull-request comment',
    short: 'the sticky pull-request comment, edited by each run (kept with the pull request)',
    where: 'the pull request: one comment, edited in place by each run (GitHub keeps its edit history)',
    retention: 'as long as the pull request',
    when: 'on a pull request when `comment` is `auto` (there are findings, or an earlier comment to update), `always` or `on-change`; on fork and Dependabot pull requests only through pr-comment.yml',
    holds:
      'the new and fixed findings with their fixes, the gate, the dependency changes, and the "Evidence for …" line of the controls the run evidenced',
    docs: 'docs/fork-pull-requests.md',
  },
  jobSummary: {
    name: 'the job summary',
    short: "the job summary on the run's page (kept with the run)",
    where: "the workflow run's summary page",
    retention: 'with the workflow run; it is not a file, so archive the report instead',
    when: 'every run of the summary',
    holds: 'what the comment holds (up to 1 MiB), and the files that could not be read',
    docs: 'README.md',
  },
  gate: {
    name: "the scan job's check",
    short: "the scan job's check on the commit and the pull request (it blocks the merge when required)",
    where:
      'the commit\'s checks and the pull request\'s merge box ("Scan and summarise" in pr-security.yml): the job fails when the gate fails',
    retention: 'with the commit and the workflow run',
    when: 'every run; it blocks a merge only when branch protection or a ruleset requires it',
    holds: 'pass or fail against `fail-on`; the log and the report say why',
    docs: 'docs/fork-pull-requests.md',
  },
  runLog: {
    name: "the workflow run's log",
    short: "the workflow run's log (retention: the repository's log retention)",
    where: 'the workflow run (Actions tab)',
    retention: "the repository's log retention",
    when: 'every run',
    holds:
      'the languages found and the engines chosen for them, the "Languages not scanned" warning, each engine\'s version and result, and the gate\'s verdict with its reason',
    docs: 'docs/sast.md',
  },
  sastSarif: {
    name: '`sast.sarif`',
    short:
      '`sast.sarif` in the `pavedpath-results` artifact of main-security.yml (retention: its `retention-days`); not kept from pull requests',
    where: `${RESULTS_ARTIFACT}; ${ON_THE_RUNNER}`,
    retention: RESULTS_RETENTION,
    when: 'the SAST stage ran at least one engine',
    holds:
      'one run per engine with the version that ran (`tool.driver.version`), every rule with its CWE tags and `security-severity`, every result with its file, line and fingerprint',
    docs: 'docs/sast.md',
  },
  dependenciesSarif: {
    name: '`dependencies.sarif`',
    short:
      '`dependencies.sarif` in the `pavedpath-results` artifact of main-security.yml (retention: its `retention-days`); not kept from pull requests',
    where: `${RESULTS_ARTIFACT}; ${ON_THE_RUNNER}`,
    retention: RESULTS_RETENTION,
    when: 'the dependency review ran (on the default branch a full review of every package)',
    holds:
      'one result per vulnerable package and advisory (GHSA, CVE or other OSV id) with its severity and fixed version; licence-policy and unpinned-requirement results',
    docs: 'docs/dependency-review.md',
  },
  dependencyChanges: {
    name: '`dependency-changes.json`',
    short:
      '`dependency-changes.json` in the `pavedpath-results` artifact of main-security.yml (retention: its `retention-days`); not kept from pull requests',
    where: `${RESULTS_ARTIFACT}; ${ON_THE_RUNNER}`,
    retention: RESULTS_RETENTION,
    when: 'the dependency review ran',
    holds:
      'the lockfiles read, the packages added, removed or changed, every vulnerable package with its advisories and upgrade command, licences, and the lockfiles that could not be read',
    docs: 'schema/dependency-changes.schema.json',
  },
  codeScanning: {
    name: 'the SARIF in code scanning',
    short: "the SARIF in code scanning (main-security.yml, `upload-sarif: true`), with each alert's history",
    where:
      "the repository's code scanning alerts (categories `pavedpath-sast` and `pavedpath-dependencies`), uploaded by main-security.yml with `upload-sarif: true`",
    retention: "kept by code scanning, with each alert's history",
    when: 'main-security.yml with `upload-sarif: true` (private repositories need GitHub Code Security); never from a pull request',
    holds: 'an alert per rule and location, with when it was opened, fixed or dismissed',
    docs: 'docs/sast.md#code-scanning',
  },
  sbom: {
    name: '`sbom.cdx.json` and/or `sbom.spdx.json`',
    short:
      '`sbom.cdx.json` and/or `sbom.spdx.json` under `sbom/` in the `pavedpath-results` artifact of main-security.yml (retention: its `retention-days`)',
    where: `\`sbom/\` in ${RESULTS_ARTIFACT}; on a pull request it stays on the runner: the report keeps its inventory line`,
    retention: RESULTS_RETENTION,
    when: '`sbom-format` is not `none` (`cyclonedx-json` by default)',
    holds:
      'every component the lockfiles record, by purl and version, with licences, hashes and the dependency graph where the lockfile records them',
    docs: 'docs/sbom.md',
  },
  sbomAttestation: {
    name: 'the SBOM attestation (`actions/attest-sbom`)',
    short:
      '`sbom.cdx.json` (or `sbom.spdx.json`) attested with `actions/attest-sbom` (main-security.yml, `attest-sbom: true`)',
    where:
      "the repository's attestations, made by main-security.yml with `attest-sbom: true` (its `attestation-url` output); the subject is `git archive` of the commit, which anyone can rebuild to verify it",
    retention: "kept by GitHub with the repository's attestations",
    when: 'main-security.yml with `attest-sbom: true` (public repositories, or GitHub Enterprise Cloud), never for a pull request; one SBOM: the CycloneDX one, or the SPDX one when it is the only format',
    holds: 'a signed statement (Sigstore) that binds the SBOM to the source of the commit',
    docs: 'docs/workflows.md',
  },
  config: {
    name: '`.github/pavedpath.yml`',
    short:
      "`.github/pavedpath.yml`: the gate's criteria and the ignore register with reasons and expiry dates (kept in the repository's history)",
    where: 'the repository, under version control: its history says who changed the policy, and when',
    retention: "the repository's history",
    when: 'the repository has a config file; without one the defaults (`fail-on: high`, scope `new`) and the workflow inputs apply',
    holds:
      "the gate's criteria (`fail-on`, `fail-on-scope`), the `exclude` paths, and the ignore register: each accepted finding with its selector, `reason` and optional `expires` date (an expired entry becomes a notice in the report)",
    docs: 'schema/pavedpath.schema.json',
  },
  workflow: {
    name: 'the calling workflow',
    short:
      "the calling workflow in `.github/workflows/`: its triggers and inputs (kept in the repository's history)",
    where:
      '`.github/workflows/` of the repository (copied from `workflows/`), and its runs in the Actions tab',
    retention: "the file: the repository's history; the runs' logs: the repository's log retention",
    when: 'always',
    holds:
      "the triggers (every pull request, pushes to the default branch, paved-path-full.yml's weekly schedule), the inputs (`fail-on`, `sbom-format`, `upload-sarif`, `attest-sbom`, …) and the Paved Path version called",
    docs: 'docs/workflows.md',
  },
} as const satisfies Record<string, EvidenceArtifact>;
export type EvidenceArtifactKey = keyof typeof EVIDENCE_ARTIFACTS;

/** Where one control's evidence comes from and is kept. */
export interface ControlArtifacts {
  framework: AnnexFrameworkKey;
  control: string;
  stages: readonly EvidenceStage[];
  /** What the stages check for this control, in the pipeline's terms. */
  checks: string;
  /** Where the evidence is kept, most direct first. */
  artifacts: readonly EvidenceArtifactKey[];
  /** What this evidence does not show (the gap tables say what to add). */
  limits?: string;
}

const BASELINE_LIMIT =
  'Fixed findings are counted only against a baseline (main-security.yml saves one for pull requests).';
const PER_COMMIT_LIMIT =
  'One SBOM per scanned commit, not per release: keep the one of each released commit (the artifact expires).';

/** One entry per control of COMPLIANCE_CONTROLS and ANNEX_CONTROLS, in their order. */
export const CONTROL_ARTIFACTS: readonly ControlArtifacts[] = [
  {
    framework: 'pci',
    control: '6.2.3',
    stages: ['sast', 'summary'],
    checks:
      'SAST over the pull request, its findings classified against the base branch, and the gate on `fail-on`',
    artifacts: ['comment', 'report', 'gate', 'jobSummary'],
    limits:
      'The check blocks a merge only where branch protection or a ruleset requires it. A pull request keeps its report only when it is uploaded: set `upload-artifact: always` to keep one per run.',
  },
  {
    framework: 'pci',
    control: '6.2.4',
    stages: ['sast'],
    checks:
      "the engines' security rules, each tagged with its CWEs (injection, cryptography, path traversal, hard-coded credentials, …)",
    artifacts: ['sastSarif', 'codeScanning', 'report'],
    limits: 'Rules find code patterns; flaws of business logic and access control mostly need a reviewer.',
  },
  {
    framework: 'pci',
    control: '6.3.1',
    stages: ['dependency-review'],
    checks:
      'each added or changed package (every package on the default branch) matched against OSV advisories and ranked by severity',
    artifacts: ['dependenciesSarif', 'dependencyChanges', 'report', 'codeScanning'],
    limits: 'Application dependencies from lockfiles only: no OS packages, images or infrastructure.',
  },
  {
    framework: 'pci',
    control: '6.3.2',
    stages: ['sbom'],
    checks: 'an SBOM of every lockfile in the tree',
    artifacts: ['sbom', 'sbomAttestation'],
    limits: PER_COMMIT_LIMIT,
  },
  {
    framework: 'pci',
    control: '6.3.3',
    stages: ['dependency-review', 'summary'],
    checks: 'the gate fails a pull request that adds a package with an advisory at or above `fail-on`',
    artifacts: ['gate', 'report', 'comment'],
    limits:
      'No patch timeliness: alert ages and the one-month window for critical and high patches are not measured, and OS and infrastructure patches are outside the run.',
  },
  {
    framework: 'pci',
    control: '6.5.1',
    stages: ['summary'],
    checks:
      'the security impact of each pull request (its new and fixed findings, its dependency changes) reported on the pull request',
    artifacts: ['comment', 'report', 'jobSummary'],
  },
  {
    framework: 'nist',
    control: 'SA-11',
    stages: ['sast', 'summary'],
    checks: 'SAST on every change, its findings classified new, existing or fixed',
    artifacts: ['report', 'sastSarif', 'codeScanning', 'jobSummary'],
  },
  {
    framework: 'nist',
    control: 'SA-11(1)',
    stages: ['sast'],
    checks: 'static analysis with pinned engines and rules, the results as SARIF 2.1.0',
    artifacts: ['sastSarif', 'codeScanning', 'report'],
  },
  {
    framework: 'nist',
    control: 'RA-5',
    stages: ['sast', 'dependency-review'],
    checks:
      "code and dependency scanning on every pull request and push, and on paved-path-full.yml's weekly schedule",
    artifacts: ['sastSarif', 'dependenciesSarif', 'report', 'codeScanning', 'workflow'],
  },
  {
    framework: 'nist',
    control: 'RA-5(3)',
    stages: ['sast'],
    checks: 'the languages found, the engines chosen for them, and the languages no engine scanned',
    artifacts: ['runLog', 'sastSarif'],
    limits:
      "The summary does not pass the languages on (src/actions/summary/main.ts), so a run's report does not list RA-5(3) yet; the log and `sast.sarif` hold the evidence.",
  },
  {
    framework: 'nist',
    control: 'SI-2',
    stages: ['summary'],
    checks:
      'findings of the baseline that are gone (fixed), and with the gate on, vulnerable dependencies kept out',
    artifacts: ['report', 'comment', 'codeScanning', 'gate'],
    limits: `${BASELINE_LIMIT} Time to remediate is not measured.`,
  },
  {
    framework: 'nist',
    control: 'CM-3(2)',
    stages: ['summary'],
    checks: 'the scan results of each pull request, on the pull request',
    artifacts: ['comment', 'report', 'jobSummary'],
  },
  {
    framework: 'nist',
    control: 'CM-4',
    stages: ['dependency-review'],
    checks:
      'what the pull request changes in the dependency tree: packages added, removed or changed, their advisories and licences',
    artifacts: ['comment', 'report'],
  },
  {
    framework: 'nist',
    control: 'CM-8',
    stages: ['sbom'],
    checks: 'an SBOM of every lockfile in the tree',
    artifacts: ['sbom', 'sbomAttestation'],
    limits: 'Software components of the repository only, not the systems it runs on.',
  },
  {
    framework: 'ssdf',
    control: 'PO.3.3',
    stages: ['sast', 'dependency-review', 'sbom', 'summary'],
    checks: 'each stage writes a standard file: SARIF, `dependency-changes.json`, the SBOM and the report',
    artifacts: ['sastSarif', 'dependenciesSarif', 'dependencyChanges', 'sbom', 'report'],
  },
  {
    framework: 'ssdf',
    control: 'PO.4',
    stages: ['summary'],
    checks:
      "the gate's criteria (`fail-on`, `fail-on-scope`) from the config file or the workflow, and each run's verdict",
    artifacts: ['config', 'workflow', 'gate', 'report'],
  },
  {
    framework: 'ssdf',
    control: 'PS.3.2',
    stages: ['sbom'],
    checks: 'an SBOM of every lockfile in the tree',
    artifacts: ['sbom', 'sbomAttestation'],
    limits: PER_COMMIT_LIMIT,
  },
  {
    framework: 'ssdf',
    control: 'PW.4.4',
    stages: ['dependency-review'],
    checks: 'each added or changed package looked up in OSV and checked against the licence policy',
    artifacts: ['dependenciesSarif', 'dependencyChanges', 'report', 'comment'],
  },
  {
    framework: 'ssdf',
    control: 'PW.7',
    stages: ['sast', 'summary'],
    checks:
      'SAST results, their triage in the ignore register (reason, expiry), and the comment on the pull request',
    artifacts: ['sastSarif', 'report', 'comment', 'config'],
  },
  {
    framework: 'ssdf',
    control: 'RV.1',
    stages: ['sast', 'dependency-review'],
    checks:
      "SAST on every change, and every package looked up again on pushes and on paved-path-full.yml's weekly schedule",
    artifacts: ['report', 'sastSarif', 'dependenciesSarif', 'workflow'],
  },
  {
    framework: 'ssdf',
    control: 'RV.2',
    stages: ['summary'],
    checks:
      'each finding ranked by severity with a fix (an upgrade command, or remediation guidance by CWE); accepted risks in the ignore register',
    artifacts: ['report', 'comment', 'config', 'codeScanning'],
  },
  {
    framework: 'cra',
    control: 'Part II (1)',
    stages: ['sbom', 'sast', 'dependency-review'],
    checks:
      'an SBOM in CycloneDX or SPDX JSON of every component the lockfiles record (transitive ones where the lockfile lists them), and the vulnerabilities found',
    artifacts: ['sbom', 'sbomAttestation', 'report', 'dependenciesSarif'],
    limits: PER_COMMIT_LIMIT,
  },
  {
    framework: 'cra',
    control: 'Part II (2)',
    stages: ['summary'],
    checks: 'findings fixed by the change, and an upgrade command for each vulnerable dependency',
    artifacts: ['report', 'comment', 'codeScanning'],
    limits: `${BASELINE_LIMIT} How fast, and whether security updates ship apart from feature updates, is a release practice.`,
  },
  {
    framework: 'cra',
    control: 'Part II (3)',
    stages: ['sast', 'dependency-review'],
    checks:
      "SAST and dependency review on every pull request and push, and on paved-path-full.yml's weekly schedule",
    artifacts: ['report', 'sastSarif', 'dependenciesSarif', 'workflow'],
  },
  {
    framework: 'scorecard',
    control: 'SAST',
    stages: ['sast'],
    checks: 'SAST results uploaded to code scanning',
    artifacts: ['codeScanning', 'workflow'],
    limits:
      "The report lists this check for a pull request's run, but Paved Path uploads SARIF from the default branch only (main-security.yml), and its `upload-sarif` step is in the reusable workflow, not in your repository; whether Scorecard counts that is unverified.",
  },
  {
    framework: 'badge',
    control: 'static_analysis',
    stages: ['sast'],
    checks: 'SAST of the default branch on every push',
    artifacts: ['sastSarif', 'codeScanning', 'report'],
    limits:
      'Counts for a release only when the released commit was scanned: release from a commit main-security.yml scanned, or run it on the release tag too.',
  },
  {
    framework: 'badge',
    control: 'static_analysis_common_vulnerabilities',
    stages: ['sast'],
    checks:
      'security rule sets: gosec, Bandit, eslint-plugin-security and the opengrep starter rules, every rule with its CWEs',
    artifacts: ['sastSarif', 'runLog'],
  },
  {
    framework: 'badge',
    control: 'static_analysis_often',
    stages: ['sast'],
    checks: 'SAST on every pull request and every push to the default branch, and weekly',
    artifacts: ['workflow', 'report', 'jobSummary'],
    limits: "The reference schedule is weekly, not daily; a push's scan covers its last commit.",
  },
  {
    framework: 'badge',
    control: 'dependency_monitoring',
    stages: ['dependency-review'],
    checks:
      'dependency review of each pull request, and of every package on pushes and weekly; "not affected" decisions as ignore entries with a reason',
    artifacts: ['dependenciesSarif', 'dependencyChanges', 'config', 'workflow'],
    limits: 'Convenience copies (vendored code) are not in lockfiles, so they are not checked.',
  },
];

export function controlArtifacts(
  framework: AnnexFrameworkKey,
  control: string,
): ControlArtifacts | undefined {
  return CONTROL_ARTIFACTS.find((c) => c.framework === framework && c.control === control);
}

/** A row of a framework's gap template: what the pipeline does not cover and what to add. */
export interface ComplianceGap {
  /** The research's id (several ids joined with " / "), or a short name of the area. */
  control: string;
  notCovered: string;
  add: string;
}

/** What the annex says about each framework, and the sources it cites (from the research). */
export const FRAMEWORK_ANNEX: Readonly<
  Record<
    AnnexFrameworkKey,
    { scope: string; sources: readonly { label: string; url: string }[]; gaps: readonly ComplianceGap[] }
  >
> = {
  pci: {
    scope:
      "Requirement 6's software requirements (6.2 bespoke software, 6.3 vulnerabilities and components, 6.5 changes). The infrastructure scans of 11.3 are not something a code and dependency scan evidences.",
    sources: [
      {
        label: 'PCI SSC document library (PCI DSS v4.0.1)',
        url: 'https://www.pcisecuritystandards.org/document_library/',
      },
      { label: 'withpci.com copy of 6.2.3 (secondary)', url: 'https://withpci.com/requirements/6/6.2/6.2.3' },
      {
        label: 'withpci.com copy of 6.3.2 (secondary)',
        url: 'https://withpci.com/requirements/6/6.3/6.3.2.html',
      },
    ],
    gaps: [
      {
        control: '6.2.1',
        notCovered:
          'The secure development process itself: standards, security in every stage of the life cycle. The run shows only that security tooling is a stage of every pull request.',
        add: 'A documented secure software development process that names this pipeline as one of its stages.',
      },
      {
        control: '6.2.3',
        notCovered:
          'The "before release" step: the check blocks a merge only where it is required, and a merge is not a release. Manual review, where it is used, is 6.2.3.1.',
        add: 'Make the scan job a required check (branch protection or rulesets); release only scanned commits; archive the reports.',
      },
      {
        control: '6.2.3.1',
        notCovered:
          'Manual code review by someone other than the author, approved by management: a GitHub setting, not the scanner.',
        add: 'Required pull-request reviews, reviewers who know code review, and the management approval record.',
      },
      {
        control: '6.2.4',
        notCovered:
          'Automated review for common vulnerabilities only: not manual review of business logic and access control, nor developer training.',
        add: 'Manual review of the attack classes rules cannot see, and secure-coding training for developers.',
      },
      {
        control: '6.3.1',
        notCovered:
          'Sources beyond OSV (such as CERTs), OS packages, containers and infrastructure; the risk-ranking procedure.',
        add: 'A vulnerability intake and risk-ranking procedure covering every source and system component.',
      },
      {
        control: '6.3.2',
        notCovered:
          'An inventory across the organisation, components outside lockfiles (vendored code, OS packages), and the link from an SBOM to what was deployed.',
        add: "An inventory of all bespoke software that keeps each release's SBOM.",
      },
      {
        control: '6.3.3',
        notCovered:
          'OS and infrastructure patches, and the one-month deadline for critical and high patches.',
        add: 'Patch management with deadlines, and a record of alert ages (code scanning or Dependabot alerts).',
      },
      {
        control: '6.4.3',
        notCovered: 'Payment-page scripts: at most an SBOM of bundled JavaScript.',
        add: 'An inventory of payment-page scripts with authorisation, justification and integrity checks (SRI, CSP).',
      },
      {
        control: '6.5.1',
        notCovered:
          "The change procedure's other parts: reason and description, approval, testing, back-out.",
        add: 'A change-management procedure (pull-request template, required approvals, deployment records).',
      },
      {
        control: '6.5.2',
        notCovered: 'Confirming the applicable PCI DSS requirements after a significant change.',
        add: 'A post-change review that records the requirements confirmed.',
      },
      {
        control: '11.3.1 / 11.3.1.1 / 11.3.2',
        notCovered: 'Internal and external vulnerability scans of the infrastructure (an ASV for 11.3.2).',
        add: 'Quarterly internal scans, rescans after fixes, and ASV external scans.',
      },
    ],
  },
  nist: {
    scope:
      'Controls of the SA, RA, SI and CM families for the software itself. Each control says whether it is in the FedRAMP Rev. 5 Moderate and High baselines.',
    sources: [
      { label: 'NIST SP 800-53 Rev. 5', url: 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final' },
      {
        label: 'FedRAMP Rev. 5 baselines (OSCAL profiles, GSA/fedramp-automation)',
        url: FEDRAMP_BASELINES_SOURCE,
      },
    ],
    gaps: [
      {
        control: 'SA-11',
        notCovered:
          "The developer's security assessment plan and the other kinds of testing (unit, integration, penetration).",
        add: 'A security assessment plan with its test types, depth and coverage.',
      },
      {
        control: 'SA-11(2)',
        notCovered:
          'Threat modeling: the run analyses code and components for vulnerabilities, nothing more.',
        add: 'Threat models of the system, kept current.',
      },
      {
        control: 'SA-11(4)',
        notCovered: 'Manual code reviews: pull-request approvals are a GitHub setting.',
        add: 'Required reviews (branch protection or rulesets) and a review checklist.',
      },
      {
        control: 'SA-11(8)',
        notCovered: 'Dynamic code analysis: the pipeline has no DAST.',
        add: 'A DAST or fuzzing stage.',
      },
      {
        control: 'SA-15 / SA-15(3)',
        notCovered:
          'The development process and its standards, and criticality analysis; the workflow file documents only the tools.',
        add: 'A documented development process and a criticality analysis.',
      },
      {
        control: 'RA-5',
        notCovered:
          'Infrastructure, host, container and network scanning, and scanning of the running system.',
        add: 'Infrastructure and container vulnerability scanning on a schedule.',
      },
      {
        control: 'RA-5(2)',
        notCovered:
          'Not claimed: OSV is read at each run, but an offline database and the pinned rule sets are only as current as you keep them.',
        add: 'A schedule for refreshing the offline OSV copy and upgrading Paved Path (and so its engines and rules).',
      },
      {
        control: 'RA-5(5)',
        notCovered: 'Privileged access for scanning: not applicable to code scanning.',
        add: 'Credentialed scans of the systems, where the baseline requires them.',
      },
      {
        control: 'RA-5(11)',
        notCovered: 'A public disclosure program.',
        add: 'A vulnerability disclosure policy and channel (SECURITY.md and the process behind it).',
      },
      {
        control: 'SI-2(2) / SI-2(3)',
        notCovered:
          'Flaw-remediation status and time to remediate: alert states and their dates exist only in code scanning (`upload-sarif: true`), and no deadline is set or measured.',
        add: 'Remediation deadlines by severity, and reports of alert ages from code scanning or Dependabot.',
      },
      {
        control: 'SI-7 / SI-7(1) / SI-7(15)',
        notCovered:
          'Integrity checks and code authentication: the SBOM attestation binds an SBOM to the source, nothing signs what is built or deployed.',
        add: 'Signed releases or build provenance, verified before deployment.',
      },
      {
        control: 'CM-3',
        notCovered: 'Configuration change control: required checks and approvals are repository settings.',
        add: 'Branch protection or rulesets that require the scan and a review.',
      },
      {
        control: 'CM-8(1)',
        notCovered:
          'Not claimed: the SBOM is regenerated on every run, but installing and removing components of the running system is outside CI.',
        add: 'An inventory of the deployed system that is updated with each installation and removal.',
      },
      {
        control: 'SR-3 / SR-4 / SR-11',
        notCovered:
          'Supply-chain risk management, provenance and component authenticity: the licence policy is the only supply-chain rule, and lockfile hashes are recorded, not verified.',
        add: 'A supply-chain risk management plan, provenance for what is built, and verification of component integrity.',
      },
    ],
  },
  ssdf: {
    scope:
      'Practices and tasks of NIST SP 800-218 v1.1 that a run produces artefacts for: the toolchain (PO.3), security checks (PO.4), releases (PS.3), third-party components (PW.4), code review (PW.7) and vulnerability response (RV).',
    sources: [{ label: 'NIST SP 800-218, SSDF v1.1', url: 'https://csrc.nist.gov/pubs/sp/800/218/final' }],
    gaps: [
      {
        control: 'PO.3',
        notCovered:
          'Choosing the toolchain and operating it securely across the organisation; the workflow file shows only this pipeline.',
        add: 'A toolchain policy: the required tools, who maintains them, how they are updated.',
      },
      {
        control: 'PO.4 (PO.4.2)',
        notCovered: 'Safeguarding the information: artifacts expire with the retention setting.',
        add: 'An evidence store that keeps the reports and SARIF as long as required.',
      },
      {
        control: 'PS.1 (PS.1.1)',
        notCovered:
          "Protecting the code: Paved Path's own workflows pin actions and keep least privilege, the repository's access control is yours.",
        add: 'Access control, branch protection and signed commits for the repository.',
      },
      {
        control: 'PS.2 (PS.2.1)',
        notCovered: 'Release integrity: only the SBOM attestation, when `attest-sbom: true`.',
        add: 'Signatures or provenance of each release, and checksums users can verify.',
      },
      {
        control: 'PS.3 (PS.3.1)',
        notCovered: 'Archiving each release.',
        add: 'A release archive that keeps each release with its SBOM.',
      },
      {
        control: 'PW.4 (PW.4.1)',
        notCovered: 'Choosing well-secured components before they are added.',
        add: 'A process for selecting and approving new dependencies.',
      },
      {
        control: 'PW.8 (PW.8.1, PW.8.2)',
        notCovered: 'Testing executable code: no DAST or fuzzing.',
        add: 'A DAST or fuzzing stage.',
      },
      {
        control: 'RV.1',
        notCovered: 'Reports from outside the pipeline (users, researchers, suppliers).',
        add: 'A vulnerability intake process (SECURITY.md, advisories of suppliers).',
      },
      {
        control: 'RV.3',
        notCovered:
          'Root-cause analysis: the CWE of each finding helps group them, the analysis is not done.',
        add: 'Periodic root-cause reviews of findings by CWE, feeding training and rules.',
      },
    ],
  },
  slsa: {
    scope:
      'SLSA v1.0 defines the Build track only (L0 to L3): how an artefact is built and its provenance. Paved Path builds nothing and generates no provenance, so it gives evidence for no SLSA level. Its SBOM attestation (main-security.yml, `attest-sbom: true`) is signed, but it attests an SBOM of the source, not how a build ran; the SAST and dependency scans are not SLSA requirements.',
    sources: [{ label: 'SLSA v1.0, Security levels', url: 'https://slsa.dev/spec/v1.0/levels' }],
    gaps: [
      {
        control: 'Build L1',
        notCovered: 'A provenance attestation of each build: Paved Path makes none.',
        add: 'Provenance generated by the build workflow for every artefact (for example GitHub artifact attestations).',
      },
      {
        control: 'Build L2',
        notCovered: 'Builds on a hosted build service that generates and signs the provenance itself.',
        add: 'Builds on GitHub-hosted runners with provenance signed by the platform.',
      },
      {
        control: 'Build L3',
        notCovered:
          'Hardened builds: runs isolated from each other, signing material out of reach of the build steps.',
        add: 'Provenance generated by a reusable workflow on isolated, ephemeral runners.',
      },
    ],
  },
  cra: {
    scope:
      "Annex I Part II, the manufacturer's vulnerability handling, is where a CI run gives evidence; Part I's product requirements mostly are not. Application dates: 11 September 2026 for the reporting obligations of Art. 14, 11 December 2027 for most others (not re-read against the regulation).",
    sources: [
      {
        label: 'Regulation (EU) 2024/2847 on EUR-Lex',
        url: 'https://eur-lex.europa.eu/eli/reg/2024/2847/oj',
      },
      {
        label: 'Annex I Part II quoted by cra.docs.bauer-group.com (secondary)',
        url: 'https://cra.docs.bauer-group.com/en/vulnerability-management/handling-requirements',
      },
      {
        label: 'Annex I Part II quoted by sorena.io (secondary)',
        url: 'https://www.sorena.io/artifacts/eu/cyber-resilience-act/faq/vulnerability-handling',
      },
    ],
    gaps: [
      {
        control: 'Part I (1)',
        notCovered:
          'Design and development for an appropriate level of cybersecurity based on the risks: the run is one security test.',
        add: 'A cybersecurity risk assessment and the design decisions that follow from it.',
      },
      {
        control: 'Part I (2)(a)',
        notCovered:
          'Exploitability: the scans list known vulnerabilities at release, they do not decide which are exploitable.',
        add: 'A release criterion of no known exploitable vulnerabilities, with justified exceptions (ignore entries with a reason and an expiry).',
      },
      {
        control: 'Part I (2)(b)',
        notCovered:
          'Secure-by-default configuration: some SAST rules flag insecure defaults (debug on, TLS verification off), nothing more.',
        add: 'A review of the default configuration shipped.',
      },
      {
        control: 'Part I (2)(c)',
        notCovered: 'Vulnerabilities can be addressed through security updates: a feature of the product.',
        add: 'An update mechanism in the product (automatic where applicable).',
      },
      {
        control: 'Part I (2)(d)–(f)',
        notCovered:
          'Protection from unauthorised access, confidentiality and integrity: SAST flags some authentication, cryptography and injection flaws, nothing more.',
        add: 'Requirements, design reviews and tests for access control, confidentiality and integrity.',
      },
      {
        control: 'Part I (2)(j)–(k)',
        notCovered: 'Limiting attack surfaces and reducing the impact of incidents.',
        add: 'Attack-surface reviews and exploitation-mitigation mechanisms.',
      },
      {
        control: 'Part I (2)(g)–(i), (l)–(m)',
        notCovered:
          'Data minimisation, availability of essential functions, impact on other services, security logging and monitoring, secure data removal.',
        add: 'Product requirements and tests for each.',
      },
      {
        control: 'Part II (1)',
        notCovered:
          'An SBOM per release, documented, and the vulnerabilities of components outside lockfiles.',
        add: "Keep each release's SBOM in the technical documentation.",
      },
      {
        control: 'Part II (2)',
        notCovered: 'Remediation without delay, and security updates separate from feature updates.',
        add: 'Remediation deadlines and a release practice for security updates.',
      },
      {
        control: 'Part II (4)',
        notCovered: 'Disclosing fixed vulnerabilities once an update is available.',
        add: 'Security advisories for fixed vulnerabilities.',
      },
      {
        control: 'Part II (5) / Part II (6)',
        notCovered: 'A coordinated vulnerability disclosure policy, and a contact address for reports.',
        add: 'A CVD policy and a reporting address (SECURITY.md).',
      },
      {
        control: 'Part II (7) / Part II (8)',
        notCovered:
          'Secure distribution of updates, and their dissemination without delay and free of charge.',
        add: 'Signed update distribution and an advisory channel.',
      },
    ],
  },
  scorecard: {
    scope:
      'Scorecard scores a repository by itself, from its settings, workflows and history. A run cannot pass a check; its output is what some checks look for, and its own workflows follow the rules others check.',
    sources: [
      {
        label: 'OpenSSF Scorecard checks',
        url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md',
      },
    ],
    gaps: [
      {
        control: 'SAST',
        notCovered:
          'Whether Scorecard detects code scanning uploads of tools other than CodeQL is unverified, and Paved Path uploads from the default branch only.',
        add: "Turn on `upload-sarif` in main-security.yml, and check the repository's Scorecard result.",
      },
      {
        control: 'Dependency-Update-Tool',
        notCovered: 'Dependabot or Renovate configuration.',
        add: 'A `dependabot.yml` or Renovate configuration.',
      },
      {
        control: 'Pinned-Dependencies',
        notCovered:
          "The reference pipelines call the reusable workflows by tag (`@v1`), and those call Paved Path's actions by tag even when pinned ([pinning Paved Path](workflows.md#pinning-paved-path)); the third-party actions in them are pinned by SHA. Your other workflows are yours.",
        add: 'Pin the reusable workflows by commit SHA once released, and every action of every other workflow.',
      },
      {
        control: 'Token-Permissions / Dangerous-Workflow',
        notCovered:
          "Paved Path's workflows grant nothing at the top and avoid `pull_request_target` and untrusted input in `run:`; Scorecard reads every workflow of the repository.",
        add: 'The same rules in every other workflow.',
      },
      {
        control: 'Vulnerabilities',
        notCovered:
          'Scorecard queries OSV itself for open vulnerabilities; the gate keeps new ones out of pull requests, it does not fix those already there.',
        add: 'Upgrade or remove the vulnerable dependencies the default-branch report lists.',
      },
      {
        control: 'Code-Review / Branch-Protection',
        notCovered: 'Human review and branch protection: repository settings.',
        add: 'Branch protection or rulesets with required reviews and the required scan.',
      },
      {
        control: 'SBOM',
        notCovered:
          'Scorecard looks for an SBOM in the source or among release assets; Paved Path keeps it in a workflow artifact.',
        add: 'Publish the SBOM as a release asset.',
      },
      {
        control: 'Signed-Releases',
        notCovered: 'Signatures or provenance among release assets.',
        add: 'Sign releases, or attach SLSA provenance.',
      },
      {
        control: 'Security-Policy',
        notCovered: 'A `SECURITY.md` with the reporting process.',
        add: 'A `SECURITY.md`.',
      },
    ],
  },
  badge: {
    scope:
      "The project answers the criteria itself on bestpractices.dev; the run's artefacts are what a maintainer can point to. A run's report does not list these criteria.",
    sources: [
      { label: 'OpenSSF Best Practices badge criteria', url: 'https://www.bestpractices.dev/en/criteria' },
      {
        label: 'best-practices-badge `docs/criteria.md`',
        url: 'https://github.com/coreinfrastructure/best-practices-badge/blob/main/docs/criteria.md',
      },
    ],
    gaps: [
      {
        control: 'static_analysis_fixed',
        notCovered:
          'Fixing confirmed medium and higher findings in a timely way: the run shows fixes per change, not how fast.',
        add: 'A triage and fix policy for static analysis findings, and its record.',
      },
      {
        control: 'dynamic_analysis',
        notCovered: 'Dynamic analysis before major releases: no DAST.',
        add: 'A dynamic analysis or fuzzing stage before major releases.',
      },
      {
        control: 'vulnerabilities_fixed_60_days / vulnerabilities_critical_fixed',
        notCovered:
          'How long publicly known vulnerabilities stay unpatched: publication dates and fix deadlines are not tracked.',
        add: 'Fix deadlines (publication + 60 days at most, critical sooner) and a record of meeting them.',
      },
    ],
  },
};
