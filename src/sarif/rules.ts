/** Finds the rule a result refers to: by ruleId, rule.id, rule.guid, rule.index or ruleIndex. */
import type { RuleEntry, RunContext } from './run-context.js';
import { isObject } from './run-context.js';
import type { SarifResult } from './types.js';

export interface RuleLookup {
  entry: RuleEntry | undefined;
  ruleId: string;
  /** Set when the result points at a rule that is not there. */
  problem?: { jsonPath: string; message: string };
}

function index(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function findRule(ctx: RunContext, result: SarifResult, resultPath: string): RuleLookup {
  const ref = isObject(result.rule) ? result.rule : undefined;
  const ruleId =
    (typeof result.ruleId === 'string' && result.ruleId !== '' ? result.ruleId : undefined) ??
    (typeof ref?.id === 'string' && ref.id !== '' ? ref.id : undefined);
  const ruleIndex = index(ref?.index) ?? index(result.ruleIndex);
  const guid = typeof ref?.guid === 'string' ? ref.guid.toLowerCase() : undefined;

  let component = ctx.components[0];
  let componentGiven = false;
  const tc = ref && isObject(ref.toolComponent) ? ref.toolComponent : undefined;
  if (tc) {
    const i = index(tc.index);
    const byGuid = typeof tc.guid === 'string' ? tc.guid.toLowerCase() : undefined;
    const found =
      i !== undefined
        ? ctx.components[i + 1]
        : byGuid
          ? ctx.components.find((c) => c.guid === byGuid)
          : typeof tc.name === 'string'
            ? ctx.components.find((c) => c.name === tc.name)
            : undefined;
    if (found) {
      component = found;
      componentGiven = true;
    }
  }
  const searchOrder = componentGiven || !component ? (component ? [component] : []) : ctx.components;

  let entry: RuleEntry | undefined;
  if (ruleId) {
    for (const c of searchOrder) {
      entry = c.byId.get(ruleId);
      if (entry) break;
    }
  }
  if (!entry && ruleId?.includes('/')) {
    // SARIF §3.27.5: a hierarchical id "CA2101/1" names a sub-rule of rule "CA2101".
    const parent = ruleId.slice(0, ruleId.indexOf('/'));
    for (const c of searchOrder) {
      entry = c.byId.get(parent);
      if (entry) break;
    }
  }
  if (!entry && guid) {
    for (const c of searchOrder) {
      entry = c.byGuid.get(guid);
      if (entry) break;
    }
  }
  if (!entry && ruleIndex !== undefined) entry = component?.rules[ruleIndex];

  const id = ruleId ?? entry?.info.id ?? 'unknown-rule';
  if (entry) return { entry, ruleId: id };

  const declared = component?.rules.length ?? 0;
  if (ruleIndex !== undefined) {
    const field = ref?.index !== undefined ? 'rule.index' : 'ruleIndex';
    return {
      entry,
      ruleId: id,
      problem: {
        jsonPath: `${resultPath}.${field}`,
        message: `${field} ${ruleIndex} points at a rule that does not exist (the tool component declares ${declared} rule(s)); the finding is kept with rule id "${id}"`,
      },
    };
  }
  if (guid || (ruleId && declared > 0)) {
    return {
      entry,
      ruleId: id,
      problem: {
        jsonPath: `${resultPath}.${guid ? 'rule.guid' : 'ruleId'}`,
        message: `rule "${guid ?? ruleId}" is not among the ${declared} rule(s) the tool declares; the finding is kept without rule metadata`,
      },
    };
  }
  return { entry, ruleId: id };
}
