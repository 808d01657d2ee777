/** Problems found while loading SARIF: each names the file, where in it, and how to fix it. */

export interface Diagnostic {
  /** `error`: the file (or that result) was not loaded. `warning`: loaded, leniently. */
  level: 'error' | 'warning';
  file: string;
  /** JSON path of the offending value, e.g. `runs[0].results[3].level`. */
  jsonPath?: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const path = d.jsonPath ? ` at ${d.jsonPath}` : '';
  return `${where}${path}: ${d.message}${d.hint ? `. ${d.hint}` : ''}`;
}

/**
 * Collects warnings that can repeat for every result (a missing rule, an invalid level) into one
 * line per kind: the first place, and how many more.
 */
export class WarningTally {
  private readonly first = new Map<string, { diagnostic: Diagnostic; count: number }>();

  add(kind: string, diagnostic: Diagnostic): void {
    const seen = this.first.get(kind);
    if (seen) seen.count++;
    else this.first.set(kind, { diagnostic, count: 1 });
  }

  flush(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { diagnostic, count } of this.first.values()) {
      out.push(
        count > 1
          ? { ...diagnostic, message: `${diagnostic.message} (and ${count - 1} more result(s) like it)` }
          : diagnostic,
      );
    }
    this.first.clear();
    return out;
  }
}
