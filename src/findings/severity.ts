/**
 * One severity scale for every tool. Precedence, strongest first (docs/adr/0005-severity-scale.md):
 * 1. `security-severity` (GitHub code scanning's 0.0–10.0 property) on the result, then the rule;
 * 2. a CVSS base score the tool put in a property bag, or one computed from a CVSS v3 vector;
 * 3. the tool's own severity word (gosec/bandit HIGH, Nessus "critical", cppcheck "error", ...);
 * 4. the SARIF level: result.level, else the rule's configuration override, else its
 *    defaultConfiguration.level, else `warning` (SARIF 2.1.0 §3.27.10).
 */
import { cvss3BaseScore } from './cvss.js';
import type { SarifLevel, Severity, SeveritySource } from './finding.js';

/** GitHub's bands for security-severity, which are also CVSS v3.1/v4.0's qualitative bands. */
export function severityFromScore(score: number): Severity {
  if (score >= 9.0) return 'critical';
  if (score >= 7.0) return 'high';
  if (score >= 4.0) return 'medium';
  if (score > 0) return 'low';
  return 'note';
}

/** error → high, warning → medium, note → low, none → note: a convention, not a standard. */
export function severityFromLevel(level: SarifLevel): Severity {
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'note';
  }
}

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  blocker: 'critical',
  high: 'high',
  error: 'high',
  major: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  low: 'low',
  minor: 'low',
  style: 'low',
  info: 'note',
  informational: 'note',
  information: 'note',
  note: 'note',
  recommendation: 'low',
  none: 'note',
  unknown: 'note',
};

/** A tool's own severity word (case-insensitive), or undefined when it is not one we know. */
export function severityFromWord(word: string): Severity | undefined {
  const key = word.trim().toLowerCase();
  return Object.hasOwn(WORDS, key) ? WORDS[key] : undefined;
}

/** Parses a score given as a number or a numeric string ("7.5"); undefined when not a 0–10 number. */
export function parseScore(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

type Bag = Record<string, unknown> | undefined;

const CVSS_VECTOR_KEYS = [
  'cvssv3_vector',
  'cvss3Vector',
  'cvssV3Vector',
  'cvss_vector',
  'cvssVector',
  'cvss',
];
const CVSS_KEYS = [
  'cvssv3_baseScore',
  'cvss3BaseScore',
  'cvssV3BaseScore',
  'cvssScore',
  'cvss_score',
  'cvssv2_score',
];
const TOOL_SEVERITY_KEYS = ['severity', 'Severity', 'issue_severity', 'problem.severity'];
const SEVERITY_TAGS = new Set(['critical', 'high', 'medium', 'moderate', 'low']);

export interface SeverityInput {
  resultProperties: Bag;
  ruleProperties: Bag;
  /** The effective SARIF level (already resolved through the rule's defaults). */
  level: SarifLevel;
}

export interface SeverityResult {
  severity: Severity;
  source: SeveritySource;
  score?: number;
}

function firstScore(bags: Bag[], keys: string[]): number | undefined {
  for (const bag of bags) {
    if (!bag) continue;
    for (const key of keys) {
      const score = parseScore(bag[key]);
      if (score !== undefined) return score;
    }
  }
  return undefined;
}

function firstVectorScore(bags: Bag[]): number | undefined {
  for (const bag of bags) {
    if (!bag) continue;
    for (const key of CVSS_VECTOR_KEYS) {
      const value = bag[key];
      if (typeof value === 'string' && value.startsWith('CVSS:3.')) {
        const score = cvss3BaseScore(value);
        if (score !== undefined) return score;
      }
    }
  }
  return undefined;
}

function toolWord(bags: Bag[]): Severity | undefined {
  for (const bag of bags) {
    if (!bag) continue;
    for (const key of TOOL_SEVERITY_KEYS) {
      const value = bag[key];
      if (typeof value === 'string') {
        const severity = severityFromWord(value);
        if (severity) return severity;
      }
    }
    const problem = bag.problem;
    if (problem && typeof problem === 'object' && typeof (problem as Bag)?.severity === 'string') {
      const severity = severityFromWord((problem as Record<string, string>).severity ?? '');
      if (severity) return severity;
    }
    // gosec and trivy put the tool's severity word among the tags: ["security", "HIGH"].
    const tags = bag.tags;
    if (Array.isArray(tags)) {
      for (const tag of tags) {
        if (typeof tag === 'string' && SEVERITY_TAGS.has(tag.toLowerCase())) return severityFromWord(tag);
      }
    }
  }
  return undefined;
}

export function resolveSeverity(input: SeverityInput): SeverityResult {
  const bags: Bag[] = [input.resultProperties, input.ruleProperties];
  const securitySeverity = firstScore(bags, ['security-severity']);
  if (securitySeverity !== undefined) {
    return {
      severity: severityFromScore(securitySeverity),
      source: 'security-severity',
      score: securitySeverity,
    };
  }
  const cvss = firstScore(bags, CVSS_KEYS) ?? firstVectorScore(bags);
  if (cvss !== undefined) return { severity: severityFromScore(cvss), source: 'cvss', score: cvss };
  const word = toolWord(bags);
  if (word) return { severity: word, source: 'tool-severity' };
  return { severity: severityFromLevel(input.level), source: 'level' };
}
