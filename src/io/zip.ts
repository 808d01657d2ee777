/**
 * Reads entries out of a zip held in memory, defensively: for the pr-comment action (the report
 * artifact it downloads was produced by a run it does not trust, a fork's pull request) and for an
 * offline OSV database (OSV's per-ecosystem all.zip, tens of thousands of entries, ZIP64 when it
 * holds more than 65,535). Everything is bounded, and refused with a plain-words reason whenever
 * the zip is anything but a plain zip.
 *
 * Pure: a Buffer in, Buffers or a reason out. No file system, no streams, no extraction to disk.
 *
 * What is read: the End Of Central Directory record (searched backwards over the comment), the
 * ZIP64 end-of-central-directory locator and record when there are (they then give the entry
 * count and the central directory's size and offset), the central directory, and each entry's
 * local header and data. Sizes, CRC and method come from the central directory (so entries
 * written with a data descriptor, sizes after the data, read fine); the local header must agree
 * with it. A ZIP64 extended information extra field (0x0001) gives the sizes and offset whose
 * 32-bit fields hold 0xFFFFFFFF (and the disk whose 16-bit field holds 0xFFFF), in the order of
 * APPNOTE 4.5.3, only those fields being present. Stored (0) and deflate (8) entries are read;
 * deflate is inflated with an output cap one byte above the declared size, so a zip bomb (or a
 * size that lies) stops at the cap instead of filling memory, and the CRC-32 of the result is
 * checked.
 *
 * Refused: anything that is not a zip, truncated or damaged zips (an offset or size outside the
 * zip, a 64-bit value above Number.MAX_SAFE_INTEGER, end records that disagree), multi-disk zips,
 * encrypted entries, other compression methods, an entry above the size limit, and a zip holding
 * two entries with the same name (which one is meant would depend on the reader).
 *
 * openZip parses the central directory once and reads any number of entries from it; readZipEntry
 * and listZipEntries are the one-shot forms.
 */
import { constants as bufferConstants } from 'node:buffer';
import * as zlib from 'node:zlib';

export interface ZipLimits {
  /** The largest uncompressed size of the entry that is read, in bytes. */
  maxEntryBytes: number;
}

/** One entry of the central directory, with its ZIP64 values resolved. */
export interface ZipEntry {
  /** The name as the central directory gives it (UTF-8 when flagged, else code page 437). */
  readonly name: string;
  /** 0 stored, 8 deflate; other methods are listed but not read. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc32: number;
  /** The general purpose bit flags. */
  readonly flags: number;
  /** Where the entry's local header starts. */
  readonly localHeaderOffset: number;
}

export type ZipEntryResult = { ok: true; data: Buffer } | { ok: false; reason: string };
export type ZipListResult = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

/** A zip whose central directory has been read: its entries, and a reader for them. */
export interface OpenZip {
  /** The entries, in central directory order (frozen). */
  readonly entries: readonly ZipEntry[];
  /**
   * The uncompressed bytes of `entry` (a fresh Buffer, not a view of the zip), or why not, in
   * plain words that name the entry. `entry` must be one of `entries` (the same object).
   */
  read(entry: ZipEntry, limits: ZipLimits): ZipEntryResult;
}

export type ZipOpenResult = ({ ok: true } & OpenZip) | { ok: false; reason: string };

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
/** The fixed part of the ZIP64 end record; its size field counts what follows its first 12 bytes. */
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

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

/** A refusal thrown by the helpers below, and turned into `{ ok: false }` by openZip and read. */
class Refusal extends Error {}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

/**
 * Reads the central directory (and the ZIP64 end records when there are) once. Refuses what is
 * wrong with the whole zip (not a zip, truncated, damaged end records or central directory,
 * multi-disk, duplicate names); per-entry problems (encryption, method, size, a damaged local
 * header or data) are only refused when that entry is read.
 */
export function openZip(zip: Buffer): ZipOpenResult {
  let parsed: { entries: ZipEntry[]; centralOffset: number };
  try {
    parsed = parseCentralDirectory(zip);
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message);
    throw error;
  }
  const { centralOffset } = parsed;
  const entries = Object.freeze(parsed.entries);
  const known = new Set<ZipEntry>(entries);
  return {
    ok: true,
    entries,
    read(entry: ZipEntry, limits: ZipLimits): ZipEntryResult {
      if (!known.has(entry)) {
        return fail(`${printable(entry.name)} is not an entry of this zip (an entry of another zip?)`);
      }
      try {
        return { ok: true, data: readEntry(zip, entry, centralOffset, limits) };
      } catch (error) {
        if (error instanceof Refusal) return fail(error.message);
        throw error;
      }
    },
  };
}

/** The entries of the central directory: what openZip lists, or why the zip is refused. */
export function listZipEntries(zip: Buffer): ZipListResult {
  const opened = openZip(zip);
  return opened.ok ? { ok: true, entries: [...opened.entries] } : opened;
}

/**
 * The uncompressed bytes of the entry named exactly `name` (a fresh Buffer, not a view of `zip`),
 * or why not, in plain words that name the entry.
 */
export function readZipEntry(zip: Buffer, name: string, limits: ZipLimits): ZipEntryResult {
  const opened = openZip(zip);
  if (!opened.ok) return opened;
  const { entries } = opened;
  const entry = entries.find((e) => e.name === name);
  if (!entry) {
    const label = printable(name);
    return fail(
      entries.length === 0
        ? `the zip has no ${label}: it is empty`
        : `the zip has no ${label} (it holds: ${listNames(entries)})`,
    );
  }
  return opened.read(entry, limits);
}

// --- The end records and the central directory --------------------------------------------------

interface EndRecord {
  disk: number;
  centralDisk: number;
  entriesOnDisk: number;
  count: number;
  centralSize: number;
  centralOffset: number;
}

function parseCentralDirectory(zip: Buffer): { entries: ZipEntry[]; centralOffset: number } {
  if (zip.length === 0) refuse('not a zip file: it is empty');
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd === undefined) {
    refuse(
      zip.length >= 4 && zip.readUInt32LE(0) === LOCAL_SIGNATURE
        ? `the zip is truncated or damaged: it starts like a zip, but has no end-of-central-directory record (${formatBytes(zip.length)} long)`
        : 'not a zip file: no end-of-central-directory record',
    );
  }
  const classic: EndRecord = {
    disk: zip.readUInt16LE(eocd + 4),
    centralDisk: zip.readUInt16LE(eocd + 6),
    entriesOnDisk: zip.readUInt16LE(eocd + 8),
    count: zip.readUInt16LE(eocd + 10),
    centralSize: zip.readUInt32LE(eocd + 12),
    centralOffset: zip.readUInt32LE(eocd + 16),
  };
  const locator = eocd - ZIP64_EOCD_LOCATOR_SIZE;
  let end: EndRecord;
  /** Where the central directory must end, and what is there. */
  let directoryEnd: number;
  let endName: string;
  if (locator >= 0 && zip.readUInt32LE(locator) === ZIP64_EOCD_LOCATOR_SIGNATURE) {
    directoryEnd = findZip64EndRecord(zip, locator);
    end = readZip64EndRecord(zip, directoryEnd, classic);
    endName = 'ZIP64 end-of-central-directory record';
  } else {
    // Without the ZIP64 records, 0xFFFF entries is a count like any other (65,535 entries), but no
    // zip this reader can hold has a central directory of 0xFFFFFFFF bytes, or at that offset.
    if (classic.centralSize === U32_MAX || classic.centralOffset === U32_MAX) {
      refuse(
        'the zip is truncated or damaged: its end-of-central-directory record marks it as ZIP64 (0xffffffff), but there is no ZIP64 end-of-central-directory locator before it',
      );
    }
    end = classic;
    directoryEnd = eocd;
    endName = 'end-of-central-directory record';
  }
  const { count, centralSize, centralOffset } = end;
  if (end.disk !== 0 || end.centralDisk !== 0 || end.entriesOnDisk !== count) {
    refuse('multi-disk (split or spanned) zips are not supported');
  }
  if (centralOffset > zip.length) {
    refuse(
      `the zip is truncated or damaged: its ${endName} puts the central directory at offset ${centralOffset}, past the end of the zip (${zip.length} bytes)`,
    );
  }
  if (centralOffset + centralSize > directoryEnd) {
    refuse(
      `the zip is truncated or damaged: its central directory (${centralSize} bytes at offset ${centralOffset}) runs past the ${endName} at offset ${directoryEnd}`,
    );
  }
  if (centralOffset + centralSize !== directoryEnd) {
    refuse(
      `the zip is damaged or has data it does not account for: ${directoryEnd - centralOffset - centralSize} bytes between its central directory and its ${endName}`,
    );
  }

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > directoryEnd || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      refuse(
        `the zip is damaged: its central directory lists ${count} entries, but entry ${i + 1} is not where it should be (offset ${at})`,
      );
    }
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc32 = zip.readUInt32LE(at + 16);
    let compressedSize = zip.readUInt32LE(at + 20);
    let uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    let startDisk = zip.readUInt16LE(at + 34);
    let localHeaderOffset = zip.readUInt32LE(at + 42);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > directoryEnd) {
      refuse(`the zip is damaged: entry ${i + 1} of its central directory runs past the directory's end`);
    }
    const nameEnd = at + CENTRAL_SIZE + nameLength;
    const name = decodeName(zip.subarray(at + CENTRAL_SIZE, nameEnd), flags);
    if (
      uncompressedSize === U32_MAX ||
      compressedSize === U32_MAX ||
      localHeaderOffset === U32_MAX ||
      startDisk === U16_MAX
    ) {
      const fields = zip64Fields(
        zip.subarray(nameEnd, nameEnd + extraLength),
        name,
        'central directory entry',
      );
      if (uncompressedSize === U32_MAX) uncompressedSize = fields.next('uncompressed size');
      if (compressedSize === U32_MAX) compressedSize = fields.next('compressed size');
      if (localHeaderOffset === U32_MAX) localHeaderOffset = fields.next('local header offset');
      if (startDisk === U16_MAX) startDisk = fields.nextDisk();
    }
    if (startDisk !== 0) refuse('multi-disk (split or spanned) zips are not supported');
    if (seen.has(name)) {
      refuse(
        `the zip holds two entries named ${printable(name)}: which one is meant is ambiguous, so the zip is refused`,
      );
    }
    seen.add(name);
    entries.push(
      Object.freeze({ name, method, compressedSize, uncompressedSize, crc32, flags, localHeaderOffset }),
    );
    at = next;
  }
  if (at !== directoryEnd) {
    refuse(
      `the zip is damaged: its central directory is ${centralSize} bytes, but its ${count} entries take ${at - centralOffset}`,
    );
  }
  return { entries, centralOffset };
}

/** The offset of the ZIP64 end record the locator (at `locator`) points at, checked. */
function findZip64EndRecord(zip: Buffer, locator: number): number {
  const recordDisk = zip.readUInt32LE(locator + 4);
  const disks = zip.readUInt32LE(locator + 16);
  // Some writers put 0 for "one disk"; anything more is a split zip.
  if (recordDisk !== 0 || disks > 1) refuse('multi-disk (split or spanned) zips are not supported');
  const record = readU64(
    zip,
    locator + 8,
    'its ZIP64 end-of-central-directory locator gives the offset of the ZIP64 end-of-central-directory record as',
  );
  if (record >= zip.length) {
    refuse(
      `the zip is truncated or damaged: its ZIP64 end-of-central-directory locator points at offset ${record}, past the end of the zip (${zip.length} bytes)`,
    );
  }
  if (record + ZIP64_EOCD_SIZE > locator || zip.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE) {
    refuse(
      `the zip is damaged: its ZIP64 end-of-central-directory locator points at offset ${record}, where there is no ZIP64 end-of-central-directory record`,
    );
  }
  const size = readU64(zip, record + 4, 'its ZIP64 end-of-central-directory record gives its own size as');
  const recordEnd = record + 12 + size;
  if (size < ZIP64_EOCD_SIZE - 12 || recordEnd > locator) {
    refuse(
      `the zip is damaged: its ZIP64 end-of-central-directory record says it is ${size + 12} bytes, which does not fit between offset ${record} and its locator at offset ${locator}`,
    );
  }
  if (recordEnd !== locator) {
    refuse(
      `the zip is damaged or has data it does not account for: ${locator - recordEnd} bytes between its ZIP64 end-of-central-directory record and its locator`,
    );
  }
  return record;
}

/**
 * The ZIP64 end record's values. Where the classic end record holds a value rather than the
 * 0xFFFF/0xFFFFFFFF that defers to ZIP64, both must agree: two readers of the zip must not see
 * two different central directories.
 */
function readZip64EndRecord(zip: Buffer, record: number, classic: EndRecord): EndRecord {
  const what = 'its ZIP64 end-of-central-directory record gives';
  const end: EndRecord = {
    disk: zip.readUInt32LE(record + 16),
    centralDisk: zip.readUInt32LE(record + 20),
    entriesOnDisk: readU64(zip, record + 24, `${what} the entries on this disk as`),
    count: readU64(zip, record + 32, `${what} the entry count as`),
    centralSize: readU64(zip, record + 40, `${what} the central directory's size as`),
    centralOffset: readU64(zip, record + 48, `${what} the central directory's offset as`),
  };
  const fields: [keyof EndRecord, string, number][] = [
    ['disk', 'the disk number', U16_MAX],
    ['centralDisk', "the central directory's disk", U16_MAX],
    ['entriesOnDisk', 'the entries on this disk', U16_MAX],
    ['count', 'the entry count', U16_MAX],
    ['centralSize', "the central directory's size", U32_MAX],
    ['centralOffset', "the central directory's offset", U32_MAX],
  ];
  for (const [key, label, sentinel] of fields) {
    if (classic[key] !== sentinel && classic[key] !== end[key]) {
      refuse(
        `the zip is damaged or crafted: its end-of-central-directory record gives ${label} as ${classic[key]}, its ZIP64 end-of-central-directory record as ${end[key]}`,
      );
    }
  }
  return end;
}

/**
 * The fields of the ZIP64 extended information extra field (0x0001) of `extra`, read in order:
 * each `next` call takes the next 8-byte value, `nextDisk` the 4-byte disk number.
 */
function zip64Fields(
  extra: Buffer,
  name: string,
  header: string,
): { next(what: string): number; nextDisk(): number } {
  const label = printable(name);
  const field = findExtraField(extra, ZIP64_EXTRA_ID, label, header);
  if (!field) {
    refuse(
      `the zip is damaged: the ${header} of ${label} defers its sizes or offset to a ZIP64 extra field (0xffffffff), but has none`,
    );
  }
  let at = 0;
  const take = (bytes: number, what: string): number => {
    if (at + bytes > field.length) {
      refuse(
        `the zip is damaged: the ZIP64 extra field of the ${header} of ${label} is ${field.length} bytes, too short to hold its ${what}`,
      );
    }
    const start = at;
    at += bytes;
    return start;
  };
  return {
    next: (what) =>
      readU64(
        field,
        take(8, what),
        `the ZIP64 extra field of the ${header} of ${label} gives its ${what} as`,
      ),
    nextDisk: () => field.readUInt32LE(take(4, 'disk number')),
  };
}

/** A little-endian 64-bit value, refused above Number.MAX_SAFE_INTEGER. */
function readU64(buffer: Buffer, at: number, saying: string): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    refuse(
      `the zip is damaged or crafted: ${saying} ${value}, above ${Number.MAX_SAFE_INTEGER} (no zip is that large)`,
    );
  }
  return Number(value);
}

// --- One entry ----------------------------------------------------------------------------------

function readEntry(zip: Buffer, entry: ZipEntry, centralOffset: number, limits: ZipLimits): Buffer {
  const label = printable(entry.name);
  if ((entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) !== 0) {
    refuse(`${label} is encrypted; only unencrypted entries are read`);
  }
  if (entry.method === METHOD_AES) refuse(`${label} is encrypted (AES); only unencrypted entries are read`);
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    const known = METHOD_NAMES[entry.method];
    refuse(
      `${label} is compressed with method ${entry.method}${known ? ` (${known})` : ''}; only stored (0) and deflate (8) entries are read`,
    );
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    refuse(
      `${label} is ${formatBytes(entry.uncompressedSize, limits.maxEntryBytes)} uncompressed, above the ${formatBytes(limits.maxEntryBytes, entry.uncompressedSize)} limit`,
    );
  }
  if (entry.uncompressedSize >= bufferConstants.MAX_LENGTH) {
    refuse(`${label} is ${formatBytes(entry.uncompressedSize)} uncompressed, more than a Buffer can hold`);
  }
  if (entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) {
    refuse(
      `the zip is damaged: ${label} is stored (not compressed), yet its sizes differ (${entry.compressedSize} bytes stored, ${entry.uncompressedSize} bytes declared)`,
    );
  }

  // The local header: it must be there, and agree with the central directory.
  const local = entry.localHeaderOffset;
  if (local >= centralOffset) {
    refuse(
      `the zip is damaged or crafted: the central directory entry of ${label} puts its local header at offset ${local}, outside the zip's entries (${local >= zip.length ? `past the end of the zip, ${zip.length} bytes` : `the central directory starts at offset ${centralOffset}`})`,
    );
  }
  if (local + LOCAL_SIZE > centralOffset || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    refuse(
      `the zip is damaged: the local header of ${label} is not at offset ${local}, where its central directory entry points`,
    );
  }
  const localFlags = zip.readUInt16LE(local + 6);
  const localMethod = zip.readUInt16LE(local + 8);
  const localCrc = zip.readUInt32LE(local + 14);
  let localCompressed = zip.readUInt32LE(local + 18);
  let localUncompressed = zip.readUInt32LE(local + 22);
  const localNameLength = zip.readUInt16LE(local + 26);
  const localExtraLength = zip.readUInt16LE(local + 28);
  const dataStart = local + LOCAL_SIZE + localNameLength + localExtraLength;
  if (dataStart > centralOffset) {
    refuse(`the zip is damaged: the local header of ${label} runs into the central directory`);
  }
  const localName = decodeName(
    zip.subarray(local + LOCAL_SIZE, local + LOCAL_SIZE + localNameLength),
    localFlags,
  );
  if (localName !== entry.name) {
    refuse(
      `the zip is damaged or crafted: the central directory names an entry ${label}, but its local header says ${printable(localName)}`,
    );
  }
  if ((localFlags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    refuse(`${label} is encrypted; only unencrypted entries are read`);
  }
  if (localMethod !== entry.method) {
    refuse(
      `the zip is damaged or crafted: ${label} is compressed with method ${entry.method} by its central directory entry, ${localMethod} by its local header`,
    );
  }
  // With a data descriptor (bit 3), the local header may hold zeros (or 0xFFFFFFFF and a ZIP64
  // extra field of zeros): the central directory's values are the ones used. Without one, both
  // must say the same.
  if ((localFlags & FLAG_DATA_DESCRIPTOR) === 0) {
    if (localUncompressed === U32_MAX || localCompressed === U32_MAX) {
      const fields = zip64Fields(
        zip.subarray(local + LOCAL_SIZE + localNameLength, dataStart),
        entry.name,
        'local header',
      );
      if (localUncompressed === U32_MAX) localUncompressed = fields.next('uncompressed size');
      if (localCompressed === U32_MAX) localCompressed = fields.next('compressed size');
    }
    if (
      localCrc !== entry.crc32 ||
      localCompressed !== entry.compressedSize ||
      localUncompressed !== entry.uncompressedSize
    ) {
      refuse(
        `the zip is damaged or crafted: the local header of ${label} and its central directory entry disagree on its sizes or CRC-32`,
      );
    }
  }
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > centralOffset) {
    refuse(
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
        refuse(
          `${label} inflates to more than the ${formatBytes(entry.uncompressedSize)} its header declares (a zip bomb, or a damaged zip); it was not inflated further`,
        );
      }
      refuse(
        `${label}'s compressed data is damaged: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (data.length !== entry.uncompressedSize) {
      refuse(
        `the zip is damaged: ${label} inflates to ${data.length} bytes, but its header declares ${entry.uncompressedSize}`,
      );
    }
  }
  const actual = crc32(data);
  if (actual !== entry.crc32) {
    refuse(`${label} is damaged: its CRC-32 is ${hex(actual)}, but the zip records ${hex(entry.crc32)}`);
  }
  return data;
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

/** The data of the extra field `id` in `extra`, if there is one; refused if it runs past the extra data. */
function findExtraField(extra: Buffer, id: number, label: string, header: string): Buffer | undefined {
  let at = 0;
  while (at + 4 <= extra.length) {
    const size = extra.readUInt16LE(at + 2);
    if (extra.readUInt16LE(at) === id) {
      if (at + 4 + size > extra.length) {
        refuse(
          `the zip is damaged: the extra field 0x${id.toString(16).padStart(4, '0')} of the ${header} of ${label} runs past the end of its extra data`,
        );
      }
      return extra.subarray(at + 4, at + 4 + size);
    }
    at += 4 + size;
  }
  return undefined;
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

function listNames(entries: readonly ZipEntry[]): string {
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
