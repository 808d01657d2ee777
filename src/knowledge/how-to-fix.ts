/**
 * The "How to fix" sections of docs/guide.md, generated from the remediation catalogue so that the
 * guide says exactly what the pull-request comment says: for every catalogue entry that the
 * catalogue maps to an OWASP Top 10:2021 category, the CWE's name, the one-line fix and the links
 * of the entry (its OWASP cheat sheets, the CWE page and the ASVS requirements), grouped by Top 10
 * category. Entries without a Top 10 category (memory safety, resource limits, prototype
 * pollution, dependency upgrades…) are left out: the choice is "what the Top 10 names", not a
 * frequency count, because the project has no data on which weaknesses users meet most.
 *
 * Pure: no I/O. test/docs/documents.test.ts checks that the guide holds this output between its
 * `<!-- generated: how-to-fix -->` and `<!-- end generated -->` markers.
 */
import { CWE_CATALOGUE, entryLinks, TOP10_2021, type CweEntry, type Top10Category } from './cwe-catalogue.js';

export const HOW_TO_FIX_START = '<!-- generated: how-to-fix -->';
export const HOW_TO_FIX_END = '<!-- end generated -->';

/** Backslash-escapes the characters that would start markdown syntax inside running text. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** The catalogue entries the guide covers: those with a Top 10 category, by category, then by CWE id. */
export function howToFixEntries(catalogue: readonly CweEntry[] = CWE_CATALOGUE): CweEntry[] {
  return catalogue
    .filter((entry) => entry.top10 !== undefined)
    .sort((a, b) => (a.top10 ?? '').localeCompare(b.top10 ?? '') || a.id - b.id);
}

function entrySection(entry: CweEntry): string[] {
  const links = entryLinks(entry).map((link) => `- [${escapeMarkdownText(link.title)}](${link.url})`);
  return [
    `#### CWE-${String(entry.id)}: ${escapeMarkdownText(entry.name)}`,
    '',
    escapeMarkdownText(entry.fix),
    '',
    ...(links.length > 0 ? [...links, ''] : []),
  ];
}

/**
 * The markdown between the guide's markers: an introduction that says what was chosen and where it
 * comes from, then one `###` heading per Top 10 category and one `####` section per CWE.
 */
export function howToFixMarkdown(catalogue: readonly CweEntry[] = CWE_CATALOGUE): string {
  const entries = howToFixEntries(catalogue);
  const categories = [...new Set(entries.map((e) => e.top10))].filter(
    (c): c is Top10Category => c !== undefined,
  );
  const lines: string[] = [
    `This part is generated from the remediation catalogue (\`src/knowledge/cwe-catalogue.ts\`) by ` +
      `\`howToFixMarkdown()\` in \`src/knowledge/how-to-fix.ts\`: one section for each of the ` +
      `${String(entries.length)} catalogue entries that the catalogue maps to an OWASP Top 10:2021 category ` +
      `(of ${String(catalogue.length)} entries in all), grouped by category. The fix is the sentence the ` +
      `pull-request comment shows for a code finding whose first catalogued CWE is that one; the links are ` +
      `the entry's cheat sheets, its CWE page and its OWASP ASVS 4.0.3 requirements.`,
    '',
  ];
  for (const category of categories) {
    lines.push(`### ${category} ${escapeMarkdownText(TOP10_2021[category])}`, '');
    for (const entry of entries.filter((e) => e.top10 === category)) lines.push(...entrySection(entry));
  }
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
