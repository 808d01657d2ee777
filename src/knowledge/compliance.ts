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
