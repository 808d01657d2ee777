/** Markdown helpers shared by the docs tests: fenced blocks, sections, tables. */

export interface FencedBlock {
  lang: string;
  /** The block's text, every line ending in \n, with the fence's indentation removed. */
  content: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** false when the file ends before the closing fence. */
  closed: boolean;
}

/** Fenced code blocks (``` or ~~~, indented or not), in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { fence: string; indent: number; lang: string; line: number; lines: string[] } | undefined;
  const finish = (closed: boolean) => {
    if (!open) return;
    const { lang, line, lines } = open;
    blocks.push({ lang: lang.toLowerCase(), content: lines.map((l) => `${l}\n`).join(''), line, closed });
    open = undefined;
  };
  const lines = markdown.split('\n');
  for (const [index, text] of lines.entries()) {
    if (!open) {
      const start = /^( *)(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
      if (start) {
        open = { fence: start[2]!, indent: start[1]!.length, lang: start[3]!, line: index + 1, lines: [] };
      }
      continue;
    }
    const close = /^ *(`{3,}|~{3,})\s*$/.exec(text);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      finish(true);
      continue;
    }
    if (index === lines.length - 1 && text === '') continue; // the file's final newline
    const indent = /^ */.exec(text)![0].length;
    open.lines.push(text.slice(Math.min(indent, open.indent)));
  }
  finish(false);
  return blocks;
}

export const yamlBlocks = (markdown: string) => fencedBlocks(markdown).filter((b) => /^ya?ml$/.test(b.lang));

/** The one yaml block of `markdown`; throws when it has none, or more than one. */
export function onlyYamlBlock(markdown: string): FencedBlock {
  const blocks = yamlBlocks(markdown);
  if (blocks.length !== 1) throw new Error(`${String(blocks.length)} yaml blocks, not one`);
  return blocks[0]!;
}

/** Blocks that are not, byte for byte, one of the files: `line: why`. */
export function driftedBlocks(markdown: string, files: Record<string, string>, doc: string): string[] {
  return yamlBlocks(markdown)
    .filter((b) => !b.closed || !Object.values(files).includes(b.content))
    .map((b) =>
      b.closed
        ? `${doc}:${b.line}: this yaml block is none of ${Object.keys(files).join(', ')}`
        : `${doc}:${b.line}: this yaml block is not closed`,
    );
}

/** The text of the `## ` section whose heading starts with `heading`, up to the next `## `. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

export const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** The body rows (as cells) of the first table whose first header cell is `header`. */
export function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith('|') && cells(l)[0] === header);
  if (start < 0) throw new Error(`no table with a "${header}" column`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

export const codeSpans = (cell: string | undefined) =>
  [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The `code` names in column `column` (0 = the first) of the table whose first header cell is `header`. */
export const tableColumn = (markdown: string, header: string, column = 0) =>
  tableRows(markdown, header).flatMap((row) => codeSpans(row[column]));
