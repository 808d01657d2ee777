import { describe, expect, it, test } from '@jest/globals';
import {
  ASVS_403_URL,
  ASVS_403_V14_URL,
  asvsLink,
  CHEAT_SHEET_URL_PREFIX,
  cheatSheetLink,
  CWE_CATALOGUE,
  CWE_URL_PREFIX,
  cweEntry,
  cweLink,
  cweName,
  cweUrl,
  entryLinks,
  OTHER_CWE_NAMES,
  TOP10_2021,
} from '../../src/knowledge/cwe-catalogue.js';
import { research, section, tableRows } from './research.js';

/** Research §1: one row per CWE: id, name, Top 10, cheat sheets, ASVS, key fix. */
const rows = tableRows(section(1), /^\d+$/);
const researchIds = rows.map((r) => Number(r[0]));

/** ASVS ids of a cell, ranges such as "2.7.1–2.7.3" expanded; "4.0.3" is the ASVS version. */
function asvsIds(cell: string): { id: string; italic: boolean }[] {
  const out: { id: string; italic: boolean }[] = [];
  for (const m of cell.matchAll(/(\*?)(\d+\.\d+\.\d+)(?:–(\d+\.\d+\.\d+))?\*?/g)) {
    const [, star, from = '', to] = m;
    if (from === '4.0.3') continue;
    const italic = star === '*';
    if (to === undefined) {
      out.push({ id: from, italic });
      continue;
    }
    const prefix = from.split('.').slice(0, 2).join('.');
    const a = Number(from.split('.')[2]);
    const b = Number(to.split('.')[2]);
    for (let i = a; i <= b; i++) out.push({ id: `${prefix}.${i}`, italic });
  }
  return out;
}

describe('the CWE catalogue follows research §1', () => {
  it('the research table was read (sanity)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(researchIds).toContain(89);
    expect(researchIds).toContain(1395);
  });

  it('has an entry for every CWE of research §1, and no other', () => {
    expect(CWE_CATALOGUE.map((e) => e.id).sort((a, b) => a - b)).toEqual(
      [...researchIds].sort((a, b) => a - b),
    );
    expect(new Set(CWE_CATALOGUE.map((e) => e.id)).size).toBe(CWE_CATALOGUE.length);
  });

  test.each(rows.map((r) => [Number(r[0]), r] as const))('CWE-%i matches its research row', (id, row) => {
    const entry = cweEntry(id);
    expect(entry).toBeDefined();
    if (!entry) return;
    const [, name = '', top10 = '', sheets = '', asvs = ''] = row;
    expect(entry.name).toBe(name);
    const category = /^A\d\d\b/.exec(top10)?.[0];
    expect(entry.top10).toBe(category);
    // Every cheat sheet is one the research lists as existing for this CWE.
    for (const file of entry.cheatSheets) expect(sheets).toContain(`CS:${file}`);
    expect(entry.cheatSheets.length > 0 || /no dedicated cheat sheet/.test(sheets)).toBe(true);
    // ASVS: exactly the research's ids; italic ones (a nearest match) are marked `text`.
    const expected = asvsIds(asvs);
    expect(entry.asvs.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const r of expected.filter((e) => e.italic))
      expect(entry.asvs.find((a) => a.id === r.id)?.basis).toBe('text');
  });

  it('every fix is one short imperative line in our own words', () => {
    for (const entry of CWE_CATALOGUE) {
      expect(entry.fix).not.toMatch(/\n/);
      expect(entry.fix.length).toBeLessThanOrEqual(160);
      expect(entry.fix).toMatch(/^[A-Z][^.]*[a-z]/);
      expect(entry.fix.endsWith('.')).toBe(true);
      const keyFact = rows.find((r) => Number(r[0]) === entry.id)?.[5] ?? '';
      expect(entry.fix).not.toBe(keyFact);
    }
  });

  it('the extra names are the research §2 names', () => {
    for (const [id, name] of Object.entries(OTHER_CWE_NAMES)) {
      expect(research).toContain(`CWE-${id} | ${name} |`);
      expect(cweEntry(Number(id))).toBeUndefined();
    }
  });
});

describe('links', () => {
  const all = CWE_CATALOGUE.flatMap(entryLinks);

  it('every link is a well-formed https URL of a pattern the research gives', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const link of all) {
      const url = new URL(link.url);
      expect(url.protocol).toBe('https:');
      expect(url.href).toBe(link.url);
      expect(link.url).not.toMatch(/\s/);
      expect(link.title.trim()).not.toBe('');
      const allowed =
        link.url.startsWith(CHEAT_SHEET_URL_PREFIX) ||
        link.url.startsWith(CWE_URL_PREFIX) ||
        link.url === ASVS_403_URL ||
        link.url === ASVS_403_V14_URL;
      expect(allowed).toBe(true);
    }
    expect(research).toContain('https://cheatsheetseries.owasp.org/cheatsheets/<File>.html');
    expect(research).toContain('https://cwe.mitre.org/data/definitions/<N>.html');
    expect(research).toContain(ASVS_403_URL);
    expect(research).toContain('4.0/en/0x22-V14-Config.md');
  });

  it('builds the CWE page, cheat sheet and ASVS links', () => {
    const sql = cweEntry(89);
    expect(sql && entryLinks(sql)).toEqual([
      {
        title: 'OWASP SQL Injection Prevention Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
      },
      {
        title: 'OWASP Query Parameterization Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
      },
      {
        title: "CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
        url: 'https://cwe.mitre.org/data/definitions/89.html',
      },
      { title: 'OWASP ASVS 4.0.3 5.3.4, 5.3.5', url: ASVS_403_URL },
    ]);
    expect(cheatSheetLink('Cross-Site_Request_Forgery_Prevention_Cheat_Sheet').title).toBe(
      'OWASP Cross-Site Request Forgery Prevention Cheat Sheet',
    );
  });

  it('ASVS: long lists are cut, nearest matches say so, V14-only entries link to V14', () => {
    const auth = cweEntry(287);
    expect(auth && asvsLink(auth)?.title).toBe('OWASP ASVS 4.0.3 2.3.3, 2.7.1, 2.7.2, 2.7.3, …');
    const weakHash = cweEntry(328);
    expect(weakHash && asvsLink(weakHash)?.title).toBe(
      'OWASP ASVS 4.0.3 2.4.1, 2.4.2, 2.4.3, 2.4.4, … (closest match)',
    );
    const vulnerable = cweEntry(1395);
    expect(vulnerable && asvsLink(vulnerable)).toEqual({
      title: 'OWASP ASVS 4.0.3 14.2.1 (closest match)',
      url: ASVS_403_V14_URL,
    });
    const prototype = cweEntry(1321);
    expect(prototype && asvsLink(prototype)).toBeUndefined();
  });

  it('CWE pages for ids outside the catalogue, named when the research names them', () => {
    expect(cweLink(242)).toEqual({
      title: 'CWE-242: Use of Inherently Dangerous Function',
      url: 'https://cwe.mitre.org/data/definitions/242.html',
    });
    expect(cweLink(259)).toEqual({
      title: 'CWE-259',
      url: 'https://cwe.mitre.org/data/definitions/259.html',
    });
    expect(cweName(79)).toMatch(/Cross-site Scripting/);
    expect(cweUrl(0)).toBeUndefined();
    expect(cweUrl(-1)).toBeUndefined();
    expect(cweUrl(1.5)).toBeUndefined();
    expect(cweLink(Number.NaN)).toBeUndefined();
  });

  it('Top 10 categories are the ones the research names', () => {
    for (const [code, name] of Object.entries(TOP10_2021)) expect(research).toContain(`${code} ${name}`);
  });
});
