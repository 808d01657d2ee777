/**
 * CVSS v4.0 scores (https://www.first.org/cvss/v4.0/specification-document §8), ported from
 * FIRST's reference calculator (github.com/RedHatProductSecurity/cvss-v4-calculator, cvss40.js,
 * BSD-2-Clause, Copyright FIRST, Red Hat, and contributors): the vector's MacroVector (EQ1–EQ6)
 * picks an expert-scored value from the lookup table, which is then lowered by the vector's mean
 * proportional severity distance from the highest-severity vectors of its MacroVector. Threat (E)
 * and environmental metrics take part (unset E, CR, IR, AR count as their worst case); the
 * supplemental metrics do not change the score. Arithmetic follows the reference (its November
 * 2024 version, which lifts scores by 1e-6 before rounding half up) operation by operation, so
 * floating-point results, and the roundings at x.x5 ties, are the reference's.
 */

const BASE: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
};

const OPTIONAL: Record<string, readonly string[]> = {
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};

/** MacroVector → score of its highest-severity vector (the specification's lookup table). */
// prettier-ignore
const LOOKUP: Record<string, number> = {
  '000000': 10, '000001': 9.9, '000010': 9.8, '000011': 9.5, '000020': 9.5, '000021': 9.2,
  '000100': 10, '000101': 9.6, '000110': 9.3, '000111': 8.7, '000120': 9.1, '000121': 8.1,
  '000200': 9.3, '000201': 9, '000210': 8.9, '000211': 8, '000220': 8.1, '000221': 6.8,
  '001000': 9.8, '001001': 9.5, '001010': 9.5, '001011': 9.2, '001020': 9, '001021': 8.4,
  '001100': 9.3, '001101': 9.2, '001110': 8.9, '001111': 8.1, '001120': 8.1, '001121': 6.5,
  '001200': 8.8, '001201': 8, '001210': 7.8, '001211': 7, '001220': 6.9, '001221': 4.8,
  '002001': 9.2, '002011': 8.2, '002021': 7.2, '002101': 7.9, '002111': 6.9, '002121': 5,
  '002201': 6.9, '002211': 5.5, '002221': 2.7,
  '010000': 9.9, '010001': 9.7, '010010': 9.5, '010011': 9.2, '010020': 9.2, '010021': 8.5,
  '010100': 9.5, '010101': 9.1, '010110': 9, '010111': 8.3, '010120': 8.4, '010121': 7.1,
  '010200': 9.2, '010201': 8.1, '010210': 8.2, '010211': 7.1, '010220': 7.2, '010221': 5.3,
  '011000': 9.5, '011001': 9.3, '011010': 9.2, '011011': 8.5, '011020': 8.5, '011021': 7.3,
  '011100': 9.2, '011101': 8.2, '011110': 8, '011111': 7.2, '011120': 7, '011121': 5.9,
  '011200': 8.4, '011201': 7, '011210': 7.1, '011211': 5.2, '011220': 5, '011221': 3,
  '012001': 8.6, '012011': 7.5, '012021': 5.2, '012101': 7.1, '012111': 5.2, '012121': 2.9,
  '012201': 6.3, '012211': 2.9, '012221': 1.7,
  '100000': 9.8, '100001': 9.5, '100010': 9.4, '100011': 8.7, '100020': 9.1, '100021': 8.1,
  '100100': 9.4, '100101': 8.9, '100110': 8.6, '100111': 7.4, '100120': 7.7, '100121': 6.4,
  '100200': 8.7, '100201': 7.5, '100210': 7.4, '100211': 6.3, '100220': 6.3, '100221': 4.9,
  '101000': 9.4, '101001': 8.9, '101010': 8.8, '101011': 7.7, '101020': 7.6, '101021': 6.7,
  '101100': 8.6, '101101': 7.6, '101110': 7.4, '101111': 5.8, '101120': 5.9, '101121': 5,
  '101200': 7.2, '101201': 5.7, '101210': 5.7, '101211': 5.2, '101220': 5.2, '101221': 2.5,
  '102001': 8.3, '102011': 7, '102021': 5.4, '102101': 6.5, '102111': 5.8, '102121': 2.6,
  '102201': 5.3, '102211': 2.1, '102221': 1.3,
  '110000': 9.5, '110001': 9, '110010': 8.8, '110011': 7.6, '110020': 7.6, '110021': 7,
  '110100': 9, '110101': 7.7, '110110': 7.5, '110111': 6.2, '110120': 6.1, '110121': 5.3,
  '110200': 7.7, '110201': 6.6, '110210': 6.8, '110211': 5.9, '110220': 5.2, '110221': 3,
  '111000': 8.9, '111001': 7.8, '111010': 7.6, '111011': 6.7, '111020': 6.2, '111021': 5.8,
  '111100': 7.4, '111101': 5.9, '111110': 5.7, '111111': 5.7, '111120': 4.7, '111121': 2.3,
  '111200': 6.1, '111201': 5.2, '111210': 5.7, '111211': 2.9, '111220': 2.4, '111221': 1.6,
  '112001': 7.1, '112011': 5.9, '112021': 3, '112101': 5.8, '112111': 2.6, '112121': 1.5,
  '112201': 2.3, '112211': 1.3, '112221': 0.6,
  '200000': 9.3, '200001': 8.7, '200010': 8.6, '200011': 7.2, '200020': 7.5, '200021': 5.8,
  '200100': 8.6, '200101': 7.4, '200110': 7.4, '200111': 6.1, '200120': 5.6, '200121': 3.4,
  '200200': 7, '200201': 5.4, '200210': 5.2, '200211': 4, '200220': 4, '200221': 2.2,
  '201000': 8.5, '201001': 7.5, '201010': 7.4, '201011': 5.5, '201020': 6.2, '201021': 5.1,
  '201100': 7.2, '201101': 5.7, '201110': 5.5, '201111': 4.1, '201120': 4.6, '201121': 1.9,
  '201200': 5.3, '201201': 3.6, '201210': 3.4, '201211': 1.9, '201220': 1.9, '201221': 0.8,
  '202001': 6.4, '202011': 5.1, '202021': 2, '202101': 4.7, '202111': 2.1, '202121': 1.1,
  '202201': 2.4, '202211': 0.9, '202221': 0.4,
  '210000': 8.8, '210001': 7.5, '210010': 7.3, '210011': 5.3, '210020': 6, '210021': 5,
  '210100': 7.3, '210101': 5.5, '210110': 5.9, '210111': 4, '210120': 4.1, '210121': 2,
  '210200': 5.4, '210201': 4.3, '210210': 4.5, '210211': 2.2, '210220': 2, '210221': 1.1,
  '211000': 7.5, '211001': 5.5, '211010': 5.8, '211011': 4.5, '211020': 4, '211021': 2.1,
  '211100': 6.1, '211101': 5.1, '211110': 4.8, '211111': 1.8, '211120': 2, '211121': 0.9,
  '211200': 4.6, '211201': 1.8, '211210': 1.7, '211211': 0.7, '211220': 0.8, '211221': 0.2,
  '212001': 5.3, '212011': 2.4, '212021': 1.4, '212101': 2.4, '212111': 1.2, '212121': 0.5,
  '212201': 1, '212211': 0.3, '212221': 0.1,
};

/** Each metric value's level, for severity distances (insertion order is the reference's). */
const METRIC_LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0.0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0.0, L: 0.1, H: 0.2 },
  UI: { N: 0.0, P: 0.1, A: 0.2 },
  AC: { L: 0.0, H: 0.1 },
  AT: { N: 0.0, P: 0.1 },
  VC: { H: 0.0, L: 0.1, N: 0.2 },
  VI: { H: 0.0, L: 0.1, N: 0.2 },
  VA: { H: 0.0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0.0, M: 0.1, L: 0.2 },
  IR: { H: 0.0, M: 0.1, L: 0.2 },
  AR: { H: 0.0, M: 0.1, L: 0.2 },
  E: { U: 0.2, P: 0.1, A: 0 },
};

/** The highest-severity vectors of each EQ level (EQ3 and EQ6 jointly). */
const MAX_COMPOSED = {
  eq1: [
    ['AV:N/PR:N/UI:N/'],
    ['AV:A/PR:N/UI:N/', 'AV:N/PR:L/UI:N/', 'AV:N/PR:N/UI:P/'],
    ['AV:P/PR:N/UI:N/', 'AV:A/PR:L/UI:P/'],
  ],
  eq2: [['AC:L/AT:N/'], ['AC:H/AT:N/', 'AC:L/AT:P/']],
  eq3: [
    [
      ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/'],
      ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/'],
    ],
    [
      ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/'],
      [
        'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/',
        'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/',
        'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/',
        'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/',
        'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/',
      ],
    ],
    [[], ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/']],
  ],
  eq4: [['SC:H/SI:S/SA:S/'], ['SC:H/SI:H/SA:H/'], ['SC:L/SI:L/SA:L/']],
  eq5: [['E:A/'], ['E:P/'], ['E:U/']],
} as const;

/** Max severity distances in each EQ's MacroVectors (+1), in steps of 0.1. */
const MAX_SEVERITY = {
  eq1: [1, 4, 5],
  eq2: [1, 2],
  eq3eq6: [
    [7, 6],
    [8, 8],
    [undefined, 10],
  ],
  eq4: [6, 5, 4],
} as const;

type Metrics = Record<string, string>;

/** The metrics of a CVSS v4.0 vector, or undefined when it is not a complete, valid one. */
export function parseCvss4(vector: string): Metrics | undefined {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:4.0') return undefined;
  const metrics: Metrics = {};
  for (const part of parts) {
    const [key, value, extra] = part.split(':');
    if (key === undefined || value === undefined || extra !== undefined || Object.hasOwn(metrics, key))
      return undefined;
    const allowed = Object.hasOwn(BASE, key)
      ? BASE[key]
      : Object.hasOwn(OPTIONAL, key)
        ? OPTIONAL[key]
        : undefined;
    if (!allowed?.includes(value)) return undefined;
    metrics[key] = value;
  }
  return Object.keys(BASE).every((key) => Object.hasOwn(metrics, key)) ? metrics : undefined;
}

/** The value that counts: worst case for unset E/CR/IR/AR, the modified metric when set. */
function effective(metrics: Metrics, metric: string): string {
  const value = metrics[metric] ?? 'X';
  if (value === 'X') {
    if (metric === 'E') return 'A';
    if (metric === 'CR' || metric === 'IR' || metric === 'AR') return 'H';
  }
  const modified = metrics[`M${metric}`];
  return modified !== undefined && modified !== 'X' ? modified : value;
}

/** The MacroVector (EQ1..EQ6) of a vector's metrics, e.g. "002201". */
function macroVectorOf(metrics: Metrics): [number, number, number, number, number, number] {
  const m = (metric: string) => effective(metrics, metric);
  const [av, pr, ui] = [m('AV'), m('PR'), m('UI')];
  const eq1 =
    av === 'N' && pr === 'N' && ui === 'N'
      ? 0
      : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P'
        ? 1
        : 2;
  const eq2 = m('AC') === 'L' && m('AT') === 'N' ? 0 : 1;
  const [vc, vi, va] = [m('VC'), m('VI'), m('VA')];
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const eq4 =
    m('MSI') === 'S' || m('MSA') === 'S' ? 0 : m('SC') === 'H' || m('SI') === 'H' || m('SA') === 'H' ? 1 : 2;
  const e = m('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 =
    (m('CR') === 'H' && vc === 'H') || (m('IR') === 'H' && vi === 'H') || (m('AR') === 'H' && va === 'H')
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/** The MacroVector of a valid vector, as the six-digit string the lookup table uses. */
export function cvss4MacroVector(vector: string): string | undefined {
  const metrics = parseCvss4(vector);
  return metrics ? macroVectorOf(metrics).join('') : undefined;
}

/**
 * The reference's roundToDecimalPlaces: round half up after lifting the value by 1e-6, so that a
 * score one floating-point step below an x.x5 tie (8.6 - 7.15 = 1.4499999999999993) rounds up as
 * the exact arithmetic would (cvss-v4-calculator#66/#67, Nov 2024).
 */
function roundToOneDecimal(value: number): number {
  const EPSILON = Math.pow(10, -6);
  return Math.round((value + EPSILON) * 10) / 10;
}

function valueIn(maxVector: string, metric: string): string {
  for (const part of maxVector.split('/')) {
    const [key, value] = part.split(':');
    if (key === metric && value !== undefined) return value;
  }
  return '';
}

function level(metric: string, value: string): number {
  return METRIC_LEVELS[metric]?.[value] ?? Number.NaN;
}

/** The CVSS v4.0 score (CVSS-B, -BT, -BE or -BTE by the metrics given) of a valid vector, else undefined. */
export function cvss4Score(vector: string): number | undefined {
  const metrics = parseCvss4(vector);
  if (!metrics) return undefined;
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((metric) => effective(metrics, metric) === 'N')) return 0.0;
  const [eq1, eq2, eq3, eq4, eq5, eq6] = macroVectorOf(metrics);
  const macro = (a: number, b: number, c: number, d: number, e: number, f: number) =>
    LOOKUP[`${a}${b}${c}${d}${e}${f}`];
  const value = macro(eq1, eq2, eq3, eq4, eq5, eq6);
  if (value === undefined) return undefined;

  // 1a. the score of the next lower MacroVector of each EQ, when there is one
  const eq1Lower = macro(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  const eq2Lower = macro(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  let eq3eq6Lower: number | undefined;
  if (eq3 === 0 && eq6 === 0) {
    // two ways down (00 → 01, 00 → 10): take the higher score
    const left = macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    const right = macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    eq3eq6Lower = left !== undefined && right !== undefined ? Math.max(left, right) : undefined;
  } else if (eq3 === 1 && eq6 === 0) {
    eq3eq6Lower = macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1); // 10 → 11
  } else if (eq6 === 1 && eq3 <= 1) {
    eq3eq6Lower = macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6); // 01 → 11, 11 → 21
  } else {
    eq3eq6Lower = macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1); // 21 → 32 (does not exist)
  }
  const eq4Lower = macro(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  const eq5Lower = macro(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  // 1b. the first highest-severity vector of the MacroVector that is not below this one
  const eq3Maxes = MAX_COMPOSED.eq3[eq3]?.[eq6] ?? [];
  const maxVectors: string[] = [];
  for (const a of MAX_COMPOSED.eq1[eq1] ?? []) {
    for (const b of MAX_COMPOSED.eq2[eq2] ?? []) {
      for (const c of eq3Maxes) {
        for (const d of MAX_COMPOSED.eq4[eq4] ?? []) {
          for (const e of MAX_COMPOSED.eq5[eq5] ?? []) maxVectors.push(a + b + c + d + e);
        }
      }
    }
  }
  let distances: Record<string, number> = {};
  for (const maxVector of maxVectors) {
    distances = {};
    for (const metric of Object.keys(METRIC_LEVELS)) {
      distances[metric] =
        level(metric, effective(metrics, metric)) - level(metric, valueIn(maxVector, metric));
    }
    if (Object.values(distances).every((distance) => distance >= 0)) break;
  }
  const d = (metric: string) => distances[metric] ?? Number.NaN;
  const currentEq1 = d('AV') + d('PR') + d('UI');
  const currentEq2 = d('AC') + d('AT');
  const currentEq3eq6 = d('VC') + d('VI') + d('VA') + d('CR') + d('IR') + d('AR');
  const currentEq4 = d('SC') + d('SI') + d('SA');

  // 1c–d. each EQ's distance as a proportion of its depth, times its maximal scoring difference
  const STEP = 0.1;
  const parts: [number | undefined, number, number][] = [
    [eq1Lower, currentEq1, (MAX_SEVERITY.eq1[eq1] ?? Number.NaN) * STEP],
    [eq2Lower, currentEq2, (MAX_SEVERITY.eq2[eq2] ?? Number.NaN) * STEP],
    [eq3eq6Lower, currentEq3eq6, (MAX_SEVERITY.eq3eq6[eq3]?.[eq6] ?? Number.NaN) * STEP],
    [eq4Lower, currentEq4, (MAX_SEVERITY.eq4[eq4] ?? Number.NaN) * STEP],
  ];
  let existingLower = 0;
  let sum = 0;
  for (const [lower, current, maxSeverity] of parts) {
    if (lower === undefined) continue;
    existingLower++;
    sum += (value - lower) * (current / maxSeverity);
  }
  // EQ5's proportion is always 0, but its lower MacroVector still counts in the mean
  if (eq5Lower !== undefined) existingLower++;

  // 2–3. the MacroVector's score minus the mean distance, rounded to one decimal
  const meanDistance = existingLower === 0 ? 0 : sum / existingLower;
  return roundToOneDecimal(Math.max(0, Math.min(10, value - meanDistance)));
}
