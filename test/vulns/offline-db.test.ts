import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type OsvDatabase,
  OsvDatabaseError,
  parseOsvRecord,
  readOsvDatabase,
  readOsvDirectory,
  readOsvZip,
} from '../../src/io/osv-files.js';
import { buildOfflineIndex } from '../../src/vulns/offline-db.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';
import { REPO_ROOT } from '../support/runner.js';

const OSV = path.join(REAL_WORLD, 'osv');

function record(id: string, packages: [string, string][], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id, affected: packages.map(([ecosystem, name]) => ({ package: { ecosystem, name } })), ...extra };
}

const ids = (records: readonly OsvRecord[]) => records.map((r) => r.id);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'pavedpath-osv-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A zip written by Python's zipfile: real files, texts, large runs of spaces, and sizes rewritten to lie. */
function pythonZip(
  out: string,
  spec: {
    files?: [string, string][];
    texts?: [string, string][];
    spaces?: [string, number][];
    lie?: string[];
  },
): void {
  const script = `
import json, struct, sys, zipfile
spec = json.load(sys.stdin)
with zipfile.ZipFile(spec['out'], 'w', zipfile.ZIP_DEFLATED) as z:
    for name, source in spec.get('files', []):
        z.write(source, name)
    for name, text in spec.get('texts', []):
        z.writestr(name, text)
    for name, size in spec.get('spaces', []):
        z.writestr(name, b' ' * size)
data = bytearray(open(spec['out'], 'rb').read())
with zipfile.ZipFile(spec['out']) as z:
    for name in spec.get('lie', []):
        struct.pack_into('<I', data, z.getinfo(name).header_offset + 22, 100)
        at = data.find(b'PK\\x01\\x02')
        while at != -1:
            n = struct.unpack_from('<H', data, at + 28)[0]
            if data[at + 46:at + 46 + n] == name.encode():
                struct.pack_into('<I', data, at + 24, 100)
            at = data.find(b'PK\\x01\\x02', at + 1)
open(spec['out'], 'wb').write(data)
`;
  const run = spawnSync('python3', ['-c', script], {
    input: JSON.stringify({ out, ...spec }),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`python3 could not build ${out}: ${run.stderr}`);
}

describe('buildOfflineIndex', () => {
  it('finds records by ecosystem and name, names compared like componentKey', () => {
    const index = buildOfflineIndex([
      record('PYSEC-1', [['PyPI', 'PyYAML']]),
      record('PYSEC-2', [['PyPI', 'zope.interface']]),
      record('GHSA-n', [['NuGet', 'Newtonsoft.Json']]),
      record('GHSA-a', [['npm', 'Lodash']]),
      record('GHSA-b', [
        ['npm', 'lodash'],
        ['npm', 'lodash-es'],
        ['npm', 'lodash'],
      ]),
      record('DSA-1', [['Debian:12', 'openssl']]),
    ]);
    expect(ids(index.candidates('PyPI', 'pyyaml'))).toEqual(['PYSEC-1']);
    expect(ids(index.candidates('PyPI', 'Zope_Interface'))).toEqual(['PYSEC-2']);
    expect(ids(index.candidates('PyPI', 'zope--interface'))).toEqual(['PYSEC-2']);
    expect(ids(index.candidates('NuGet', 'newtonsoft.json'))).toEqual(['GHSA-n']);
    // npm names are case-sensitive: Lodash is another package.
    expect(ids(index.candidates('npm', 'lodash'))).toEqual(['GHSA-b']);
    expect(ids(index.candidates('npm', 'lodash-es'))).toEqual(['GHSA-b']);
    expect(ids(index.candidates('npm', 'Lodash'))).toEqual(['GHSA-a']);
    expect(ids(index.candidates('Debian:12', 'openssl'))).toEqual(['DSA-1']);
    expect(ids(index.candidates('pypi', 'pyyaml'))).toEqual([]);
    expect(ids(index.candidates('Go', 'lodash'))).toEqual([]);
    expect(index.size).toBe(6);
    expect(index.kind).toBe('offline');
    expect(index.description).toBe('an offline OSV database of 6 records');
  });

  it('keeps the later of two records with one id, and lists the id', () => {
    const old = record('GHSA-1', [['npm', 'old']], { modified: '2023-01-01T00:00:00Z' });
    const newer = record('GHSA-1', [['npm', 'new']], { modified: '2024-01-01T00:00:00.5Z' });
    for (const order of [
      [old, newer],
      [newer, old],
    ]) {
      const index = buildOfflineIndex(order);
      expect(index.get('GHSA-1')).toBe(newer);
      expect(ids(index.candidates('npm', 'old'))).toEqual([]);
      expect(index.duplicateIds).toEqual(['GHSA-1']);
    }
  });

  it('skips what is not a package: a missing, empty or mistyped ecosystem or name', () => {
    const junk = {
      id: 'GHSA-junk',
      affected: [
        null,
        {},
        { package: null },
        { package: { ecosystem: 'npm' } },
        { package: { ecosystem: 'npm', name: 7 } },
        { package: { ecosystem: '', name: 'x' } },
      ],
    } as unknown as OsvRecord;
    const index = buildOfflineIndex([
      junk,
      { id: 'GHSA-none' },
      { id: 'GHSA-odd', affected: 'x' } as unknown as OsvRecord,
    ]);
    expect(index.size).toBe(3);
    expect(index.candidates('npm', 'x')).toEqual([]);
  });

  it('looks components up: every index present, candidates whatever the version, fresh arrays', async () => {
    const index = buildOfflineIndex([record('GHSA-2', [['npm', 'qs']]), record('GHSA-1', [['npm', 'qs']])]);
    const found = await index.lookup([
      { ecosystem: 'npm', name: 'qs', version: '6.5.2' },
      { ecosystem: 'npm', name: 'express', version: '4.19.1' },
      { ecosystem: 'npm', name: 'qs', version: '99.0.0' },
    ]);
    expect([...found.entries()].map(([i, list]) => [i, ids(list)])).toEqual([
      [0, ['GHSA-1', 'GHSA-2']],
      [1, []],
      [2, ['GHSA-1', 'GHSA-2']],
    ]);
    found.get(0)?.pop();
    expect(index.candidates('npm', 'qs')).toHaveLength(2);
  });
});

describe('parseOsvRecord', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('reads YAML numbers and timestamps as the strings they are written as', () => {
    const parsed = parseOsvRecord(
      bytes(
        'id: PYSEC-0\nmodified: 2021-06-01T00:00:00Z\naffected:\n- package: {name: x, ecosystem: PyPI}\n  versions: [3.10, 1.0, 2, 0x1f]\nwithdrawn: null\n',
      ),
      'yaml',
    );
    expect(parsed).toEqual({
      ok: true,
      record: {
        id: 'PYSEC-0',
        modified: '2021-06-01T00:00:00Z',
        affected: [{ package: { name: 'x', ecosystem: 'PyPI' }, versions: ['3.10', '1.0', '2', '0x1f'] }],
        withdrawn: null,
      },
    });
  });

  const refusals: [string, 'json' | 'yaml', string | RegExp][] = [
    ['{"id": "GHSA-1",', 'json', /^is not valid JSON: /],
    ['[{"id": "GHSA-1"}]', 'json', 'is not an OSV record: it holds a JSON list, not one record'],
    ['"GHSA-1"', 'json', 'is not an OSV record: it holds a string, not an object'],
    ['null', 'json', 'is not an OSV record: it holds null, not an object'],
    ['{"ID": "GHSA-1"}', 'json', 'is not an OSV record: it has no "id" string'],
    ['{"id": 17}', 'json', 'is not an OSV record: it has no "id" string'],
    [
      '{"id": "GHSA 1\\n::error::x"}',
      'json',
      'is not an OSV record: its id "GHSA 1\\n::error::x" is not an identifier',
    ],
    ['id: A\nid: B\n', 'yaml', /^is not valid YAML: Map keys must be unique/],
    ['id: A\na: &a [*a]\n', 'yaml', 'is not an OSV record: its YAML aliases make it refer to itself'],
    ['id: A\n---\nid: B\n', 'yaml', /^is not valid YAML: /],
    ['', 'yaml', 'is not an OSV record: it holds null, not an object'],
  ];
  it.each(refusals)('refuses %j (%s)', (text, format, message) => {
    const parsed = parseOsvRecord(bytes(text), format);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('refuses bytes that are not UTF-8, and reads a BOM', () => {
    expect(parseOsvRecord(Buffer.from([0x7b, 0xff, 0x7d]), 'json')).toEqual({
      ok: false,
      message: 'is not UTF-8 text',
    });
    expect(parseOsvRecord(Buffer.from('\ufeff{"id":"GHSA-1"}'), 'json')).toEqual({
      ok: true,
      record: { id: 'GHSA-1' },
    });
  });
});

describe('readOsvDirectory and readOsvZip on made-up databases', () => {
  it('reads a directory recursively, skips other files and dot-folders, reports problems and goes on', () => {
    const dir = path.join(scratch, 'db');
    mkdirSync(path.join(dir, 'npm', 'deep'), { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'npm', 'GHSA-1.json'), JSON.stringify(record('GHSA-1', [['npm', 'qs']])));
    writeFileSync(
      path.join(dir, 'npm', 'deep', 'GHSA-2.JSON'),
      JSON.stringify(record('GHSA-2', [['npm', 'qs']])),
    );
    writeFileSync(
      path.join(dir, 'PYSEC-1.yml'),
      'id: PYSEC-1\naffected:\n- package: {name: Flask, ecosystem: PyPI}\n',
    );
    writeFileSync(path.join(dir, 'junk.json'), '{"id": "GHSA-3", oops}');
    writeFileSync(path.join(dir, 'big.json'), JSON.stringify({ id: 'GHSA-big', details: 'x'.repeat(5000) }));
    writeFileSync(path.join(dir, 'README.md'), '# not a record');
    writeFileSync(
      path.join(dir, '.git', 'GHSA-git.json'),
      JSON.stringify(record('GHSA-git', [['npm', 'qs']])),
    );
    symlinkSync(path.join(dir, 'npm'), path.join(dir, 'loop'));

    const db = readOsvDirectory(dir, { maxRecordBytes: 4096 });
    expect(ids(db.records)).toEqual(['PYSEC-1', 'GHSA-1', 'GHSA-2']);
    expect(db.problems).toEqual([
      {
        file: path.join(dir, 'big.json'),
        message: 'is 4.9 KiB, above the 4 KiB limit for one record: not read',
      },
      { file: path.join(dir, 'junk.json'), message: expect.stringMatching(/^is not valid JSON: /) },
      { file: path.join(dir, 'loop'), message: 'is a symbolic link to a folder: not followed' },
    ]);
    expect(db).toMatchObject({ format: 'directory', read: 5, path: dir });
    expect(readOsvDatabase(dir, { maxRecordBytes: 4096 })).toEqual(db);
    expect(ids(buildOfflineIndex(db.records).candidates('PyPI', 'flask'))).toEqual(['PYSEC-1']);
  });

  it('refuses a directory whose records add up past the overall limit', () => {
    const dir = path.join(scratch, 'too-much');
    mkdirSync(dir);
    for (let i = 0; i < 10; i++)
      writeFileSync(
        path.join(dir, `GHSA-${i}.json`),
        JSON.stringify({ id: `GHSA-${i}`, details: 'x'.repeat(900) }),
      );
    expect(() => readOsvDirectory(dir, { maxTotalBytes: 5000 })).toThrow(
      `The offline OSV database ${dir} cannot be read: its records add up to more than 4.9 KiB, the limit`,
    );
    expect(() => readOsvDirectory(dir, { maxFiles: 3 })).toThrow('it holds more than 3 files, the limit');
  });

  it('refuses what is neither a directory nor a zip, with the reason', () => {
    const missing = path.join(scratch, 'nowhere');
    expect(() => readOsvDatabase(missing)).toThrow(OsvDatabaseError);
    expect(() => readOsvDatabase(missing)).toThrow(
      `The offline OSV database ${missing} cannot be read: it does not exist`,
    );
    const text = path.join(scratch, 'db.json');
    writeFileSync(text, '{"id":"GHSA-1"}');
    expect(() => readOsvDatabase(text)).toThrow(
      `The offline OSV database ${text} cannot be read: not a zip file: no end-of-central-directory record. An offline database is a directory of OSV records, or a zip of them like OSV's <ecosystem>/all.zip.`,
    );
  });

  it('reads a zip, reports junk entries, refuses a bomb and an entry that inflates past its declared size', () => {
    const zip = path.join(scratch, 'made-up.zip');
    pythonZip(zip, {
      texts: [
        ['GHSA-1.json', JSON.stringify(record('GHSA-1', [['npm', 'qs']]))],
        ['nested/GHSA-2.json', JSON.stringify(record('GHSA-2', [['npm', 'qs']]))],
        ['PYSEC-1.yaml', 'id: PYSEC-1\n'],
        ['junk.json', 'this is not json'],
        ['notes.txt', 'ignored'],
        ['folder/', ''],
      ],
      spaces: [
        ['bomb.json', 32 * 1024 * 1024],
        ['liar.json', 1024 * 1024],
      ],
      lie: ['liar.json'],
    });
    const db = readOsvZip(zip);
    expect(ids(db.records)).toEqual(['GHSA-1', 'GHSA-2', 'PYSEC-1']);
    expect(db.problems).toEqual([
      { file: zip, entry: 'junk.json', message: expect.stringMatching(/^is not valid JSON: /) },
      {
        file: zip,
        entry: 'bomb.json',
        message: 'is 32 MiB uncompressed, above the 16 MiB limit for one record (a zip bomb?): not inflated',
      },
      {
        file: zip,
        entry: 'liar.json',
        message:
          'liar.json inflates to more than the 100 bytes its header declares (a zip bomb, or a damaged zip); it was not inflated further',
      },
    ]);
    expect(db).toMatchObject({ format: 'zip', read: 6 });
    expect(readOsvDatabase(zip)).toEqual(db);
  });

  it('refuses a whole zip whose entries add up past the overall limit, before inflating any', () => {
    const zip = path.join(scratch, 'overlapping.zip');
    pythonZip(zip, {
      spaces: Array.from({ length: 5 }, (_, i): [string, number] => [`GHSA-${i}.json`, 1024 * 1024]),
    });
    expect(() => readOsvZip(zip, { maxTotalBytes: 3 * 1024 * 1024 })).toThrow(
      `The offline OSV database ${zip} cannot be read: its entries add up to 5 MiB uncompressed, above the 3 MiB limit (a zip bomb, or a database to split by ecosystem): nothing was inflated`,
    );
    expect(() => readOsvZip(zip, { maxZipBytes: 1000 })).toThrow(
      /it is [\d.]+ KiB, above the 1000 bytes limit for a zip/,
    );
  });
});

describe("readOsvZip on a ZIP64 all.zip (more than 65,535 records, like OSV's npm export)", () => {
  const COUNT = 70_000;
  let zip: string;

  beforeAll(() => {
    // Python's zipfile writes the ZIP64 end records by itself above 65,535 entries.
    zip = path.join(scratch, 'zip64-all.zip');
    const script = `
import json, sys, zipfile
out, count = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for n in range(count):
        record = {'id': 'TEST-%d' % n, 'modified': '2024-01-01T00:00:00Z', 'affected': [{
            'package': {'ecosystem': 'npm', 'name': 'pkg-%d' % n},
            'ranges': [{'type': 'SEMVER', 'events': [{'introduced': '0'}, {'fixed': '1.0.%d' % n}]}]}]}
        z.writestr('TEST-%d.json' % n, json.dumps(record))
`;
    const run = spawnSync('python3', ['-c', script, zip, String(COUNT)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`python3 could not build ${zip}: ${run.stderr}`);
  });

  it('is a ZIP64 zip: 0xFFFF entries in the classic end record, and a ZIP64 locator before it', () => {
    const bytes = readFileSync(zip);
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(bytes.readUInt16LE(eocd + 10)).toBe(0xffff);
    expect(bytes.readUInt32LE(eocd - 20)).toBe(0x07064b50);
    const record = Number(bytes.readBigUInt64LE(eocd - 20 + 8));
    expect(bytes.readUInt32LE(record)).toBe(0x06064b50);
    expect(bytes.readBigUInt64LE(record + 32)).toBe(BigInt(COUNT));
  });

  it('reads all 70,000 records, every one, in entry order', async () => {
    // Well within the Jest timeout: about 2.5 s here under Jest on a 2-core machine (the zip.ts part,
    // central directory once and 70,000 entries inflated, about 0.6 s in plain Node).
    const db = readOsvZip(zip);
    expect(db.problems).toEqual([]);
    expect(db).toMatchObject({ format: 'zip', read: COUNT });
    expect(db.records).toHaveLength(COUNT);
    expect(db.records.every((r, n) => r.id === `TEST-${n}`)).toBe(true);
    expect(db.records[COUNT - 1]).toEqual({
      id: 'TEST-69999',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'pkg-69999' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.69999' }] }],
        },
      ],
    });
    const index = buildOfflineIndex(db.records);
    expect(index.size).toBe(COUNT);
    const found = await index.lookup([{ ecosystem: 'npm', name: 'pkg-65536', version: '1.0.0' }]);
    expect([...found.values()].map(ids)).toEqual([['TEST-65536']]);
  });

  it('its declared sizes are still checked before anything is inflated', () => {
    expect(() => readOsvZip(zip, { maxTotalBytes: 1024 * 1024 })).toThrow(
      /its entries add up to [\d.]+ MiB uncompressed, above the 1 MiB limit \(a zip bomb, or a database to split by ecosystem\): nothing was inflated$/,
    );
  });

  it('ZIP64 bombs (every size in ZIP64 extra fields): refused by the declared size, or stopped at it', () => {
    const bomb = path.join(scratch, 'zip64-bomb.zip');
    const script = `
import struct, sys, zipfile
out = sys.argv[1]
zipfile.ZIP64_LIMIT = 0  # every size and offset goes to the ZIP64 extra field
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open('GHSA-1.json', 'w', force_zip64=True) as f: f.write(b'{"id": "GHSA-1"}')
    with z.open('GHSA-bomb.json', 'w', force_zip64=True) as f: f.write(b' ' * (32 * 1024 * 1024))
    with z.open('GHSA-liar.json', 'w', force_zip64=True) as f: f.write(b' ' * (1024 * 1024))
# GHSA-liar.json: its ZIP64 uncompressed size (the first ZIP64 field, in both headers) says 100.
data = bytearray(open(out, 'rb').read())
name = b'GHSA-liar.json'
with zipfile.ZipFile(out) as z:
    local = z.getinfo(name.decode()).header_offset
field = local + 30 + len(name)
assert struct.unpack_from('<H', data, field)[0] == 1
struct.pack_into('<Q', data, field + 4, 100)
central = data.find(b'PK\\x01\\x02')
while data[central + 46:central + 46 + len(name)] != name:
    central = data.find(b'PK\\x01\\x02', central + 1)
field = central + 46 + len(name)
assert struct.unpack_from('<H', data, field)[0] == 1
struct.pack_into('<Q', data, field + 4, 100)
open(out, 'wb').write(data)
`;
    const run = spawnSync('python3', ['-c', script, bomb], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`python3 could not build ${bomb}: ${run.stderr}`);
    const db = readOsvZip(bomb);
    expect(ids(db.records)).toEqual(['GHSA-1']);
    expect(db.problems).toEqual([
      {
        file: bomb,
        entry: 'GHSA-bomb.json',
        message: 'is 32 MiB uncompressed, above the 16 MiB limit for one record (a zip bomb?): not inflated',
      },
      {
        file: bomb,
        entry: 'GHSA-liar.json',
        message:
          'GHSA-liar.json inflates to more than the 100 bytes its header declares (a zip bomb, or a damaged zip); it was not inflated further',
      },
    ]);
  });
});

describeRealWorld('the offline database on real OSV records (../shared/fixtures/real-world/osv)', () => {
  let fromDir: OsvDatabase;
  let zipPath: string;
  const jsonFiles: string[] = [];

  beforeAll(() => {
    fromDir = readOsvDirectory(OSV);
    for (const dir of readdirSync(OSV, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const file of readdirSync(path.join(OSV, dir.name)).sort()) {
        if (file.endsWith('.json')) jsonFiles.push(path.join(OSV, dir.name, file));
      }
    }
    // OSV's all.zip layout: one <ID>.json per entry at the root; plus junk and a bomb.
    zipPath = path.join(scratch, 'all.zip');
    pythonZip(zipPath, {
      files: jsonFiles.map((file): [string, string] => [path.basename(file), file]),
      texts: [['GHSA-junk-junk-junk.json', '<html>not json</html>']],
      spaces: [['GHSA-bomb-bomb-bomb.json', 64 * 1024 * 1024]],
    });
  });

  it('reads all 40 records from the directory; cases.json and schema.json are problems, not records', () => {
    expect(fromDir.records).toHaveLength(40);
    expect(new Set(ids(fromDir.records)).size).toBe(40);
    expect(fromDir.problems).toEqual([
      {
        file: path.join(OSV, 'cases.json'),
        message: 'is not an OSV record: it holds a JSON list, not one record',
      },
      { file: path.join(OSV, 'schema.json'), message: 'is not an OSV record: it has no "id" string' },
    ]);
  });

  it('keeps YAML timestamps and versions as strings', () => {
    const pysec = fromDir.records.find((r) => r.id === 'PYSEC-2021-142');
    expect(typeof pysec?.modified).toBe('string');
    expect(pysec?.modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const versions = pysec?.affected?.[0]?.versions ?? [];
    expect(versions).toContain('3.10');
    expect(versions).toContain('5.4b1');
    expect(versions.every((v) => typeof v === 'string')).toBe(true);
    for (const r of fromDir.records) {
      for (const field of ['modified', 'published'] as const)
        if (r[field] !== undefined) expect(typeof r[field]).toBe('string');
    }
  });

  it('offers the record of every matcher case among the candidates of its package', async () => {
    const cases = JSON.parse(readFileSync(path.join(OSV, 'cases.json'), 'utf8')) as {
      ecosystem: string;
      package: string;
      version: string;
      id: string;
    }[];
    expect(cases.length).toBe(150);
    const index = buildOfflineIndex(fromDir.records);
    for (const c of cases)
      expect({ case: c, ids: ids(index.candidates(c.ecosystem, c.package)) }).toEqual({
        case: c,
        ids: expect.arrayContaining([c.id]),
      });
    const found = await index.lookup([
      { ecosystem: 'PyPI', name: 'Flask', version: '2.2.4' },
      { ecosystem: 'PyPI', name: 'requests', version: '2.25.1' },
      { ecosystem: 'Go', name: 'golang.org/x/net', version: '0.16.0' },
      { ecosystem: 'npm', name: '@cypress/request', version: '2.88.12' },
    ]);
    expect([...found.values()].map(ids)).toEqual([
      ['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62'],
      ['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'],
      ['GO-2023-2102', 'GO-2024-3333'],
      ['GHSA-p8p7-x288-28g6'],
    ]);
  });

  it('reads the same records from an all.zip, with the junk entry reported and the bomb refused', () => {
    const fromZip = readOsvDatabase(zipPath);
    expect(fromZip.format).toBe('zip');
    expect(fromZip.records).toHaveLength(jsonFiles.length);
    const sameFromDir = fromDir.records.filter((r) => fromZip.records.some((z) => z.id === r.id));
    expect(sameFromDir).toHaveLength(jsonFiles.length);
    expect([...fromZip.records].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...sameFromDir].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(fromZip.problems).toEqual([
      {
        file: zipPath,
        entry: 'GHSA-junk-junk-junk.json',
        message: expect.stringMatching(/^is not valid JSON: /),
      },
      {
        file: zipPath,
        entry: 'GHSA-bomb-bomb-bomb.json',
        message: 'is 64 MiB uncompressed, above the 16 MiB limit for one record (a zip bomb?): not inflated',
      },
    ]);
  });

  describe('needs no network', () => {
    const probe = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' });
    const canUnshare = probe.status === 0;
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    // Type stripping and module.registerHooks: Node 22.15 and later.
    const canStrip = major > 22 || (major === 22 && minor >= 15);
    const why = !canUnshare
      ? `\`unshare -n true\` is not permitted here (${(probe.error?.message ?? probe.stderr).trim()})`
      : `Node ${process.versions.node} cannot run TypeScript sources directly (22.15 or later is needed)`;
    if (!canUnshare || !canStrip) process.stderr.write(`warning: skipping the no-network test: ${why}\n`);

    (canUnshare && canStrip ? it : it.skip)(
      'reads the database and looks packages up in a network namespace of its own',
      () => {
        const script = path.join(scratch, 'offline-lookup.mjs');
        writeFileSync(
          script,
          `import { registerHooks } from 'node:module';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { pathToFileURL } from 'node:url';
// The sources import './x.js' where the file is x.ts (the compiler's convention).
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (/^\\.\\.?\\//.test(specifier) && specifier.endsWith('.js')) return nextResolve(specifier.slice(0, -3) + '.ts', context);
      throw error;
    }
  },
});
const [repo, ...databases] = process.argv.slice(2);
const { readOsvDatabase } = await import(pathToFileURL(repo + '/src/io/osv-files.ts').href);
const { buildOfflineIndex } = await import(pathToFileURL(repo + '/src/vulns/offline-db.ts').href);
// TEST-NET-1 is never routed; in a namespace without network this fails at once.
const probe = await new Promise((resolve) => {
  const socket = connect({ host: '192.0.2.1', port: 9, timeout: 2000 });
  socket.on('connect', () => { socket.destroy(); resolve('connected'); });
  socket.on('timeout', () => { socket.destroy(); resolve('timeout'); });
  socket.on('error', (error) => resolve(error.code));
});
const results = [];
for (const database of databases) {
  const db = readOsvDatabase(database);
  const index = buildOfflineIndex(db.records);
  const found = await index.lookup([
    { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
    { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1' },
  ]);
  results.push({ records: db.records.length, found: [...found.values()].map((list) => list.map((r) => r.id)) });
}
console.log(JSON.stringify({ interfaces: Object.keys(networkInterfaces()), probe, results }));
`,
        );
        const run = spawnSync(
          'unshare',
          ['-n', process.execPath, '--no-warnings', script, REPO_ROOT, OSV, zipPath],
          {
            encoding: 'utf8',
            timeout: 30_000,
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
          },
        );
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const out = JSON.parse(run.stdout) as { interfaces: string[]; probe: string; results: unknown[] };
        expect(out.interfaces.filter((name) => name !== 'lo')).toEqual([]);
        expect(out.probe).toBe('ENETUNREACH');
        const expected = [['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'], ['GHSA-jfh8-c2jp-5v3q']];
        expect(out.results).toEqual([
          { records: 40, found: expected },
          { records: jsonFiles.length, found: expected },
        ]);
      },
    );
  });
});
