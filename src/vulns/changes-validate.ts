/**
 * Is this parsed dependency-changes.json one the dependency review wrote? Checked against
 * schema/dependency-changes.schema.json before the summary reads it, so a stale or hand-edited
 * file gives an error naming the JSON path instead of a wrong comment. Pure.
 */
import AjvModule, { type ValidateFunction } from 'ajv';
import schema from '../../schema/dependency-changes.schema.json' with { type: 'json' };
import type { DependencyChanges } from './changes-json.js';

const Ajv = AjvModule.default;
let compiled: ValidateFunction | undefined;

export type ChangesValidation = { ok: true; changes: DependencyChanges } | { ok: false; errors: string[] };

export function validateDependencyChanges(value: unknown): ChangesValidation {
  compiled ??= new Ajv({ strict: true, allErrors: true }).compile(schema);
  if (compiled(value)) return { ok: true, changes: value as DependencyChanges };
  const errors = (compiled.errors ?? []).slice(0, 10).map((e) => {
    const where = e.instancePath === '' ? '(the top level)' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: unknown }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})`
          : '';
    return `${where}: ${e.message ?? 'is not valid'}${extra}`;
  });
  return { ok: false, errors };
}
