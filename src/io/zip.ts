/**
 * Reads one entry out of a zip held in memory, for the pr-comment action: the report artifact it
 * downloads was produced by a run it does not trust (a fork's pull request), so the zip is read
 * defensively, bounded, and refused with a plain-words reason whenever it is anything but a plain
 * zip holding exactly one entry of that name.
 *
 * Pure: a Buffer in, a Buffer or a reason out. No file system, no streams, no extraction to disk.
 *
 * What is read: the End Of Central Directory record (searched backwards over the comment), the
 * central directory, and the named entry's local header and data. Sizes, CRC and method come from
 * the central directory (so entries written with a data descriptor, sizes after the data, read
 * fine); the local header must agree with it. Stored (0) and deflate (8) entries are read; deflate
 * is inflated with an output cap one byte above the declared size, so a zip bomb (or a size that
 * lies) stops at the cap instead of filling memory, and the CRC-32 of the result is checked.
 *
 * Refused: anything that is not a zip, truncated or damaged zips, multi-disk zips, ZIP64 (not
 * needed for a report within the limits, and one more format to get wrong), encrypted entries,
 * other compression methods, an entry above the size limit, and a zip holding two entries with
 * the same name (which one is "the" report would depend on the reader).
 */
import * as zlib from 'node:zlib';

export interface ZipLimits {
  /** The largest uncompressed size of the entry that is read, in bytes. */
  maxEntryBytes: number;
}

/** One entry of the central directory. */
export interface ZipEntry {
  /** The name as the central directory gives it (UTF-8 when flagged, else code page 437). */
  name: string;
  /** 0 stored, 8 deflate; other methods are listed but not read. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** The general purpose bit flags. */
  flags: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

export type ZipEntryResult = { ok: true; data: Buffer } | { ok: false; reason: string };
export type ZipListResult = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_LOCATOR_SIZE = 20;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const FLAG_MASKED_HEADERS = 0x2000;

const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;
const METHOD_NAMES: Record<number, string> = {
  1: 'shrink',
  6: 'implode',
  9: 'deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'zstd',
  95: 'xz',
  98: 'PPMd',
};

const NO_ZIP64 = 'ZIP64 zips are not supported (a report artifact never needs one)';

/**
 * Lists the entries of the central directory. Refuses what readZipEntry refuses for the whole
 * zip (not a zip, truncated, ZIP64, multi-disk, duplicate names); per-entry problems (encryption,
 * method) are only refused when that entry is read.
 */
export function listZipEntries(zip: Buffer): ZipListResult {
  const parsed = parseCentralDirectory(zip);
  return parsed.ok ? { ok: true, entries: parsed.entries } : parsed;
}

type CentralDirectory =
  { ok: true; entries: ZipEntry[]; centralOffset: number } | { ok: false; reason: string };

function parseCentralDirectory(zip: Buffer): CentralDirectory {
  if (zip.length === 0) return fail('not a zip file: it is empty');
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd === undefined) {
    return fail(
      zip.length >= 4 && zip.readUInt32LE(0) === LOCAL_SIGNATURE
        ? `the zip is truncated or damaged: it starts like a zip, but has no end-of-central-directory record (${formatBytes(zip.length)} long)`
        : 'not a zip file: no end-of-central-directory record',
    );
  }
  const disk = zip.readUInt16LE(eocd + 4);
  const centralDisk = zip.readUInt16LE(eocd + 6);
  const entriesOnDisk = zip.readUInt16LE(eocd + 8);
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  if (
    (eocd >= ZIP64_EOCD_LOCATOR_SIZE &&
      zip.readUInt32LE(eocd - ZIP64_EOCD_LOCATOR_SIZE) === ZIP64_EOCD_LOCATOR_SIGNATURE) ||
    count === 0xffff ||
    entriesOnDisk === 0xffff ||
    centralSize === 0xffffffff ||
    centralOffset === 0xffffffff
  ) {
    return fail(`${NO_ZIP64}: it has a ZIP64 end-of-central-directory record`);
  }
  if (disk !== 0 || centralDisk !== 0 || entriesOnDisk !== count) {
    return fail('multi-disk (split or spanned) zips are not supported');
  }
  if (centralOffset + centralSize > eocd) {
    return fail(
      `the zip is truncated or damaged: its central directory (${centralSize} bytes at offset ${centralOffset}) runs past the end-of-central-directory record at offset ${eocd}`,
    );
  }
  if (centralOffset + centralSize !== eocd) {
    return fail(
      `the zip is damaged or has data it does not account for: ${eocd - centralOffset - centralSize} bytes between its central directory and its end-of-central-directory record`,
    );
  }

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = centralOffset;
  const end = centralOffset + centralSize;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > end || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      return fail(
        `the zip is damaged: its central directory lists ${count} entries, but entry ${i + 1} is not where it should be (offset ${at})`,
      );
    }
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc32 = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const startDisk = zip.readUInt16LE(at + 34);
    const localHeaderOffset = zip.readUInt32LE(at + 42);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > end) {
      return fail(
        `the zip is damaged: entry ${i + 1} of its central directory runs past the directory's end`,
      );
    }
    const nameBytes = zip.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const name = decodeName(nameBytes, flags);
    const extra = zip.subarray(at + CENTRAL_SIZE + nameLength, at + CENTRAL_SIZE + nameLength + extraLength);
    if (
      compressedSize === 0xffffffff ||
      uncompressedSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff ||
      startDisk === 0xffff ||
      hasExtraField(extra, ZIP64_EXTRA_ID)
    ) {
      return fail(`${NO_ZIP64}: ${printable(name)} is a ZIP64 entry`);
    }
    if (startDisk !== 0) return fail('multi-disk (split or spanned) zips are not supported');
    if (seen.has(name)) {
      return fail(
        `the zip holds two entries named ${printable(name)}: which one is meant is ambiguous, so the zip is refused`,
      );
    }
    seen.add(name);
    entries.push({ name, method, compressedSize, uncompressedSize, crc32, flags, localHeaderOffset });
    at = next;
  }
  if (at !== end) {
    return fail(
      `the zip is damaged: its central directory is ${centralSize} bytes, but its ${count} entries take ${at - centralOffset}`,
    );
  }
  return { ok: true, entries, centralOffset };
}

/**
 * The uncompressed bytes of the entry named exactly `name` (a fresh Buffer, not a view of `zip`),
 * or why not, in plain words that name the entry.
 */
export function readZipEntry(zip: Buffer, name: string, limits: ZipLimits): ZipEntryResult {
  const listed = parseCentralDirectory(zip);
  if (!listed.ok) return listed;
  const { entries, centralOffset } = listed;
  const entry = entries.find((e) => e.name === name);
  const label = printable(name);
  if (!entry) {
    return fail(
      entries.length === 0
        ? `the zip has no ${label}: it is empty`
        : `the zip has no ${label} (it holds: ${listNames(entries)})`,
    );
  }

  if ((entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) !== 0) {
    return fail(`${label} is encrypted; only unencrypted entries are read`);
  }
  if (entry.method === METHOD_AES)
    return fail(`${label} is encrypted (AES); only unencrypted entries are read`);
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    const known = METHOD_NAMES[entry.method];
    return fail(
      `${label} is compressed with method ${entry.method}${known ? ` (${known})` : ''}; only stored (0) and deflate (8) entries are read`,
    );
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return fail(
      `${label} is ${formatBytes(entry.uncompressedSize, limits.maxEntryBytes)} uncompressed, above the ${formatBytes(limits.maxEntryBytes, entry.uncompressedSize)} limit`,
    );
  }
  if (entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) {
    return fail(
      `the zip is damaged: ${label} is stored (not compressed), yet its sizes differ (${entry.compressedSize} bytes stored, ${entry.uncompressedSize} bytes declared)`,
    );
  }

  // The local header: it must be there, and agree with the central directory.
  const local = entry.localHeaderOffset;
  if (local + LOCAL_SIZE > centralOffset || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    return fail(
      `the zip is damaged: the local header of ${label} is not at offset ${local}, where its central directory entry points`,
    );
  }
  const localFlags = zip.readUInt16LE(local + 6);
  const localMethod = zip.readUInt16LE(local + 8);
  const localCrc = zip.readUInt32LE(local + 14);
  const localCompressed = zip.readUInt32LE(local + 18);
  const localUncompressed = zip.readUInt32LE(local + 22);
  const localNameLength = zip.readUInt16LE(local + 26);
  const localExtraLength = zip.readUInt16LE(local + 28);
  const dataStart = local + LOCAL_SIZE + localNameLength + localExtraLength;
  if (dataStart > centralOffset) {
    return fail(`the zip is damaged: the local header of ${label} runs into the central directory`);
  }
  const localName = decodeName(
    zip.subarray(local + LOCAL_SIZE, local + LOCAL_SIZE + localNameLength),
    localFlags,
  );
  if (localName !== entry.name) {
    return fail(
      `the zip is damaged or crafted: the central directory names an entry ${label}, but its local header says ${printable(localName)}`,
    );
  }
  const localExtra = zip.subarray(local + LOCAL_SIZE + localNameLength, dataStart);
  if (
    hasExtraField(localExtra, ZIP64_EXTRA_ID) ||
    localCompressed === 0xffffffff ||
    localUncompressed === 0xffffffff
  ) {
    return fail(`${NO_ZIP64}: ${label} has a ZIP64 local header`);
  }
  if ((localFlags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    return fail(`${label} is encrypted; only unencrypted entries are read`);
  }
  if (localMethod !== entry.method) {
    return fail(
      `the zip is damaged or crafted: ${label} is compressed with method ${entry.method} by its central directory entry, ${localMethod} by its local header`,
    );
  }
  // With a data descriptor (bit 3), the local header may hold zeros: the central directory's
  // values are the ones used. Without one, both must say the same.
  if (
    (localFlags & FLAG_DATA_DESCRIPTOR) === 0 &&
    (localCrc !== entry.crc32 ||
      localCompressed !== entry.compressedSize ||
      localUncompressed !== entry.uncompressedSize)
  ) {
    return fail(
      `the zip is damaged or crafted: the local header of ${label} and its central directory entry disagree on its sizes or CRC-32`,
    );
  }
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > centralOffset) {
    return fail(
      `the zip is truncated or damaged: ${label}'s ${entry.compressedSize} bytes of data run past the start of the central directory`,
    );
  }

  const raw = zip.subarray(dataStart, dataEnd);
  let data: Buffer;
  if (entry.method === METHOD_STORED) {
    data = Buffer.from(raw);
  } else {
    try {
      // One byte over the declared size: enough to notice a stream that inflates to more than
      // it declares (a bomb with a lying header) without ever holding more than that.
      data = zlib.inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (error) {
      if (isCode(error, 'ERR_BUFFER_TOO_LARGE')) {
        return fail(
          `${label} inflates to more than the ${formatBytes(entry.uncompressedSize)} its header declares (a zip bomb, or a damaged zip); it was not inflated further`,
        );
      }
      return fail(
        `${label}'s compressed data is damaged: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (data.length !== entry.uncompressedSize) {
      return fail(
        `the zip is damaged: ${label} inflates to ${data.length} bytes, but its header declares ${entry.uncompressedSize}`,
      );
    }
  }
  const actual = crc32(data);
  if (actual !== entry.crc32) {
    return fail(`${label} is damaged: its CRC-32 is ${hex(actual)}, but the zip records ${hex(entry.crc32)}`);
  }
  return { ok: true, data };
}

// --- Helpers ---------------------------------------------------------------------------------

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * The offset of the End Of Central Directory record: searched backwards from the end, over at
 * most a maximal comment, for a signature whose comment length reaches exactly the end of the file.
 */
function findEndOfCentralDirectory(zip: Buffer): number | undefined {
  const last = zip.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (
      zip.readUInt32LE(at) === EOCD_SIGNATURE &&
      at + EOCD_SIZE + zip.readUInt16LE(at + 20) === zip.length
    ) {
      return at;
    }
  }
  return undefined;
}

function hasExtraField(extra: Buffer, id: number): boolean {
  let at = 0;
  while (at + 4 <= extra.length) {
    if (extra.readUInt16LE(at) === id) return true;
    at += 4 + extra.readUInt16LE(at + 2);
  }
  return false;
}

/** Code page 437, bytes 0x80 to 0xFF: the zip format's default name encoding. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(bytes: Buffer, flags: number): string {
  if ((flags & FLAG_UTF8) !== 0) return bytes.toString('utf8');
  let out = '';
  for (const byte of bytes) out += byte < 0x80 ? String.fromCharCode(byte) : (CP437_HIGH[byte - 0x80] ?? '?');
  return out;
}

/**
 * A name from the zip as a message shows it: as is when it is a plain path, else quoted, with
 * control and invisible characters escaped (names come from an untrusted zip); shortened.
 */
function printable(name: string): string {
  if (/^[A-Za-z0-9._/+-]{1,120}$/.test(name)) return name;
  const short = name.length > 120 ? `${name.slice(0, 119)}…` : name;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function listNames(entries: ZipEntry[]): string {
  const shown = entries.slice(0, 10).map((e) => printable(e.name));
  const more = entries.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** "300 MB", "12.5 KB", "900 bytes"; with the exact count when it would read like `other`. */
function formatBytes(bytes: number, other?: number): string {
  const round = (n: number): string => {
    const text = n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
    return text;
  };
  const short = (n: number): string =>
    n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${round(n / 1024)} KB` : `${round(n / (1024 * 1024))} MB`;
  const text = short(bytes);
  return other !== undefined && other !== bytes && short(other) === text && bytes >= 1024
    ? `${text} (${bytes} bytes)`
    : text;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

// --- CRC-32 ------------------------------------------------------------------------------------

/** zlib.crc32 exists from Node 20.15 and 22.2; the table below serves older ones. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, the zip's), computed with a table when zlib has no crc32. */
export function crc32(data: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(data) >>> 0;
  return tableCrc32(data);
}

/** The table implementation; exported for the tests that compare it with zlib's. */
export function tableCrc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
