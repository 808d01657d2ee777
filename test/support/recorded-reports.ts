/**
 * A scanner's recorded reports, `<dir>/<name>.json`: what the converter tests read instead of
 * running the scanner. With PAVEDPATH_RECORD_FIXTURES=1, the tests that run the real scanner
 * rewrite the recordings named in `recorded` from what it writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RecordedReports {
  /** The recording `name`, parsed. */
  read(name: string): unknown;
  /** Keeps `text`, a real run's report, as the recording `name` when recording (and `name` is recorded). */
  record(name: string, text: string): void;
}

export function recordedReports(dir: string, recorded: readonly string[]): RecordedReports {
  const file = (name: string): string => path.join(dir, `${name}.json`);
  return {
    read: (name) => JSON.parse(readFileSync(file(name), 'utf8')),
    record(name, text) {
      if (process.env.PAVEDPATH_RECORD_FIXTURES === '1' && recorded.includes(name)) {
        writeFileSync(file(name), text);
      }
    },
  };
}
