/**
 * report.json: the Report with each rule written once. Rule metadata (help texts can run to
 * kilobytes) and remediations repeat across findings of one rule; a table of each keeps a
 * 200,000-finding report small and fast to write. `parseReportJson` restores the Report that
 * renderers read, with shared rule objects, so the pr-comment action re-renders from the file.
 */
import type { RuleInfo, ToolRef } from '../findings/finding.js';
import type { Remediation, Report, ReportFinding } from './model.js';

export interface SerializedFinding extends Omit<ReportFinding, 'rule' | 'tool' | 'remediation'> {
  /** Key into `rules`. */
  rule: string;
  /** Index into `remediations`. */
  remediation?: number;
}

export interface SerializedReport extends Omit<Report, 'findings'> {
  tools: Record<string, ToolRef>;
  rules: Record<string, RuleInfo & { tool: string }>;
  remediations: Remediation[];
  findings: SerializedFinding[];
}

export function serializeReport(report: Report): SerializedReport {
  const tools: Record<string, ToolRef> = {};
  const rules: Record<string, RuleInfo & { tool: string }> = {};
  const ruleKeys = new Map<RuleInfo, string>();
  const remediations: Remediation[] = [];
  const remediationIndex = new Map<Remediation | string, number>();
  const findings = report.findings.map((f): SerializedFinding => {
    tools[f.tool.name] ??= f.tool;
    let key = ruleKeys.get(f.rule);
    if (key === undefined) {
      // One entry per distinct rule object; two different rules with one id get #2, #3, ...
      const base = `${f.tool.name}/${f.rule.id}`;
      key = base;
      for (let n = 2; ; n++) {
        const existing = rules[key];
        if (!existing || (existing.tool === f.tool.name && sameRule(existing, f.rule))) break;
        key = `${base}#${n}`;
      }
      rules[key] ??= { tool: f.tool.name, ...f.rule };
      ruleKeys.set(f.rule, key);
    }
    // Built field by field (one object shape for all), not by spreading: this loop runs per finding.
    const out: SerializedFinding = {
      fingerprint: f.fingerprint,
      seenBy: f.seenBy,
      rule: key,
      message: f.message,
      severity: f.severity,
      severitySource: f.severitySource,
      level: f.level,
      cwes: f.cwes,
      suppressions: f.suppressions,
      origin: f.origin,
      state: f.state,
    };
    if (f.score !== undefined) out.score = f.score;
    if (f.location) out.location = f.location;
    if (f.baselineState) out.baselineState = f.baselineState;
    if (f.ignored) out.ignored = f.ignored;
    const remediation = f.remediation;
    if (remediation) {
      let index = remediationIndex.get(remediation);
      if (index === undefined) {
        const text = JSON.stringify(remediation);
        index = remediationIndex.get(text);
        if (index === undefined) {
          index = remediations.push(remediation) - 1;
          remediationIndex.set(text, index);
        }
        remediationIndex.set(remediation, index);
      }
      out.remediation = index;
    }
    return out;
  });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped from the copy
  const { findings: _findings, ...head } = report;
  return { ...head, tools, rules, remediations, findings };
}

function sameRule(a: RuleInfo, b: RuleInfo): boolean {
  return (
    a.name === b.name &&
    a.shortDescription === b.shortDescription &&
    a.fullDescription === b.fullDescription &&
    a.help === b.help &&
    a.helpUri === b.helpUri
  );
}

/** The Report again (no validation here: the caller validates against the schema first). */
export function deserializeReport(data: SerializedReport): Report {
  const rules = new Map<string, RuleInfo>();
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped from the copy
  for (const [key, { tool: _tool, ...rule }] of Object.entries(data.rules)) rules.set(key, rule);
  const findings = data.findings.map((f): ReportFinding => {
    const { rule, remediation, ...rest } = f;
    const ruleInfo = rules.get(rule) ?? { id: rule };
    const toolName = data.rules[rule]?.tool ?? 'unknown tool';
    const out: ReportFinding = { ...rest, rule: ruleInfo, tool: data.tools[toolName] ?? { name: toolName } };
    const r = remediation === undefined ? undefined : data.remediations[remediation];
    if (r) out.remediation = r;
    return out;
  });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped from the copy
  const { tools: _t, rules: _r, remediations: _m, findings: _f, ...head } = data;
  return { ...head, findings };
}
