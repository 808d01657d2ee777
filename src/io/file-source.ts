/**
 * A ByteSource backed by a file, read with positioned reads: the loader holds a window of the
 * file at a time, never the whole file. Part of the I/O edge (used by the actions and the CLI).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../sarif/byte-source.js';

export interface FileSource extends ByteSource {
  close(): void;
}

export function openFileSource(path: string): FileSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read(start: number, end: number): Buffer {
      const length = Math.max(0, Math.min(end, size) - start);
      const buf = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buf, done, length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return done === length ? buf : buf.subarray(0, done);
    },
    close(): void {
      closeSync(fd);
    },
  };
}

/** Runs `use` with a file source and closes it afterwards. */
export function withFileSource<T>(path: string, use: (source: ByteSource) => T): T {
  const source = openFileSource(path);
  try {
    return use(source);
  } finally {
    source.close();
  }
}
