// Reads the research notes the knowledge base follows (../shared/research/remediation-and-compliance.md),
// so the tests check the data against the research itself, not against a copy of it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const RESEARCH_FILE = path.resolve(process.cwd(), '../shared/research/remediation-and-compliance.md');
export const REAL_SARIF_DIR = path.resolve(process.cwd(), '../shared/fixtures/real-world/sarif');

export const research = readFileSync(RESEARCH_FILE, 'utf8');

/** The text of a `## N.` section, up to the next `## ` heading. */
export function section(n: number): string {
  const start = research.indexOf(`\n## ${n}. `);
  if (start < 0) throw new Error(`research section ${n} not found`);
  const end = research.indexOf('\n## ', start + 1);
  return research.slice(start, end < 0 ? undefined : end);
}

/** The `### N.M` subsection. */
export function subsection(id: string): string {
  const start = research.indexOf(`\n### ${id} `);
  if (start < 0) throw new Error(`research subsection ${id} not found`);
  const end = research.slice(start + 1).search(/\n#{2,3} /);
  return research.slice(start, end < 0 ? undefined : start + 1 + end);
}

/** Table rows (cells trimmed, without the outer pipes) whose first cell matches `first`. */
export function tableRows(text: string, first: RegExp): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .replace(/^\|/, '')
        .replace(/\|\s*$/, '')
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => first.test(cells[0] ?? ''));
}
