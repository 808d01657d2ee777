/**
 * The lines a pull request added or changed, from `git diff --unified=0 base...head`: per file
 * (the head side's path), the ranges of head lines that the diff adds. A finding on one of them
 * is new when there is no baseline to compare with.
 */

export interface ChangedLines {
  /** Head path → sorted, non-overlapping [start, end] line ranges (1-based, inclusive). */
  ranges: Map<string, [number, number][]>;
  /** Files the diff adds whole (every line is new). */
  addedFiles: Set<string>;
}

/** Undoes git's C-style quoting of unusual paths: "a\\303\\251.txt" → "aé.txt". */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const body = raw.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else if (next in simple) {
      bytes.push(simple[next] as number);
      i += 1;
    } else {
      bytes.push(92);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function stripPrefix(path: string): string | undefined {
  const unquoted = unquoteGitPath(path.trim());
  if (unquoted === '/dev/null') return undefined;
  return unquoted.replace(/^[ab]\//, '');
}

export function parseUnifiedDiff(diff: string): ChangedLines {
  const ranges = new Map<string, [number, number][]>();
  const addedFiles = new Set<string>();
  let current: string | undefined;
  let fromNull = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      fromNull = false;
    } else if (line.startsWith('--- ')) {
      fromNull = line.slice(4).trim() === '/dev/null';
    } else if (line.startsWith('+++ ')) {
      current = stripPrefix(line.slice(4).replace(/\t.*$/, ''));
      if (current !== undefined && fromNull) addedFiles.add(current);
    } else if (line.startsWith('@@') && current !== undefined) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count === 0) continue;
      const list = ranges.get(current) ?? [];
      list.push([start, start + count - 1]);
      ranges.set(current, list);
    }
  }
  for (const [path, list] of ranges) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of list) {
      const last = merged.at(-1);
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    ranges.set(path, merged);
  }
  return { ranges, addedFiles };
}

/** True when any line of [start, end] is one the diff added or changed. */
export function touchesChangedLines(
  changed: ChangedLines,
  path: string,
  start: number,
  end = start,
): boolean {
  if (changed.addedFiles.has(path)) return true;
  const list = changed.ranges.get(path);
  if (!list) return false;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = list[mid] as [number, number];
    if (b < start) lo = mid + 1;
    else if (a > end) hi = mid - 1;
    else return true;
  }
  return false;
}
