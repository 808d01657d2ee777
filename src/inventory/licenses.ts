/**
 * Licence policy: `allow-licenses` and `deny-licenses` as lists of SPDX licence identifiers
 * (with `+` ranges and `WITH` exceptions), applied to a component's SPDX expression, parsed
 * properly: `MIT OR GPL-3.0-only` passes an allow-list of MIT (the user may choose MIT), while
 * `MIT AND GPL-3.0-only` needs both. Pure.
 */
import parse from 'spdx-expression-parse';
import satisfies from 'spdx-satisfies';

export interface LicensePolicy {
  /** Empty: no allow-list. */
  allow: string[];
  deny: string[];
}

export type LicenseVerdict =
  | { ok: true }
  | { ok: false; reason: 'not-allowed' | 'denied'; message: string }
  | { ok: 'unknown'; message: string };

type Node = parse.Info;

function leaves(node: Node): parse.LicenseInfo[] {
  return 'conjunction' in node ? [...leaves(node.left), ...leaves(node.right)] : [node];
}

function leafText(leaf: parse.LicenseInfo): string {
  return `${leaf.license}${leaf.plus ? '+' : ''}${leaf.exception ? ` WITH ${leaf.exception}` : ''}`;
}

export interface PolicyError {
  input: 'allow-licenses' | 'deny-licenses';
  entry: string;
  message: string;
}

/** Parse the two inputs' entries; an entry that is not an SPDX licence id is an error naming it. */
export function parseLicensePolicy(
  allow: readonly string[],
  deny: readonly string[],
): {
  policy: LicensePolicy;
  errors: PolicyError[];
} {
  const errors: PolicyError[] = [];
  const check = (input: PolicyError['input'], entries: readonly string[]) =>
    entries.filter((entry) => {
      try {
        const node = parse(entry);
        if ('conjunction' in node) {
          errors.push({
            input,
            entry,
            message: `'${entry}' in '${input}' is an expression; list single licences (MIT, Apache-2.0, GPL-2.0+), one per entry`,
          });
          return false;
        }
        return true;
      } catch {
        errors.push({
          input,
          entry,
          message: `'${entry}' in '${input}' is not an SPDX licence identifier (see https://spdx.org/licenses/ for the ids)`,
        });
        return false;
      }
    });
  return { policy: { allow: check('allow-licenses', allow), deny: check('deny-licenses', deny) }, errors };
}

export function hasLicensePolicy(policy: LicensePolicy): boolean {
  return policy.allow.length > 0 || policy.deny.length > 0;
}

/** Whether a licence expression passes the policy; an unparseable licence is 'unknown', never a pass. */
export function checkLicense(expression: string | undefined, policy: LicensePolicy): LicenseVerdict {
  if (!hasLicensePolicy(policy)) return { ok: true };
  if (expression === undefined || expression.trim() === '') {
    return { ok: 'unknown', message: 'the lockfile records no licence' };
  }
  let node: Node;
  try {
    node = parse(expression.trim());
  } catch {
    return { ok: 'unknown', message: `'${expression}' is not an SPDX expression` };
  }
  const normalised = expression.trim();
  if (policy.allow.length > 0 && !satisfies(normalised, policy.allow)) {
    return {
      ok: false,
      reason: 'not-allowed',
      message: `${normalised} is not in allow-licenses (${policy.allow.join(', ')})`,
    };
  }
  if (policy.deny.length > 0) {
    const denied = new Set(policy.deny);
    // The licences one may choose among that are not denied: if the expression cannot be
    // satisfied with those alone, every choice needs a denied licence.
    const others = leaves(node)
      .map(leafText)
      .filter((l) => !denied.has(l) && !policy.deny.some((d) => satisfies(l, [d])));
    if (others.length === 0 || !satisfies(normalised, others)) {
      return {
        ok: false,
        reason: 'denied',
        message: `${normalised} needs a licence in deny-licenses (${policy.deny.join(', ')})`,
      };
    }
  }
  return { ok: true };
}
