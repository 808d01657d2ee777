// src/io/zip.ts reads entries out of an untrusted zip. The zips are written at test time by
// independent tools (Python's zipfile and, when installed, Info-ZIP's zip) and, for the crafted
// cases no tool writes, by a small writer below; damaged ones are made by patching bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  crc32,
  listZipEntries,
  openZip,
  readZipEntry,
  tableCrc32,
  type ZipEntryResult,
} from '../../src/io/zip.js';

const MB = 1024 * 1024;
const LIMIT = { maxEntryBytes: MB };

/** report.json's content in the fixtures: JSON text with every byte value after it. */
const REPORT = Buffer.concat([
  Buffer.from(JSON.stringify({ schemaVersion: '1.0', text: 'x'.repeat(5000) })),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
]);

const HAS_PYTHON = spawnSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' }).status === 0;
const HAS_ZIP = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;
if (!HAS_PYTHON) process.stderr.write('warning: python3 is missing: the zipfile-made fixtures are skipped\n');
if (!HAS_ZIP) process.stderr.write('warning: zip is missing: the Info-ZIP-made fixtures are skipped\n');
const describePython = HAS_PYTHON ? describe : describe.skip;
const describeInfoZip = HAS_ZIP ? describe : describe.skip;

// Writes each fixture into argv[1] (a directory); report.json's content is in argv[2].
const PYTHON = String.raw`
import io, sys, warnings, zipfile
out, report = sys.argv[1], open(sys.argv[2], 'rb').read()

def write(name, entries, comment=b'', stream=False, level=None):
    target = io.BytesIO()
    class Unseekable:  # no tell, no seek: zipfile writes data descriptors
        def write(self, b): return target.write(b)
        def flush(self): pass
    with zipfile.ZipFile(Unseekable() if stream else target, 'w') as z:
        for entry_name, data, method in entries:
            info = zipfile.ZipInfo(entry_name, date_time=(2026, 1, 2, 3, 4, 6))
            info.compress_type = method
            info._compresslevel = level  # a ZipInfo does not take the ZipFile's level
            if stream:
                with z.open(info, 'w') as f: f.write(data)
            else:
                z.writestr(info, data)
        z.comment = comment
    open(out + '/' + name, 'wb').write(target.getvalue())

S, D = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
write('stored.zip', [('a.txt', b'a', S), ('report.json', report, S)])
write('deflated.zip', [('report.json', report, D), ('b.txt', b'b' * 100, D)])
write('deflated-level0.zip', [('report.json', report, D)], level=0)
write('comment.zip', [('report.json', report, D)],
      comment=b'PK\x05\x06 a comment holding a fake end-of-central-directory signature ' + b'#' * 3000)
write('descriptor.zip', [('report.json', report, D), ('stored.txt', b'stored', S)], stream=True)
write('other.zip', [('a.txt', b'a', D), ('b.txt', b'b', D)])
write('empty.zip', [])
write('bomb.zip', [('report.json', bytes(50 * 1024 * 1024), D)], level=9)
with warnings.catch_warnings():
    warnings.simplefilter('ignore')  # "Duplicate name": the point of this one
    write('duplicate.zip', [('report.json', b'{"first": true}', D), ('report.json', report, D)])

target = io.BytesIO()
with zipfile.ZipFile(target, 'w') as z:
    with z.open('report.json', 'w', force_zip64=True) as f: f.write(report)
open(out + '/zip64-entry.zip', 'wb').write(target.getvalue())

zipfile.ZIP_FILECOUNT_LIMIT = 0  # any entry count then needs the ZIP64 end records
write('zip64-end.zip', [('report.json', report, D)])
`;

let dir: string;
const fixture = (name: string): Buffer => readFileSync(path.join(dir, name));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-zip-'));
  writeFileSync(path.join(dir, 'report.json'), REPORT);
  if (HAS_PYTHON) {
    const run = spawnSync('python3', ['-c', PYTHON, dir, path.join(dir, 'report.json')], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  }
  if (HAS_ZIP) {
    writeFileSync(path.join(dir, 'other.txt'), 'other');
    const zip = (args: string[], input?: string): void => {
      const run = spawnSync('zip', ['-q', '-X', ...args], { cwd: dir, encoding: 'utf8', input });
      if (run.status !== 0) throw new Error(`zip ${args.join(' ')} failed: ${run.stderr}`);
    };
    zip(['info-deflated.zip', 'report.json', 'other.txt']);
    zip(['-0', 'info-stored.zip', 'other.txt', 'report.json']);
    zip(['-P', 'secret', 'info-encrypted.zip', 'report.json']);
    zip(['-z', 'info-comment.zip', 'report.json'], 'a comment\nof two lines\n');
    // From standard input to standard output: unseekable, so a data descriptor follows the data;
    // of unknown size, so by default the local header is ZIP64 (-fz- turns that off).
    for (const [name, args] of [
      ['info-streamed.zip', ['-fz-']],
      ['info-streamed-zip64.zip', []],
    ] as const) {
      const streamed = spawnSync('zip', ['-q', ...args, '-', '-'], { input: REPORT });
      if (streamed.status !== 0) throw new Error(`zip ${args.join(' ')} - - failed`);
      writeFileSync(path.join(dir, name), streamed.stdout);
    }
    // From standard input into a file (seekable): a ZIP64 local header holding the sizes, and the
    // ZIP64 end records.
    const stdin = spawnSync('zip', ['-q', '-X', 'info-stdin-zip64.zip', '-'], { cwd: dir, input: REPORT });
    if (stdin.status !== 0) throw new Error('zip info-stdin-zip64.zip - failed');
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectData(result: ZipEntryResult, expected: Buffer): void {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  expect(result.data.equals(expected)).toBe(true);
}

function expectRefused(result: ZipEntryResult, reason: RegExp | string): void {
  if (result.ok) throw new Error('expected a refusal, the entry was read');
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
}

// --- Byte-level helpers ------------------------------------------------------------------------

/** Offset of the End Of Central Directory record (no comment in the zips patched here). */
function eocdOf(zip: Buffer): number {
  const at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0) throw new Error('no EOCD');
  return at;
}

/** Offset of the central directory entry named `name`. */
function centralEntryOf(zip: Buffer, name: string): number {
  let at = zip.readUInt32LE(eocdOf(zip) + 16);
  for (;;) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central entry ${name}`);
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + nameLength).toString('utf8') === name) return at;
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}

/** Where the data of entry `name` starts, and its compressed size. */
function dataOf(zip: Buffer, name: string): { start: number; size: number; local: number } {
  const central = centralEntryOf(zip, name);
  const local = zip.readUInt32LE(central + 42);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  return { start, size: zip.readUInt32LE(central + 20), local };
}

interface WriterEntry {
  name: string;
  data: Buffer;
  method?: number;
  flags?: number;
  /** Extra field bytes, in both headers. */
  extra?: Buffer;
  /** Override what the headers declare. */
  uncompressedSize?: number;
  localName?: string;
}

/** A minimal zip writer, for the crafted zips no tool writes. */
function writeZip(entries: WriterEntry[], eocdPatch?: (eocd: Buffer) => void): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const localName = Buffer.from(e.localName ?? e.name);
    const extra = e.extra ?? Buffer.alloc(0);
    const crc = crc32(e.data);
    const size = e.uncompressedSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    const localAll = Buffer.concat([local, localName, extra, body]);
    locals.push(localAll);
    centrals.push(Buffer.concat([central, name, extra]));
    offset += localAll.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  eocdPatch?.(eocd);
  return Buffer.concat([...locals, cd, eocd]);
}

// --- Tests -------------------------------------------------------------------------------------

describe('crc32', () => {
  it('the table implementation agrees with zlib and the standard check value', () => {
    const check = Buffer.from('123456789');
    expect(tableCrc32(check)).toBe(0xcbf43926);
    expect(crc32(check)).toBe(0xcbf43926);
    expect(tableCrc32(REPORT)).toBe(crc32(REPORT));
    expect(tableCrc32(Buffer.alloc(0))).toBe(0);
  });
});

describePython('zips written by Python zipfile', () => {
  it.each([
    ['stored.zip', 'stored'],
    ['deflated.zip', 'deflated'],
    ['deflated-level0.zip', 'deflated at level 0'],
    ['comment.zip', 'with a comment that holds a fake end-of-central-directory signature'],
    ['descriptor.zip', 'with data descriptors (written to an unseekable stream)'],
  ])('%s (%s): report.json reads back byte for byte', (name) => {
    expectData(readZipEntry(fixture(name), 'report.json', LIMIT), REPORT);
  });

  it('data descriptors: the local header holds no sizes, the central directory does', () => {
    const zip = fixture('descriptor.zip');
    const { local } = dataOf(zip, 'report.json');
    expect(zip.readUInt16LE(local + 6) & 0x0008).toBe(0x0008);
    expect(zip.readUInt32LE(local + 18)).toBe(0);
    expectData(readZipEntry(zip, 'stored.txt', LIMIT), Buffer.from('stored'));
  });

  it('lists the entries', () => {
    const listed = listZipEntries(fixture('stored.zip'));
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['a.txt', 0, 1],
      ['report.json', 0, REPORT.length],
    ]);
  });

  it('a missing entry: says what the zip holds', () => {
    expectRefused(
      readZipEntry(fixture('other.zip'), 'report.json', LIMIT),
      'the zip has no report.json (it holds: a.txt, b.txt)',
    );
    expectRefused(
      readZipEntry(fixture('empty.zip'), 'report.json', LIMIT),
      'the zip has no report.json: it is empty',
    );
  });

  it('two entries of the same name: refused as ambiguous', () => {
    expectRefused(
      readZipEntry(fixture('duplicate.zip'), 'report.json', LIMIT),
      'the zip holds two entries named report.json: which one is meant is ambiguous, so the zip is refused',
    );
    expect(listZipEntries(fixture('duplicate.zip')).ok).toBe(false);
  });

  it('ZIP64: an entry with a ZIP64 local header, and a zip with ZIP64 end records, read back', () => {
    // More ZIP64 cases (every field deferred, bombs, offsets outside the zip): zip64.test.ts.
    expectData(readZipEntry(fixture('zip64-entry.zip'), 'report.json', LIMIT), REPORT);
    expectData(readZipEntry(fixture('zip64-end.zip'), 'report.json', LIMIT), REPORT);
  });

  describe('a deflate bomb (50 MB of zeros in about 50 KB)', () => {
    it('is refused by its declared size, before inflating', () => {
      const zip = fixture('bomb.zip');
      expect(zip.length).toBeLessThan(100 * 1024);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        'report.json is 50 MB uncompressed, above the 1 MB limit',
      );
    });

    it('with sizes that lie (1000 bytes declared): stops at 1001 bytes, never holding 50 MB', () => {
      const zip = Buffer.from(fixture('bomb.zip'));
      const central = centralEntryOf(zip, 'report.json');
      const { local } = dataOf(zip, 'report.json');
      zip.writeUInt32LE(1000, central + 24);
      zip.writeUInt32LE(1000, local + 22);
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

  describe('damaged zips', () => {
    it('a flipped byte of stored data: CRC mismatch', () => {
      const zip = Buffer.from(fixture('stored.zip'));
      const { start } = dataOf(zip, 'report.json');
      zip[start + 10] = (zip[start + 10] ?? 0) ^ 0xff;
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        /^report\.json is damaged: its CRC-32 is 0x[0-9a-f]{8}, but the zip records 0x[0-9a-f]{8}$/,
      );
    });

    it('a flipped byte of deflated data (stored deflate blocks): CRC mismatch', () => {
      const zip = Buffer.from(fixture('deflated-level0.zip'));
      const { start, size } = dataOf(zip, 'report.json');
      const at = start + Math.floor(size / 2);
      zip[at] = (zip[at] ?? 0) ^ 0x01;
      expectRefused(readZipEntry(zip, 'report.json', LIMIT), /^report\.json is damaged: its CRC-32 is/);
    });

    it('a flipped byte of compressed data: damaged, whatever inflate makes of it', () => {
      const zip = Buffer.from(fixture('deflated.zip'));
      const { start } = dataOf(zip, 'report.json');
      zip[start + 5] = (zip[start + 5] ?? 0) ^ 0xff;
      expectRefused(readZipEntry(zip, 'report.json', LIMIT), /report\.json.*damaged|damaged.*report\.json/);
    });

    it('truncated: no end record, or data past the end', () => {
      const zip = fixture('deflated.zip');
      expectRefused(
        readZipEntry(zip.subarray(0, Math.floor(zip.length / 2)), 'report.json', LIMIT),
        /^the zip is truncated or damaged: it starts like a zip, but has no end-of-central-directory record/,
      );
      // The first 100 bytes gone: every offset points 100 bytes too far.
      expectRefused(
        readZipEntry(zip.subarray(100), 'report.json', LIMIT),
        /^the zip is truncated or damaged: its central directory/,
      );
    });

    it('not a zip at all', () => {
      expectRefused(
        readZipEntry(Buffer.from('{"schemaVersion": "1.0"}'), 'report.json', LIMIT),
        'not a zip file: no end-of-central-directory record',
      );
      expectRefused(readZipEntry(Buffer.alloc(0), 'report.json', LIMIT), 'not a zip file: it is empty');
      expectRefused(
        readZipEntry(Buffer.from('PK'), 'report.json', LIMIT),
        'not a zip file: no end-of-central-directory record',
      );
    });

    it('the encrypted flag set', () => {
      const zip = Buffer.from(fixture('deflated.zip'));
      const central = centralEntryOf(zip, 'report.json');
      zip.writeUInt16LE(zip.readUInt16LE(central + 8) | 1, central + 8);
      expectRefused(
        readZipEntry(zip, 'report.json', LIMIT),
        'report.json is encrypted; only unencrypted entries are read',
      );
    });

    it('an entry the limit allows exactly, and one byte more', () => {
      const zip = fixture('deflated.zip');
      expectData(readZipEntry(zip, 'report.json', { maxEntryBytes: REPORT.length }), REPORT);
      expectRefused(
        readZipEntry(zip, 'report.json', { maxEntryBytes: REPORT.length - 1 }),
        `report.json is 5.2 KB (${REPORT.length} bytes) uncompressed, above the 5.2 KB (${REPORT.length - 1} bytes) limit`,
      );
    });
  });
});

describeInfoZip('zips written by Info-ZIP zip', () => {
  it.each([
    ['info-deflated.zip', 'report.json'],
    ['info-stored.zip', 'report.json'],
    ['info-comment.zip', 'report.json'],
    ['info-streamed.zip', '-'],
  ])('%s: %s reads back byte for byte', (name, entry) => {
    expectData(readZipEntry(fixture(name), entry, LIMIT), REPORT);
  });

  it('streamed with its default ZIP64 local header (sizes in a ZIP64 data descriptor): reads back', () => {
    const zip = fixture('info-streamed-zip64.zip');
    const { local } = dataOf(zip, '-');
    expect(zip.readUInt16LE(local + 6) & 0x0008).toBe(0x0008);
    expect(zip.readUInt32LE(local + 18)).toBe(0xffffffff);
    expectData(readZipEntry(zip, '-', LIMIT), REPORT);
  });

  it('from standard input into a file: a ZIP64 local header with its sizes, and ZIP64 end records', () => {
    const zip = fixture('info-stdin-zip64.zip');
    const { local } = dataOf(zip, '-');
    expect(zip.readUInt16LE(local + 6) & 0x0008).toBe(0);
    expect(zip.readUInt32LE(local + 18)).toBe(0xffffffff);
    expect(zip.readUInt32LE(eocdOf(zip) - 20)).toBe(0x07064b50);
    expectData(readZipEntry(zip, '-', LIMIT), REPORT);
  });

  it('an entry encrypted with a password: refused', () => {
    expectRefused(
      readZipEntry(fixture('info-encrypted.zip'), 'report.json', LIMIT),
      'report.json is encrypted; only unencrypted entries are read',
    );
  });
});

describe('crafted zips', () => {
  const report = { name: 'report.json', data: Buffer.from('{"a":1}') };

  it('the writer itself makes a zip that reads back', () => {
    expectData(readZipEntry(writeZip([report]), 'report.json', LIMIT), report.data);
    expectData(readZipEntry(writeZip([{ ...report, method: 0 }]), 'report.json', LIMIT), report.data);
  });

  it('a ZIP64 extra field that no 0xFFFFFFFF defers to: ignored', () => {
    const extra = Buffer.alloc(20);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(2n ** 63n, 4);
    expectData(readZipEntry(writeZip([{ ...report, extra }]), 'report.json', LIMIT), report.data);
  });

  it('0xFFFFFFFF sizes without a ZIP64 extra field', () => {
    expectRefused(
      readZipEntry(writeZip([{ ...report, uncompressedSize: 0xffffffff }]), 'report.json', LIMIT),
      'the zip is damaged: the central directory entry of report.json defers its sizes or offset to a ZIP64 extra field (0xffffffff), but has none',
    );
  });

  it('an entry of another zip, or a copy of an entry: refused by read', () => {
    const one = openZip(writeZip([report]));
    const other = openZip(writeZip([report]));
    if (!one.ok || !other.ok) throw new Error('refused');
    const [entry] = one.entries;
    const [foreign] = other.entries;
    expectData(one.read(entry!, LIMIT), report.data);
    expect(Object.isFrozen(entry)).toBe(true);
    expectRefused(
      one.read(foreign!, LIMIT),
      'report.json is not an entry of this zip (an entry of another zip?)',
    );
    expectRefused(
      one.read({ ...entry!, uncompressedSize: 0 }, LIMIT),
      'report.json is not an entry of this zip (an entry of another zip?)',
    );
  });

  it('other compression methods and AES', () => {
    expectRefused(
      readZipEntry(writeZip([{ ...report, method: 12 }]), 'report.json', LIMIT),
      'report.json is compressed with method 12 (bzip2); only stored (0) and deflate (8) entries are read',
    );
    expectRefused(
      readZipEntry(writeZip([{ ...report, method: 99 }]), 'report.json', LIMIT),
      'report.json is encrypted (AES); only unencrypted entries are read',
    );
  });

  it('a local header naming another entry', () => {
    expectRefused(
      readZipEntry(writeZip([{ ...report, localName: 'evil.json' }]), 'report.json', LIMIT),
      'the zip is damaged or crafted: the central directory names an entry report.json, but its local header says evil.json',
    );
  });

  it('a deflated entry that inflates to fewer bytes than its headers declare', () => {
    expectRefused(
      readZipEntry(writeZip([{ ...report, uncompressedSize: 100 }]), 'report.json', LIMIT),
      'the zip is damaged: report.json inflates to 7 bytes, but its header declares 100',
    );
  });

  it('a multi-disk zip', () => {
    expectRefused(
      readZipEntry(
        writeZip([report], (eocd) => eocd.writeUInt16LE(1, 4)),
        'report.json',
        LIMIT,
      ),
      'multi-disk (split or spanned) zips are not supported',
    );
  });

  it('names with control characters are escaped in reasons; many names are cut short', () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }));
    expectRefused(
      readZipEntry(
        writeZip([{ name: 'a\n::error::b', data: Buffer.from('x') }, ...entries]),
        'report.json',
        LIMIT,
      ),
      'the zip has no report.json (it holds: "a\\n::error::b", f0, f1, f2, f3, f4, f5, f6, f7, f8 and 3 more)',
    );
  });
});
