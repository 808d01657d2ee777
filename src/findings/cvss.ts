/**
 * CVSS v3.0 / v3.1 base scores from vector strings (FIRST CVSS v3.1 specification, §7.1 and
 * Appendix A for Roundup; v3.0 rounds up to one decimal plainly). OSV advisories and some
 * scanners give only the vector; the severity scale needs the number.
 * CVSS v4.0 vectors are not scored here (their scoring needs the v4 lookup tables): undefined.
 */

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/** CVSS v3.1 Roundup: the smallest one-decimal number >= x, without floating-point surprises. */
export function roundUp31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

/** The base score of a CVSS v3.x vector, or undefined when it is not a complete, valid one. */
export function cvss3BaseScore(vector: string): number | undefined {
  const match = /^CVSS:3\.([01])\/(.+)$/.exec(vector.trim());
  if (!match) return undefined;
  const metrics = new Map<string, string>();
  for (const part of (match[2] as string).split('/')) {
    const [key, value] = part.split(':');
    if (!key || value === undefined || metrics.has(key)) return undefined;
    metrics.set(key, value);
  }
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const av = AV[metrics.get('AV') ?? ''];
  const ac = AC[metrics.get('AC') ?? ''];
  const pr = (changed ? PR_CHANGED : PR_UNCHANGED)[metrics.get('PR') ?? ''];
  const ui = UI[metrics.get('UI') ?? ''];
  const c = CIA[metrics.get('C') ?? ''];
  const i = CIA[metrics.get('I') ?? ''];
  const a = CIA[metrics.get('A') ?? ''];
  if ([av, ac, pr, ui, c, i, a].some((v) => v === undefined)) return undefined;
  const iss = 1 - (1 - (c as number)) * (1 - (i as number)) * (1 - (a as number));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * (av as number) * (ac as number) * (pr as number) * (ui as number);
  const roundUp = match[1] === '1' ? roundUp31 : roundUp30;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}
