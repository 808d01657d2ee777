/**
 * Parses what an action writes the way the Actions runner does: `::command props::message` lines
 * on stdout (with the runner's %-escaping), and the `name=value` / `name<<DELIMITER` file format
 * of GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** The workflow commands in an action's stdout, in order. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(raw);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: match[1] as string, properties, message: unescapeData(match[3] ?? '') });
  }
  return commands;
}

function intProperty(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

/** The error, warning and notice annotations among the commands. */
export function annotationsOf(commands: readonly WorkflowCommand[]): Annotation[] {
  const out: Annotation[] = [];
  for (const c of commands) {
    if (c.command !== 'error' && c.command !== 'warning' && c.command !== 'notice') continue;
    const annotation: Annotation = { level: c.command, message: c.message };
    const p = c.properties;
    if (p.title !== undefined) annotation.title = p.title;
    if (p.file !== undefined) annotation.file = p.file;
    const line = intProperty(p.line);
    if (line !== undefined) annotation.line = line;
    const endLine = intProperty(p.endLine);
    if (endLine !== undefined) annotation.endLine = endLine;
    const col = intProperty(p.col);
    if (col !== undefined) annotation.col = col;
    const endColumn = intProperty(p.endColumn);
    if (endColumn !== undefined) annotation.endColumn = endColumn;
    out.push(annotation);
  }
  return out;
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file: `name=value` lines and
 * `name<<DELIMITER` ... `DELIMITER` blocks. Throws, as the runner fails the step, on a block
 * whose delimiter never comes.
 */
export function parseKeyValueFile(content: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || heredoc.index + (heredoc[1] as string).length < eq)) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        const next = (lines[i] as string).replace(/\r$/, '');
        if (next === delimiter) {
          closed = true;
          break;
        }
        value.push(next);
      }
      if (!closed) throw new Error(`Matching delimiter not found '${delimiter}' for '${name}'`);
      out[name] = value.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return out;
}
