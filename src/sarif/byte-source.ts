/**
 * Where a SARIF log's bytes come from. The loader reads through this, a window at a time, so a
 * large file is never held whole: the edges give a file-backed source, tests an in-memory one.
 */
export interface ByteSource {
  readonly size: number;
  /** The bytes in [start, end); may return fewer only at the end of the source. */
  read(start: number, end: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (start, end) => bytes.subarray(start, end) };
}
