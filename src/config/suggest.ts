/** "Did you mean …?" for config keys and values: the closest candidate, when one is close enough. */

/** `failOn`, `Fail_On` and `fail on` all become `fail-on`. */
function normalise(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** The candidate `input` most likely meant, or undefined when none is close. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = normalise(input);
  const exact = candidates.find((c) => normalise(c) === wanted);
  if (exact !== undefined) return exact;
  // An abbreviation: `crit` for critical, `exp` for expires.
  const prefix = wanted.length >= 3 ? candidates.find((c) => normalise(c).startsWith(wanted)) : undefined;
  if (prefix !== undefined) return prefix;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate));
    const plural = wanted === `${normalise(candidate)}s`;
    if (plural || distance < bestDistance || (distance === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = plural ? 0 : distance;
    }
  }
  return best;
}
