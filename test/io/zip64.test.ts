// ZIP64 in src/io/zip.ts: the ZIP64 end-of-central-directory locator and record, and the ZIP64
// extended information extra field (0x0001) in central and local headers. The zips are written at
// test time by Python's zipfile (and read back by it, as a check on the fixture); the crafted
// cases are made by patching their bytes. The 70,000-entry OSV database is in
// test/vulns/offline-db.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listZipEntries, openZip, readZipEntry, type ZipEntryResult } from '../../src/io/zip.js';

const MB = 1024 * 1024;
const LIMIT = { maxEntryBytes: MB };
const REPORT = Buffer.concat([
  Buffer.from(JSON.stringify({ schemaVersion: '1.0', text: 'x'.repeat(5000) })),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
]);

const HAS_PYTHON = spawnSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' }).status === 0;
if (!HAS_PYTHON) process.stderr.write('warning: python3 is missing: the ZIP64 tests are skipped\n');
const describePython = HAS_PYTHON ? describe : describe.skip;

// Writes each fixture into argv[1]; report.json's content is in argv[2].
const PYTHON = String.raw`
import io, sys, zipfile
out, report = sys.argv[1], open(sys.argv[2], 'rb').read()
S, D = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED

def write(name, entries, stream=False, force_zip64=False, level=None):
    target = io.BytesIO()
    class Unseekable:  # no tell, no seek: zipfile writes data descriptors
        def write(self, b): return target.write(b)
        def flush(self): pass
    with zipfile.ZipFile(Unseekable() if stream else target, 'w') as z:
        for entry_name, data, method in entries:
            info = zipfile.ZipInfo(entry_name, date_time=(2026, 1, 2, 3, 4, 6))
            info.compress_type = method
            info._compresslevel = level
            with z.open(info, 'w', force_zip64=force_zip64) as f: f.write(data)
    data = target.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:  # the fixture itself is a valid zip
        assert z.testzip() is None, name
    open(out + '/' + name, 'wb').write(data)

# One entry, force_zip64: a ZIP64 local header; the central directory and end record are classic.
write('force-zip64.zip', [('report.json', report, D)], force_zip64=True)

# 65,535 entries: the most a classic end record counts (0xFFFF, which is then not a ZIP64 marker).
write('65535.zip', [('e%d' % i, b'', S) for i in range(65535)])

# Every limit at 0: every size and every offset but 0 goes to the ZIP64 extra field, and the
# end records are ZIP64 whatever the count.
zipfile.ZIP64_LIMIT = 0
zipfile.ZIP_FILECOUNT_LIMIT = 0
entries = [('a.txt', b'a', S), ('report.json', report, D), ('c.txt', b'c' * 100, D)]
write('all-zip64.zip', entries, force_zip64=True)
write('all-zip64-descriptor.zip', entries, stream=True, force_zip64=True)
write('bomb-zip64.zip', [('report.json', bytes(50 * 1024 * 1024), D)], force_zip64=True, level=9)
`;

let dir: string;
const fixture = (name: string): Buffer => Buffer.from(readFileSync(path.join(dir, name)));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-zip64-'));
  writeFileSync(path.join(dir, 'report.json'), REPORT);
  if (HAS_PYTHON) {
    const run = spawnSync('python3', ['-c', PYTHON, dir, path.join(dir, 'report.json')], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectData(result: ZipEntryResult, expected: Buffer): void {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  expect(result.data.equals(expected)).toBe(true);
}

function expectRefused(result: { ok: boolean; reason?: string }, reason: RegExp | string): void {
  if (result.ok) throw new Error('expected a refusal, it was read');
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
}

// --- Byte-level helpers (independent of src/io/zip.ts) -----------------------------------------

const U32_MAX = 0xffffffff;

function eocdOf(zip: Buffer): number {
  const at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0) throw new Error('no EOCD');
  return at;
}

/** The ZIP64 end record's offset (from the locator just before the EOCD), if there is one. */
function zip64RecordOf(zip: Buffer): number | undefined {
  const locator = eocdOf(zip) - 20;
  if (locator < 0 || zip.readUInt32LE(locator) !== 0x07064b50) return undefined;
  return Number(zip.readBigUInt64LE(locator + 8));
}

function centralOffsetOf(zip: Buffer): number {
  const record = zip64RecordOf(zip);
  return record === undefined ? zip.readUInt32LE(eocdOf(zip) + 16) : Number(zip.readBigUInt64LE(record + 48));
}

/** Offset of the central directory entry named `name`. */
function centralEntryOf(zip: Buffer, name: string): number {
  let at = centralOffsetOf(zip);
  for (;;) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central entry ${name}`);
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + nameLength).toString('utf8') === name) return at;
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}

/** Offset of the data of the ZIP64 extra field in the header at `at` (central or local). */
function zip64FieldOf(zip: Buffer, at: number, central: boolean): { data: number; size: number } {
  const fixed = central ? 46 : 30;
  const nameLength = zip.readUInt16LE(at + (central ? 28 : 26));
  const extraLength = zip.readUInt16LE(at + (central ? 30 : 28));
  let field = at + fixed + nameLength;
  const end = field + extraLength;
  while (field + 4 <= end) {
    if (zip.readUInt16LE(field) === 0x0001) return { data: field + 4, size: zip.readUInt16LE(field + 2) };
    field += 4 + zip.readUInt16LE(field + 2);
  }
  throw new Error('no ZIP64 extra field');
}

/** The local header offset of `name`, through the ZIP64 extra field when deferred to it. */
function localOf(zip: Buffer, name: string): number {
  const central = centralEntryOf(zip, name);
  const offset = zip.readUInt32LE(central + 42);
  if (offset !== U32_MAX) return offset;
  const { data } = zip64FieldOf(zip, central, true);
  return Number(zip.readBigUInt64LE(data + 16));
}

// --- Tests -------------------------------------------------------------------------------------

describePython('ZIP64 zips written by Python zipfile', () => {
  it('force_zip64, one entry: the local header defers its sizes to the ZIP64 extra field', () => {
    const zip = fixture('force-zip64.zip');
    const local = localOf(zip, 'report.json');
    expect(zip.readUInt32LE(local + 18)).toBe(U32_MAX);
    expect(zip.readUInt32LE(local + 22)).toBe(U32_MAX);
    expect(zip64FieldOf(zip, local, false).size).toBe(16);
    expectData(readZipEntry(zip, 'report.json', LIMIT), REPORT);
  });

  it('every size and offset in ZIP64 extra fields, and ZIP64 end records: every entry reads back', () => {
    const zip = fixture('all-zip64.zip');
    // The fixture is what it says: sizes (and, but for the first entry, offsets) deferred.
    const first = centralEntryOf(zip, 'a.txt');
    expect([zip.readUInt32LE(first + 20), zip.readUInt32LE(first + 24)]).toEqual([U32_MAX, U32_MAX]);
    expect(zip64FieldOf(zip, first, true).size).toBe(16);
    const report = centralEntryOf(zip, 'report.json');
    expect(zip.readUInt32LE(report + 42)).toBe(U32_MAX);
    expect(zip64FieldOf(zip, report, true).size).toBe(24);
    expect(zip64RecordOf(zip)).toBeDefined();

    const opened = openZip(zip);
    if (!opened.ok) throw new Error(opened.reason);
    expect(
      opened.entries.map((e) => [
        e.name,
        e.method,
        e.compressedSize,
        e.uncompressedSize,
        e.localHeaderOffset,
      ]),
    ).toEqual([
      ['a.txt', 0, 1, 1, 0],
      ['report.json', 8, expect.any(Number), REPORT.length, localOf(zip, 'report.json')],
      ['c.txt', 8, expect.any(Number), 100, localOf(zip, 'c.txt')],
    ]);
    const [a, r, c] = opened.entries;
    expectData(opened.read(a!, LIMIT), Buffer.from('a'));
    expectData(opened.read(r!, LIMIT), REPORT);
    expectData(opened.read(c!, LIMIT), Buffer.from('c'.repeat(100)));
    // Read twice, in another order: the same bytes.
    expectData(opened.read(r!, LIMIT), REPORT);
    expectData(opened.read(a!, LIMIT), Buffer.from('a'));
  });

  it('written to an unseekable stream: ZIP64 data descriptors, the local header sizes unused', () => {
    const zip = fixture('all-zip64-descriptor.zip');
    const local = localOf(zip, 'report.json');
    expect(zip.readUInt16LE(local + 6) & 0x0008).toBe(0x0008);
    expectData(readZipEntry(zip, 'report.json', LIMIT), REPORT);
    expectData(readZipEntry(zip, 'c.txt', LIMIT), Buffer.from('c'.repeat(100)));
  });

  it('65,535 entries without ZIP64: a count of 0xFFFF is a count, not a marker', () => {
    const zip = fixture('65535.zip');
    expect(zip.readUInt16LE(eocdOf(zip) + 10)).toBe(0xffff);
    expect(zip64RecordOf(zip)).toBeUndefined();
    const listed = listZipEntries(zip);
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.entries).toHaveLength(65535);
    expectData(readZipEntry(zip, 'e65534', LIMIT), Buffer.alloc(0));
  });

  describe('a ZIP64 deflate bomb (50 MB of zeros in about 50 KB)', () => {
    it('is refused by its declared size, before inflating', () => {
      const zip = fixture('bomb-zip64.zip');
      expect(zip.length).toBeLessThan(100 * 1024);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        'report.json is 50 MB uncompressed, above the 1 MB limit',
      );
    });

    it('with ZIP64 sizes that lie (1000 bytes declared): stops at 1001 bytes, never holding 50 MB', () => {
      const zip = fixture('bomb-zip64.zip');
      const central = centralEntryOf(zip, 'report.json');
      const local = localOf(zip, 'report.json');
      // The first ZIP64 field is the uncompressed size, in both headers.
      zip.writeBigUInt64LE(1000n, zip64FieldOf(zip, central, true).data);
      zip.writeBigUInt64LE(1000n, zip64FieldOf(zip, local, false).data);
      const before = process.memoryUsage().arrayBuffers;
      const result = readZipEntry(zip, 'report.json', LIMIT);
      const grown = process.memoryUsage().arrayBuffers - before;
      expectRefused(
        result,
        'report.json inflates to more than the 1000 bytes its header declares (a zip bomb, or a damaged zip); it was not inflated further',
      );
      expect(grown).toBeLessThan(8 * MB);
    });
  });

  describe('crafted and damaged ZIP64 values', () => {
    it("an entry's ZIP64 offset outside the zip: that entry refused, the others read", () => {
      const zip = fixture('all-zip64.zip');
      const field = zip64FieldOf(zip, centralEntryOf(zip, 'report.json'), true);
      zip.writeBigUInt64LE(2n ** 40n, field.data + 16);
      const opened = openZip(zip);
      if (!opened.ok) throw new Error(opened.reason);
      const [a, r] = opened.entries;
      expectRefused(
        opened.read(r!, LIMIT),
        `the zip is damaged or crafted: the central directory entry of report.json puts its local header at offset ${2 ** 40}, outside the zip's entries (past the end of the zip, ${zip.length} bytes)`,
      );
      expectData(opened.read(a!, LIMIT), Buffer.from('a'));
    });

    it("an entry's ZIP64 offset inside the zip but into the central directory", () => {
      const zip = fixture('all-zip64.zip');
      const field = zip64FieldOf(zip, centralEntryOf(zip, 'report.json'), true);
      const centralOffset = centralOffsetOf(zip);
      zip.writeBigUInt64LE(BigInt(centralOffset + 10), field.data + 16);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        `the zip is damaged or crafted: the central directory entry of report.json puts its local header at offset ${centralOffset + 10}, outside the zip's entries (the central directory starts at offset ${centralOffset})`,
      );
    });

    it('a ZIP64 value above Number.MAX_SAFE_INTEGER: the zip refused', () => {
      const zip = fixture('all-zip64.zip');
      const field = zip64FieldOf(zip, centralEntryOf(zip, 'report.json'), true);
      zip.writeBigUInt64LE(2n ** 63n, field.data + 16);
      expectRefused(
        openZip(zip),
        'the zip is damaged or crafted: the ZIP64 extra field of the central directory entry of report.json gives its local header offset as 9223372036854775808, above 9007199254740991 (no zip is that large)',
      );
      const sized = fixture('all-zip64.zip');
      sized.writeBigUInt64LE(2n ** 53n, field.data);
      expectRefused(
        listZipEntries(sized),
        'the zip is damaged or crafted: the ZIP64 extra field of the central directory entry of report.json gives its uncompressed size as 9007199254740992, above 9007199254740991 (no zip is that large)',
      );
    });

    it('a ZIP64 compressed size past the end of the zip: refused when read', () => {
      const zip = fixture('all-zip64.zip');
      const central = centralEntryOf(zip, 'report.json');
      zip.writeBigUInt64LE(2n ** 50n, zip64FieldOf(zip, central, true).data + 8);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        // The local header (its own ZIP64 sizes) disagrees first.
        'the zip is damaged or crafted: the local header of report.json and its central directory entry disagree on its sizes or CRC-32',
      );
      const local = localOf(zip, 'report.json');
      zip.writeBigUInt64LE(2n ** 50n, zip64FieldOf(zip, local, false).data + 8);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        `the zip is truncated or damaged: report.json's ${2 ** 50} bytes of data run past the start of the central directory`,
      );
    });

    it('a ZIP64 extra field too short for the fields deferred to it', () => {
      const zip = fixture('all-zip64.zip');
      const field = zip64FieldOf(zip, centralEntryOf(zip, 'report.json'), true);
      zip.writeUInt16LE(8, field.data - 2);
      expectRefused(
        openZip(zip),
        'the zip is damaged: the ZIP64 extra field of the central directory entry of report.json is 8 bytes, too short to hold its compressed size',
      );
    });

    it('a ZIP64 extra field that runs past the extra data', () => {
      const zip = fixture('all-zip64.zip');
      const field = zip64FieldOf(zip, centralEntryOf(zip, 'report.json'), true);
      zip.writeUInt16LE(200, field.data - 2);
      expectRefused(
        openZip(zip),
        'the zip is damaged: the extra field 0x0001 of the central directory entry of report.json runs past the end of its extra data',
      );
    });

    it('0xFFFFFFFF fields with no ZIP64 extra field', () => {
      const zip = fixture('all-zip64.zip');
      const field = zip64FieldOf(zip, centralEntryOf(zip, 'report.json'), true);
      zip.writeUInt16LE(0xcafe, field.data - 4);
      expectRefused(
        openZip(zip),
        'the zip is damaged: the central directory entry of report.json defers its sizes or offset to a ZIP64 extra field (0xffffffff), but has none',
      );
    });

    it('a local header whose ZIP64 sizes disagree with the central directory', () => {
      const zip = fixture('force-zip64.zip');
      const local = localOf(zip, 'report.json');
      zip.writeBigUInt64LE(BigInt(REPORT.length + 1), zip64FieldOf(zip, local, false).data);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        'the zip is damaged or crafted: the local header of report.json and its central directory entry disagree on its sizes or CRC-32',
      );
    });

    it('the ZIP64 end record puts the central directory outside the zip', () => {
      const zip = fixture('all-zip64.zip');
      const record = zip64RecordOf(zip)!;
      zip.writeBigUInt64LE(2n ** 40n, record + 48);
      zip.writeUInt32LE(U32_MAX, eocdOf(zip) + 16); // the classic record defers to it
      expectRefused(
        openZip(zip),
        `the zip is truncated or damaged: its ZIP64 end-of-central-directory record puts the central directory at offset ${2 ** 40}, past the end of the zip (${zip.length} bytes)`,
      );
    });

    it('the ZIP64 end record and the classic one disagree', () => {
      const zip = fixture('all-zip64.zip');
      const record = zip64RecordOf(zip)!;
      const offset = centralOffsetOf(zip);
      zip.writeBigUInt64LE(BigInt(offset - 1), record + 48);
      expectRefused(
        openZip(zip),
        `the zip is damaged or crafted: its end-of-central-directory record gives the central directory's offset as ${offset}, its ZIP64 end-of-central-directory record as ${offset - 1}`,
      );
      const counted = fixture('all-zip64.zip');
      counted.writeBigUInt64LE(4n, record + 24);
      counted.writeBigUInt64LE(4n, record + 32);
      expectRefused(
        openZip(counted),
        'the zip is damaged or crafted: its end-of-central-directory record gives the entries on this disk as 3, its ZIP64 end-of-central-directory record as 4',
      );
    });

    it('a ZIP64 entry count the central directory does not hold', () => {
      const zip = fixture('all-zip64.zip');
      const record = zip64RecordOf(zip)!;
      const eocd = eocdOf(zip);
      zip.writeUInt16LE(0xffff, eocd + 8);
      zip.writeUInt16LE(0xffff, eocd + 10);
      zip.writeBigUInt64LE(1_000_000n, record + 24);
      zip.writeBigUInt64LE(1_000_000n, record + 32);
      expectRefused(
        openZip(zip),
        /^the zip is damaged: its central directory lists 1000000 entries, but entry 4 is not where it should be/,
      );
    });

    it('the locator points outside the zip, or where there is no ZIP64 end record', () => {
      const zip = fixture('all-zip64.zip');
      const locator = eocdOf(zip) - 20;
      zip.writeBigUInt64LE(2n ** 40n, locator + 8);
      expectRefused(
        openZip(zip),
        `the zip is truncated or damaged: its ZIP64 end-of-central-directory locator points at offset ${2 ** 40}, past the end of the zip (${zip.length} bytes)`,
      );
      zip.writeBigUInt64LE(2n ** 64n - 1n, locator + 8);
      expectRefused(
        openZip(zip),
        'the zip is damaged or crafted: its ZIP64 end-of-central-directory locator gives the offset of the ZIP64 end-of-central-directory record as 18446744073709551615, above 9007199254740991 (no zip is that large)',
      );
      zip.writeBigUInt64LE(0n, locator + 8);
      expectRefused(
        openZip(zip),
        'the zip is damaged: its ZIP64 end-of-central-directory locator points at offset 0, where there is no ZIP64 end-of-central-directory record',
      );
    });

    it('a ZIP64 end record on another disk: multi-disk', () => {
      const zip = fixture('all-zip64.zip');
      zip.writeUInt32LE(2, eocdOf(zip) - 20 + 16);
      expectRefused(openZip(zip), 'multi-disk (split or spanned) zips are not supported');
    });

    it('the classic end record says ZIP64 (0xFFFFFFFF) but there is no locator', () => {
      const zip = fixture('force-zip64.zip');
      zip.writeUInt32LE(U32_MAX, eocdOf(zip) + 16);
      expectRefused(
        openZip(zip),
        'the zip is truncated or damaged: its end-of-central-directory record marks it as ZIP64 (0xffffffff), but there is no ZIP64 end-of-central-directory locator before it',
      );
    });

    it('a ZIP64 end record too small, or bytes between it and its locator or the central directory', () => {
      const zip = fixture('all-zip64.zip');
      const record = zip64RecordOf(zip)!;
      const locator = eocdOf(zip) - 20;
      zip.writeBigUInt64LE(40n, record + 4);
      expectRefused(
        openZip(zip),
        `the zip is damaged: its ZIP64 end-of-central-directory record says it is 52 bytes, which does not fit between offset ${record} and its locator at offset ${locator}`,
      );
      const original = fixture('all-zip64.zip');
      const gap = Buffer.concat([original.subarray(0, locator), Buffer.alloc(4), original.subarray(locator)]);
      expectRefused(
        openZip(gap),
        'the zip is damaged or has data it does not account for: 4 bytes between its ZIP64 end-of-central-directory record and its locator',
      );
      const short = fixture('all-zip64.zip');
      const size = short.readBigUInt64LE(record + 40);
      short.writeBigUInt64LE(size - 2n, record + 40);
      short.writeUInt32LE(U32_MAX, eocdOf(short) + 12);
      expectRefused(
        openZip(short),
        'the zip is damaged or has data it does not account for: 2 bytes between its central directory and its ZIP64 end-of-central-directory record',
      );
    });
  });
});
