import { describe, expect, test } from '@jest/globals';
import { cwesFromProperties, cwesFromTaxa, parseCwe, type TaxonReference } from '../../src/findings/cwe.js';

const fromProperties = (bag: Record<string, unknown> | undefined): number[] => {
  const found = new Set<number>();
  cwesFromProperties(bag, found);
  return [...found].sort((a, b) => a - b);
};

const fromTaxa = (
  refs: TaxonReference[],
  taxonomies: { name: string; taxaIds: string[] }[] = [],
): number[] => {
  const found = new Set<number>();
  cwesFromTaxa(refs, taxonomies, found);
  return [...found].sort((a, b) => a - b);
};

describe('parseCwe', () => {
  test.each([
    ['external/cwe/cwe-089', 89],
    ['external/cwe/cwe-79', 79],
    ['CWE-79: Improper Neutralization of Input During Web Page Generation', 79],
    ['cwe_22', 22],
    ['CWE:78', 78],
    ['CWE 352', 352],
    ['cwe798', 798],
    ['  CWE-1004  ', 1004],
    ['CWE-00020', 20],
  ])('%s → %i', (text, cwe) => {
    expect(parseCwe(text)).toBe(cwe);
  });

  test.each([
    'cwe-',
    'cwe-abc',
    'OWASP-A03:2021',
    'owasp/a1',
    'security',
    'CWE-79abc',
    'CWE-123456',
    'xcwe-79',
    '89',
    '',
  ])('%j is not a CWE', (text) => {
    expect(parseCwe(text)).toBeUndefined();
  });

  test('bare numbers only when asked', () => {
    expect(parseCwe('89', true)).toBe(89);
    expect(parseCwe(' 89 ', true)).toBe(89);
    expect(parseCwe('89a', true)).toBeUndefined();
    expect(parseCwe('8.9', true)).toBeUndefined();
  });
});

describe('cwesFromProperties', () => {
  test('tags in CodeQL, Semgrep and underscore styles', () => {
    expect(
      fromProperties({
        tags: ['security', 'external/cwe/cwe-089', 'CWE-79: Improper Neutralization', 'cwe_22', 'HIGH'],
      }),
    ).toEqual([22, 79, 89]);
  });

  test('junk tags and bare numbers among tags are ignored', () => {
    expect(fromProperties({ tags: ['cwe-', 'OWASP-A03:2021', 'cwe-abc', '89', 89, null, {}] })).toEqual([]);
  });

  test('a cwe property, as strings, numbers or one value', () => {
    expect(fromProperties({ cwe: ['CWE-22'] })).toEqual([22]);
    expect(fromProperties({ cwe: 'CWE-918' })).toEqual([918]);
    expect(fromProperties({ cwe: [79, '89', 'cwe-20'] })).toEqual([20, 79, 89]);
    expect(fromProperties({ cwes: [611], cwe_ids: ['CWE-502'], cweIds: [1321], CWE: '400' })).toEqual([
      400, 502, 611, 1321,
    ]);
  });

  test('junk in a cwe property is ignored', () => {
    expect(
      fromProperties({ cwe: ['cwe-', 'OWASP-A03:2021', 'cwe-abc', 0, -5, 1.5, 'CWE-0', true, null] }),
    ).toEqual([]);
  });

  test('a missing or empty bag gives nothing', () => {
    expect(fromProperties(undefined)).toEqual([]);
    expect(fromProperties({})).toEqual([]);
    expect(fromProperties({ tags: 'external/cwe/cwe-89' })).toEqual([89]);
  });

  test('duplicates collapse', () => {
    expect(fromProperties({ tags: ['external/cwe/cwe-089', 'CWE-89'], cwe: [89, 'CWE-89'] })).toEqual([89]);
  });
});

describe('cwesFromTaxa', () => {
  const taxonomies = [
    { name: 'OWASP', taxaIds: ['A01', 'A03'] },
    { name: 'CWE', taxaIds: ['79', 'CWE-89', '22'] },
  ];

  test('a reference through a toolComponent named CWE, with its id', () => {
    expect(fromTaxa([{ id: '798', toolComponent: { name: 'CWE' } }])).toEqual([798]);
    expect(fromTaxa([{ id: 'CWE-22', toolComponent: { name: 'cwe' } }])).toEqual([22]);
  });

  test('a reference through a toolComponent index into run.taxonomies', () => {
    expect(fromTaxa([{ id: '352', toolComponent: { index: 1 } }], taxonomies)).toEqual([352]);
  });

  test('a reference by taxon index into that taxonomy', () => {
    expect(fromTaxa([{ index: 1, toolComponent: { index: 1 } }], taxonomies)).toEqual([89]);
    expect(
      fromTaxa(
        [
          { index: 0, toolComponent: { index: 1 } },
          { index: 2, toolComponent: { index: 1 } },
        ],
        taxonomies,
      ),
    ).toEqual([22, 79]);
  });

  test('a reference to a non-CWE component is ignored', () => {
    expect(fromTaxa([{ id: '79', toolComponent: { name: 'OWASP' } }], taxonomies)).toEqual([]);
    expect(fromTaxa([{ id: '79', toolComponent: { index: 0 } }], taxonomies)).toEqual([]);
    expect(fromTaxa([{ index: 1, toolComponent: { index: 0 } }], taxonomies)).toEqual([]);
  });

  test('dangling and malformed references are ignored', () => {
    expect(
      fromTaxa(
        [
          { id: '79' },
          { index: 1 },
          { index: 9, toolComponent: { index: 1 } },
          { index: -1, toolComponent: { index: 1 } },
          { id: '79', toolComponent: { index: 7 } },
          { id: 'not-a-cwe', toolComponent: { name: 'CWE' } },
          { id: 79, toolComponent: { name: 'CWE' } },
          { toolComponent: { name: 'CWE' } },
          null as unknown as TaxonReference,
        ],
        taxonomies,
      ),
    ).toEqual([]);
  });
});
