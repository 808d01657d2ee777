/**
 * applyConfig: the config's `exclude` and `ignore` over the findings of a run.
 *
 * 1. A finding whose path matches an `exclude` glob is dropped (counted in `excluded`, nothing else).
 * 2. Otherwise the first live ignore entry, in file order, whose selectors all match it marks it
 *    ignored: `{ reason, by: 'ignore[2]', expires }`. An entry is live through its `expires` day
 *    (in UTC); after that it no longer applies.
 * 3. Otherwise, a finding the tool itself suppressed (a suppression with no status or `accepted`)
 *    is ignored `by: 'suppressed-by-tool'`, with the tool's justification as the reason.
 * 4. Everything else is kept, in the order given.
 *
 * Notices name each expired entry with how many findings count again because of it, and each live
 * entry that matches no finding (once excluded findings are dropped).
 *
 * Package selectors need to know which package a dependency finding is about, which a Finding does
 * not say: pass `packageOf`. Without it, `package` selectors match nothing.
 */
import { type Finding, isSuppressed } from '../findings/finding.js';
import type { Ignored } from '../report/model.js';
import { compileGlob, globProblem } from './glob.js';
import { type Config, type IgnoreEntry, isoDay } from './schema.js';
import { type PackageOf, compileSelectors, describeEntry } from './selectors.js';

export const SUPPRESSED_BY_TOOL = 'suppressed-by-tool';

export interface ApplyOptions {
  /**
   * The package a finding is about, as a purl (`pkg:npm/lodash@4.17.20`) or a bare name; undefined
   * when it is not a dependency finding. The dependency review supplies it; the default knows none.
   */
  packageOf?: PackageOf;
}

export interface IgnoredFinding {
  finding: Finding;
  ignored: Ignored;
}

export interface ApplyResult {
  kept: Finding[];
  ignored: IgnoredFinding[];
  /** How many findings `exclude` dropped. */
  excluded: number;
  notices: string[];
}

interface EntryState {
  entry: IgnoreEntry;
  expired: boolean;
  matches: (finding: Finding) => boolean;
  matched: number;
  /** Findings this expired entry matches that nothing else ignores. */
  countAgain: number;
}

const noPackage: PackageOf = () => undefined;

function toolSuppression(finding: Finding): Ignored {
  const accepted = finding.suppressions.filter((s) => s.status === undefined || s.status === 'accepted');
  const justified = accepted.find((s) => s.justification !== undefined && s.justification.trim() !== '');
  const reason =
    justified?.justification?.trim() ??
    `suppressed by ${finding.tool.name} (${accepted[0]?.kind ?? 'unknown kind'}) without a justification`;
  return { reason, by: SUPPRESSED_BY_TOOL };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function entryNotice(state: EntryState): string | undefined {
  const { entry, matched, countAgain } = state;
  const name = describeEntry(entry);
  if (!state.expired) return matched === 0 ? `${name} matches no finding: remove it?` : undefined;
  const expired = `${name} expired on ${entry.expires ?? '?'}`;
  if (matched === 0) return `${expired} and matches no finding: remove it`;
  if (countAgain > 0) {
    const verb = countAgain === 1 ? 'counts' : 'count';
    return `${expired}: its ${plural(countAgain, 'finding')} ${verb} again; renew or remove it`;
  }
  const verb = matched === 1 ? 'is' : 'are';
  return `${expired}; its ${plural(matched, 'finding')} ${verb} still ignored by other entries or the tool: remove it`;
}

export function applyConfig(
  findings: readonly Finding[],
  config: Config,
  today: Date,
  options: ApplyOptions = {},
): ApplyResult {
  const day = isoDay(today);
  const packageOf = options.packageOf ?? noPackage;
  const notices: string[] = [];
  const excludes = config.exclude.flatMap((glob, i) => {
    if (globProblem(glob) === undefined) return [compileGlob(glob)];
    notices.push(`exclude[${i}] ${JSON.stringify(glob)} is not a valid glob and was skipped`);
    return [];
  });
  const states: EntryState[] = config.ignore.flatMap((entry) => {
    if (entry.path !== undefined && globProblem(entry.path) !== undefined) {
      notices.push(`${describeEntry(entry)}: the path is not a valid glob; the entry was skipped`);
      return [];
    }
    const expired = entry.expires !== undefined && entry.expires < day;
    return [{ entry, expired, matches: compileSelectors(entry, packageOf), matched: 0, countAgain: 0 }];
  });

  const kept: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  let excluded = 0;
  const expiredHits: EntryState[] = [];
  for (const finding of findings) {
    const path = finding.location?.path;
    if (path !== undefined && excludes.some((matches) => matches(path))) {
      excluded++;
      continue;
    }
    let by: IgnoreEntry | undefined;
    expiredHits.length = 0;
    for (const state of states) {
      if (!state.matches(finding)) continue;
      state.matched++;
      if (state.expired) expiredHits.push(state);
      else by ??= state.entry;
    }
    if (by !== undefined) {
      const mark: Ignored = { reason: by.reason, by: by.id };
      if (by.expires !== undefined) mark.expires = by.expires;
      ignored.push({ finding, ignored: mark });
    } else if (isSuppressed(finding)) {
      ignored.push({ finding, ignored: toolSuppression(finding) });
    } else {
      kept.push(finding);
      for (const state of expiredHits) state.countAgain++;
    }
  }
  for (const state of states) {
    const notice = entryNotice(state);
    if (notice !== undefined) notices.push(notice);
  }
  return { kept, ignored, excluded, notices };
}
