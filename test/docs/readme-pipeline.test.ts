// The README's sections on the all-in-one action, discover and the CLI cannot drift from the code:
// the all-in-one inputs table lists exactly what ./action.yml declares, with its defaults; the
// outputs it names are declared; the CLI's commands, options and exit codes are the program's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { EXIT, program } from '../../src/cli/main.js';
import { codeSpans, section, tableRows } from './markdown.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string } | null>;
  outputs: Record<string, unknown>;
};

/** Table rows whose first cell's code span is not one of `names`, or names missing from the table. */
function tableDrift(rows: string[][], names: readonly string[]): { extra: string[]; missing: string[] } {
  const listed = rows.flatMap((r) => codeSpans(r[0]));
  return {
    extra: listed.filter((n) => !names.includes(n)),
    missing: names.filter((n) => !listed.includes(n)),
  };
}

describe('README: the all-in-one action', () => {
  const text = section(readme, 'All-in-one action (preview)');

  it('lists every input of action.yml, and no other, with the default it declares', () => {
    const rows = tableRows(text, 'input');
    expect(tableDrift(rows, Object.keys(action.inputs))).toEqual({ extra: [], missing: [] });
    const wrong = rows.filter((r) => {
      const name = codeSpans(r[0])[0] ?? '';
      const declared = action.inputs[name]?.default;
      return declared !== undefined && !codeSpans(r[1]).includes(declared);
    });
    expect(wrong).toEqual([]);
  });

  it('names only outputs that action.yml declares, and all of them', () => {
    const paragraph = text.slice(text.indexOf('Outputs:'));
    const named = codeSpans(paragraph.slice(0, paragraph.indexOf('\n\n'))).filter((n) => /^[a-z-]+$/.test(n));
    expect(named.filter((n) => !(n in action.outputs))).toEqual([]);
    expect(Object.keys(action.outputs).filter((o) => !named.includes(o))).toEqual([]);
  });

  it('the drift check fails on a planted extra input', () => {
    expect(tableDrift([['`frobnicate`', '—', 'x']], ['path'])).toEqual({
      extra: ['frobnicate'],
      missing: ['path'],
    });
  });
});

describe('README: the CLI', () => {
  const text = section(readme, 'CLI (preview)');
  const cli = program();

  it('describes the commands the program has', () => {
    const commands = cli.commands.map((c) => c.name());
    const rows = tableRows(text, 'command').map((r) => (codeSpans(r[0])[0] ?? '').split(' ')[1]);
    expect(rows).toEqual(commands);
  });

  it("names only options the program's commands take", () => {
    const options = new Set(
      cli.commands.flatMap((c) => c.options.flatMap((o) => [o.long, o.short]).filter(Boolean)),
    );
    const named = codeSpans(text)
      .flatMap((span) => span.split(/[ /]/))
      .filter((word) => word.startsWith('-'))
      .map((word) => word.replace(/[^\w-].*$/, ''));
    expect(named.filter((o) => !options.has(o))).toEqual([]);
  });

  it('gives the exit codes of the program', () => {
    for (const [code, words] of [
      [EXIT.pass, 'the gate passed'],
      [EXIT.gateFailed, 'the gate failed'],
      [EXIT.usage, 'bad usage, input or config'],
      [EXIT.toolFailed, 'a scanner or the network failed'],
    ] as const) {
      expect(text.replace(/\s+/g, ' ')).toContain(`\`${String(code)}\` ${words}`);
    }
  });
});
