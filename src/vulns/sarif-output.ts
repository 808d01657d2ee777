/**
 * The dependency review as SARIF 2.1.0, ready for the summary action and for GitHub code
 * scanning: one result per vulnerable component and advisory (rule = the advisory), one per
 * unpinned requirement, one per licence outside the policy. Rules carry `security-severity` and
 * `external/cwe/cwe-N` tags, results a stable partial fingerprint and the package facts in the
 * `pavedpath` property bag. Pure: the review in, a SARIF log object out.
 */
import { hash64 } from '../findings/fingerprint.js';
import type { Severity } from '../findings/finding.js';
import type { Component } from '../inventory/component.js';
import type { DependencyReview, Vulnerability } from './review-model.js';

export const DEPENDENCY_TOOL_NAME = 'Paved Path dependency review';
export const FINGERPRINT_KEY = 'pavedpath/dependency/v1';
export const UNPINNED_RULE = 'pavedpath/unpinned-requirement';
export const LICENSE_RULE = 'pavedpath/license-policy';

/** A score in GitHub's band for each severity, used when the advisory has no CVSS score. */
const BAND_SCORE: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  note: undefined,
};
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  note: 'note',
};

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: Record<string, unknown>;
}

export interface SarifOutputOptions {
  version: string;
  informationUri: string;
}

function oneLine(text: string, max = 1000): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Markdown-inert text for help.markdown (advisory text is untrusted). */
function inert(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|~]/g, (c) => `\\${c}`).replace(/@/g, '@\u200b');
}

function packageFacts(c: Component) {
  return {
    ecosystem: c.ecosystem,
    name: c.name,
    version: c.version,
    purl: c.purl,
    direct: c.direct,
    scope: c.scope,
  };
}

function location(c: { manifest: string; line?: number }) {
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: c.manifest, uriBaseId: '%SRCROOT%' },
        region: { startLine: c.line ?? 1 },
      },
    },
  ];
}

function vulnerabilityRule(v: Vulnerability, example: Component): SarifRule {
  const fix = v.fixedIn ? `Upgrade to ${v.fixedIn} or later.` : 'No fixed version is known yet.';
  const cwe = v.cwes.map((n) => `CWE-${n}`).join(', ');
  const text = [
    `${v.id}: ${oneLine(v.summary)}`,
    fix,
    v.upgrade ? `Command: ${v.upgrade}` : '',
    v.aliases.length > 0 ? `Also known as ${v.aliases.join(', ')}.` : '',
    cwe ? `Weakness: ${cwe}.` : '',
    v.references[0] ? `Advisory: ${v.references[0]}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const markdown = [
    `**${inert(v.id)}**: ${inert(oneLine(v.summary))}`,
    '',
    `${inert(fix)}${v.upgrade ? `\n\n\`\`\`sh\n${v.upgrade}\n\`\`\`` : ''}`,
    ...(v.aliases.length > 0 ? ['', `Also known as ${v.aliases.map(inert).join(', ')}.`] : []),
    ...(v.references.length > 0 ? ['', ...v.references.slice(0, 5).map((r) => `- <${r}>`)] : []),
  ].join('\n');
  const score = v.score !== undefined ? v.score.toFixed(1) : BAND_SCORE[v.severity];
  return {
    id: v.id,
    name: 'VulnerableDependency',
    shortDescription: { text: oneLine(`${v.id}: ${v.summary}`, 200) },
    fullDescription: { text: oneLine(v.summary) },
    help: { text, markdown },
    ...(v.references[0] ? { helpUri: v.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[v.severity] },
    properties: {
      tags: ['security', 'dependency', 'vulnerability', ...v.cwes.map((n) => `external/cwe/cwe-${n}`)],
      ...(score !== undefined ? { 'security-severity': score } : {}),
      precision: 'very-high',
      pavedpath: { ecosystem: example.ecosystem, aliases: v.aliases },
    },
  };
}

const UNPINNED: SarifRule = {
  id: UNPINNED_RULE,
  name: 'UnpinnedRequirement',
  shortDescription: { text: 'A requirement is not pinned to one version' },
  fullDescription: {
    text: 'A requirement without an exact version installs whatever the index serves on the day: builds are not reproducible and a compromised or vulnerable release can slip in unreviewed.',
  },
  help: {
    text: 'Pin the exact version (name==1.2.3), ideally with hashes (pip-compile --generate-hashes, or uv/poetry lockfiles).',
    markdown:
      'Pin the exact version (`name==1.2.3`), ideally with hashes (`pip-compile --generate-hashes`, or a uv or Poetry lockfile).',
  },
  helpUri: 'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
  defaultConfiguration: { level: 'warning' },
  properties: {
    tags: ['security', 'dependency', 'supply-chain', 'external/cwe/cwe-1357'],
    'security-severity': '3.0',
    precision: 'very-high',
  },
};

const LICENSE: SarifRule = {
  id: LICENSE_RULE,
  name: 'LicensePolicy',
  shortDescription: { text: "A dependency's licence is outside the licence policy" },
  fullDescription: {
    text: 'The licence of an added dependency is not in allow-licenses, or needs a licence in deny-licenses, or is unknown while a policy is set.',
  },
  help: {
    text: 'Replace the dependency, get the licence approved and add it to allow-licenses, or ignore this finding in .github/pavedpath.yml with a reason.',
    markdown:
      'Replace the dependency, get the licence approved and add it to `allow-licenses`, or ignore this finding in `.github/pavedpath.yml` with a reason.',
  },
  helpUri: 'https://spdx.org/licenses/',
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['dependency', 'license'], precision: 'very-high' },
};

/** The SARIF log of a dependency review. */
export function dependencyReviewSarif(
  review: DependencyReview,
  options: SarifOutputOptions,
): { $schema: string; version: string; runs: object[] } {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: SarifRule): number => {
    const known = ruleIndex.get(rule.id);
    if (known !== undefined) return known;
    ruleIndex.set(rule.id, rules.length);
    return rules.push(rule) - 1;
  };
  const results: object[] = [];

  for (const { component: c, change, vulnerabilities } of review.vulnerable) {
    for (const v of vulnerabilities) {
      const index = addRule(vulnerabilityRule(v, c));
      const fix = v.fixedIn ? `fixed in ${v.fixedIn}` : 'no fixed version yet';
      results.push({
        ruleId: v.id,
        ruleIndex: index,
        level: LEVEL[v.severity],
        message: {
          text: `${c.name}@${c.version} is vulnerable to ${v.id} (${oneLine(v.summary, 300)}); ${fix}.`,
        },
        locations: location(c),
        partialFingerprints: { [FINGERPRINT_KEY]: hash64(c.ecosystem, c.name, c.version, v.id, c.manifest) },
        properties: {
          pavedpath: {
            package: packageFacts(c),
            ...(change ? { change } : {}),
            ...(v.fixedIn ? { fixedIn: v.fixedIn } : {}),
            ...(v.upgrade ? { upgrade: v.upgrade } : {}),
          },
        },
      });
    }
  }
  for (const u of review.unpinned) {
    const index = addRule(UNPINNED);
    results.push({
      ruleId: UNPINNED_RULE,
      ruleIndex: index,
      level: 'warning',
      message: {
        text: `${u.name} is not pinned to one version${u.spec ? ` (${u.spec})` : ''}: pin it with ==, so every install gets the release that was reviewed.`,
      },
      locations: location(u),
      partialFingerprints: { [FINGERPRINT_KEY]: hash64(u.ecosystem, u.name, 'unpinned', u.manifest) },
      properties: { pavedpath: { package: { ecosystem: u.ecosystem, name: u.name }, spec: u.spec } },
    });
  }
  for (const issue of review.licenses) {
    const index = addRule(LICENSE);
    const c = issue.component;
    results.push({
      ruleId: LICENSE_RULE,
      ruleIndex: index,
      level: issue.reason === 'unknown' ? 'warning' : 'error',
      message: { text: `${c.name}@${c.version}: ${issue.message}.` },
      locations: location(c),
      partialFingerprints: {
        [FINGERPRINT_KEY]: hash64(c.ecosystem, c.name, c.version, 'license', c.manifest),
      },
      properties: {
        pavedpath: { package: packageFacts(c), license: c.license ?? null, reason: issue.reason },
      },
    });
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: DEPENDENCY_TOOL_NAME,
            version: options.version,
            semanticVersion: options.version,
            informationUri: options.informationUri,
            rules,
          },
        },
        automationDetails: { id: 'pavedpath/dependency-review/' },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: 'file:///', description: { text: 'The repository root.' } },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
