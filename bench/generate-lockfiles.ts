/**
 * `node generate-lockfiles.mjs DIR [SIZE_MB] [RECORDS]`: writes the dependency-review benchmark's
 * inputs, deterministically (one seeded generator, no clock, no randomness from outside):
 *
 * - `DIR/base/package-lock.json` and `DIR/head/package-lock.json`: npm lockfileVersion 3, about
 *   SIZE_MB (default 5) each. A root project with two workspaces (and their `link: true` entries),
 *   then thousands of `node_modules/…` entries (scoped names, nested copies at other versions two
 *   and three levels deep) with the fields npm writes: version, resolved, integrity (the real
 *   sha512 form), dev / optional / devOptional / peer flags, license, dependencies, bin, engines,
 *   funding, os / cpu. The head changes the version of about 10% of the entries (mostly up, some
 *   down, some across a major), removes about 2% (with what is nested under them) and adds about 3%
 *   (new packages and new nested copies).
 * - `DIR/osv/<id>.json`: RECORDS (default 5,000) OSV records in the shape of the GitHub Advisory
 *   Database's (../shared/fixtures/real-world/osv/npm): ECOSYSTEM ranges with introduced / fixed,
 *   some last_affected, some with no fix, some with two intervals or two entries for one package
 *   (GHSA-r683-j2x4-v87g), some naming two packages (lodash and lodash-es), CVE aliases (a few
 *   records share one, to be merged), a few withdrawn, CVSS_V3 vectors (some with CVSS_V4 too, some
 *   CVSS_V4 only, a tenth only the database's word), database_specific with CWEs. About a fifth of the packages of the
 *   lockfiles have records; their ranges are placed around the versions the lockfiles hold, so a
 *   realistic share of what the head adds or changes is affected and the rest is not.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir, sizeArg, recordsArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: generate-lockfiles DIR [SIZE_MB] [RECORDS]');
const targetBytes = Number(sizeArg ?? 5) * 1024 * 1024;
const recordCount = Number(recordsArg ?? 5000);

// --- Seeded randomness ---------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20240611);
const int = (n: number): number => Math.floor(rand() * n);
const chance = (p: number): boolean => rand() < p;
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;

// --- Names and versions --------------------------------------------------------------------------

const WORDS = `
  core util parse http json stream glob path color string array object date fs async event babel plugin
  loader react vue lint test mock cli config env crypto hash cache query router server client socket buffer
  queue promise type schema valid format style css html dom tree graph map set list merge deep clone debug
  log trace time url mime zip tar semver proxy agent retry limit pool worker cluster native addon build
  bundle watch serve compile transform minify source yaml toml ini xml markdown image font icon chart table
  form input`
  .trim()
  .split(/\s+/);
const SCOPES = 'babel types aws-sdk jest eslint smithy octokit esbuild vitest sentry'.split(' ');
const LICENSES = [
  ...Array<string>(6).fill('MIT'),
  ...['ISC', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', '0BSD', 'MPL-2.0'],
  ...['(MIT OR Apache-2.0)', 'BlueOak-1.0.0'],
];
const MAJORS = [0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 10, 12, 15];

const usedNames = new Set<string>();
function newName(): string {
  for (;;) {
    const r = rand();
    const base =
      r < 0.45
        ? `${pick(WORDS)}-${pick(WORDS)}`
        : r < 0.8
          ? `${pick(WORDS)}-${pick(WORDS)}-${pick(WORDS)}`
          : `${pick(WORDS)}${pick(WORDS)}${chance(0.5) ? 'js' : `-${int(10)}`}`;
    const name = chance(0.15) ? `@${pick(SCOPES)}/${base}` : base;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

interface Triple {
  major: number;
  minor: number;
  patch: number;
  pre?: string;
}
function parse(version: string): Triple {
  const [release = '', pre] = version.split('-', 2);
  const [major = 0, minor = 0, patch = 0] = release.split('.').map(Number);
  return { major, minor, patch, ...(pre === undefined ? {} : { pre }) };
}
const show = (v: Triple): string => `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}`;

function randomVersion(major = pick(MAJORS)): string {
  const v = `${major}.${int(25)}.${int(20)}`;
  return chance(0.02) ? `${v}-${pick(['alpha', 'beta', 'rc'])}.${int(5)}` : v;
}

/** A version strictly above `version`: the next patches, a minor, sometimes a major. */
function above(version: string): string {
  const v = parse(version);
  if (v.pre !== undefined && chance(0.5)) return show({ major: v.major, minor: v.minor, patch: v.patch });
  const r = rand();
  if (r < 0.55) return show({ major: v.major, minor: v.minor, patch: v.patch + 1 + int(3) });
  if (r < 0.9) return show({ major: v.major, minor: v.minor + 1 + int(2), patch: int(3) });
  return show({ major: v.major + 1, minor: 0, patch: 0 });
}

/** A version strictly below `version`, or undefined for 0.0.0. */
function below(version: string): string | undefined {
  const v = parse(version);
  if (v.patch > 0) return show({ major: v.major, minor: v.minor, patch: int(v.patch) });
  if (v.minor > 0) return show({ major: v.major, minor: int(v.minor), patch: int(20) });
  if (v.major > 0) return show({ major: v.major - 1, minor: int(25), patch: int(20) });
  return undefined;
}

/** The head's version of a changed entry: mostly an upgrade, sometimes a downgrade. */
function changedVersion(version: string): string {
  const r = rand();
  if (r < 0.93) return above(version);
  return below(version) ?? above(version);
}

// --- Lockfile entries ----------------------------------------------------------------------------

interface Entry {
  path: string;
  name: string;
  version: string;
  fields: Record<string, unknown>;
}

const tarball = (name: string, version: string): string =>
  `https://registry.npmjs.org/${name}/-/${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
const integrity = (name: string, version: string): string =>
  `sha512-${createHash('sha512').update(`${name}@${version}`).digest('base64')}`;
const rangeOf = (version: string): string => {
  const v = parse(version);
  return v.major === 0 ? `~${v.major}.${v.minor}.${v.patch}` : `^${v.major}.${v.minor}.0`;
};

/** What npm writes for one installed package, in npm's key order. */
function entryFields(name: string, version: string, knownNames: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    version,
    resolved: tarball(name, version),
    integrity: integrity(name, version),
  };
  const flag = rand();
  if (flag < 0.42) fields.dev = true;
  else if (flag < 0.45) fields.optional = true;
  else if (flag < 0.46) fields.devOptional = true;
  else if (flag < 0.47) fields.peer = true;
  if (chance(0.01)) fields.hasInstallScript = true;
  if (!chance(0.03)) fields.license = pick(LICENSES);
  const depCount = [0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8][int(12)] ?? 0;
  if (depCount > 0 && knownNames.length > 0) {
    const deps: Record<string, string> = {};
    for (let i = 0; i < depCount; i++) deps[pick(knownNames)] = rangeOf(randomVersion());
    fields.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  if (chance(0.05)) fields.peerDependencies = { [pick(knownNames)]: `>=${int(5) + 1}` };
  if (chance(0.08)) fields.bin = { [name.slice(name.lastIndexOf('/') + 1)]: 'bin/cli.js' };
  if (chance(0.3))
    fields.engines = {
      node: pick(['>=6', '>=8', '>=10', '>=12', '>=14', '>=16', '>=18', '^14.17.0 || >=16']),
    };
  if (chance(0.15)) {
    fields.funding = chance(0.5)
      ? { url: `https://github.com/sponsors/${name.replace(/[@/]/g, '')}` }
      : { type: 'opencollective', url: `https://opencollective.com/${name.replace(/[@/]/g, '')}` };
  }
  if (fields.optional === true && chance(0.6)) {
    fields.os = [pick(['linux', 'darwin', 'win32', 'freebsd'])];
    fields.cpu = [pick(['x64', 'arm64', 'ia32'])];
  }
  return fields;
}

const entryBytes = (e: Entry): number => {
  const text = JSON.stringify(e.fields, null, 2);
  return text.length + 4 * (text.split('\n').length - 1) + e.path.length + 12;
};

// Base: top-level packages, and nested copies of some at another major, until about the size.
const base: Entry[] = [];
const topNames: string[] = [];
let bytes = 2000;
while (bytes < targetBytes) {
  const name = newName();
  const version = randomVersion();
  const top: Entry = {
    path: `node_modules/${name}`,
    name,
    version,
    fields: entryFields(name, version, topNames),
  };
  base.push(top);
  bytes += entryBytes(top);
  topNames.push(name);
  if (chance(0.15) && topNames.length > 10) {
    // A copy nested under another package (npm cannot hoist it: another major is wanted there).
    const parent = topNames[int(topNames.length - 1)] as string;
    const depth = chance(0.15)
      ? `node_modules/${parent}/node_modules/${pick(topNames)}`
      : `node_modules/${parent}`;
    const nestedVersion = chance(0.05)
      ? version
      : randomVersion(parse(version).major === 0 ? 1 : parse(version).major - 1);
    const nested: Entry = {
      path: `${depth}/node_modules/${name}`,
      name,
      version: nestedVersion,
      fields: entryFields(name, nestedVersion, topNames),
    };
    base.push(nested);
    bytes += entryBytes(nested);
  }
}

// Head: ~10% of entries change version, ~2% go (with what is nested under them), ~3% come.
const head: Entry[] = [];
const removedPrefixes: string[] = [];
for (const entry of base) {
  if (removedPrefixes.some((prefix) => entry.path.startsWith(prefix))) continue;
  const r = rand();
  if (r < 0.02) {
    removedPrefixes.push(`${entry.path}/`);
    continue;
  }
  if (r < 0.12) {
    const version = changedVersion(entry.version);
    head.push({
      ...entry,
      version,
      fields: {
        ...entry.fields,
        version,
        resolved: tarball(entry.name, version),
        integrity: integrity(entry.name, version),
      },
    });
    continue;
  }
  head.push(entry);
}
const additions = Math.round(base.length * 0.03);
for (let i = 0; i < additions; i++) {
  if (chance(0.7)) {
    const name = newName();
    const version = randomVersion();
    head.push({ path: `node_modules/${name}`, name, version, fields: entryFields(name, version, topNames) });
  } else {
    // A new nested copy of a package the tree already has, at another version.
    const name = pick(topNames);
    const version = randomVersion();
    const parent = `node_modules/${pick(topNames)}`;
    const path = `${parent}/node_modules/${name}`;
    if (!head.some((e) => e.path === parent) || head.some((e) => e.path === path)) continue;
    head.push({ path, name, version, fields: entryFields(name, version, topNames) });
  }
}

function lockfileText(entries: readonly Entry[]): string {
  const prod = topNames.slice(0, 60);
  const dev = topNames.slice(60, 100);
  const packages: Record<string, unknown> = {
    '': {
      name: 'bench-monorepo',
      version: '1.0.0',
      license: 'UNLICENSED',
      workspaces: ['packages/*'],
      dependencies: Object.fromEntries(prod.map((n) => [n, '*'])),
      devDependencies: Object.fromEntries(dev.map((n) => [n, '*'])),
      engines: { node: '>=20' },
    },
    'packages/api': {
      name: '@bench/api',
      version: '0.0.0',
      dependencies: Object.fromEntries(topNames.slice(100, 130).map((n) => [n, '*'])),
    },
    'packages/web': {
      name: '@bench/web',
      version: '0.0.0',
      dependencies: Object.fromEntries(topNames.slice(130, 170).map((n) => [n, '*'])),
      devDependencies: Object.fromEntries(topNames.slice(170, 190).map((n) => [n, '*'])),
    },
  };
  const installed: [string, unknown][] = [
    ['node_modules/@bench/api', { resolved: 'packages/api', link: true }],
    ['node_modules/@bench/web', { resolved: 'packages/web', link: true }],
    ...entries.map((e): [string, unknown] => [e.path, e.fields]),
  ];
  for (const [key, fields] of installed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    packages[key] = fields;
  return `${JSON.stringify({ name: 'bench-monorepo', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

// --- OSV records ---------------------------------------------------------------------------------

const versionsOf = new Map<string, Set<string>>();
for (const e of [...base, ...head]) {
  const set = versionsOf.get(e.name);
  if (set) set.add(e.version);
  else versionsOf.set(e.name, new Set([e.version]));
}
// About a fifth of the packages have records; a few of them (the lodashes) have many.
const allNames = [...versionsOf.keys()];
for (let i = allNames.length - 1; i > 0; i--) {
  const j = int(i + 1);
  [allNames[i], allNames[j]] = [allNames[j] as string, allNames[i] as string];
}
const vulnerableNames = allNames.slice(0, Math.min(allNames.length, Math.round(allNames.length * 0.2)));

const GHSA_CHARS = '23456789cfghjmpqrvwx';
const usedIds = new Set<string>();
function ghsaId(): string {
  for (;;) {
    const seg = () => Array.from({ length: 4 }, () => GHSA_CHARS.charAt(int(GHSA_CHARS.length))).join('');
    const id = `GHSA-${seg()}-${seg()}-${seg()}`;
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}
function cveId(): string {
  for (;;) {
    const id = `CVE-${2016 + int(9)}-${1000 + int(49000)}`;
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}
const day = (offset: number): string => new Date(Date.UTC(2018, 0, 1) + offset * 86400000).toISOString();
const stamp = (offset: number): string => `${day(offset).slice(0, 19)}Z`;

function cvss3(): string {
  const metrics = [
    `AV:${pick(['N', 'N', 'N', 'A', 'L', 'P'])}`,
    `AC:${pick(['L', 'L', 'H'])}`,
    `PR:${pick(['N', 'N', 'L', 'H'])}`,
    `UI:${pick(['N', 'N', 'R'])}`,
    `S:${pick(['U', 'U', 'U', 'C'])}`,
    `C:${pick(['H', 'L', 'N'])}`,
    `I:${pick(['H', 'L', 'N'])}`,
    `A:${pick(['H', 'L', 'N'])}`,
  ];
  return `CVSS:${chance(0.85) ? '3.1' : '3.0'}/${metrics.join('/')}`;
}
function cvss4(): string {
  const impact = () => pick(['H', 'L', 'N']);
  return `CVSS:4.0/AV:${pick(['N', 'L'])}/AC:${pick(['L', 'H'])}/AT:N/PR:${pick(['N', 'L'])}/UI:${pick(['N', 'P'])}/VC:${impact()}/VI:${impact()}/VA:${impact()}/SC:N/SI:N/SA:N`;
}

type Events = Record<string, string>[];

/** The events of one interval about `ref`: containing it (35%), fixed at or below it (50%), above it (15%). */
function interval(ref: string): { events: Events; lastAffected?: string } {
  const r = rand();
  if (r < 0.35) {
    const low = chance(0.5) ? '0' : (below(ref) ?? '0');
    const introduced = low !== '0' && chance(0.1) ? `${parse(low).major}.${parse(low).minor}` : low;
    const u = rand();
    if (u < 0.12) {
      const last = chance(0.5) ? ref : above(ref);
      return { events: [{ introduced }, { last_affected: last }], lastAffected: last };
    }
    if (u < 0.16) return { events: [{ introduced }] };
    return { events: [{ introduced }, { fixed: above(ref) }] };
  }
  const fixedBelow = r < 0.85 ? below(ref) : undefined;
  if (fixedBelow !== undefined) {
    const fixed = chance(0.3) ? ref : fixedBelow;
    const introduced = chance(0.6) ? '0' : (below(fixedBelow) ?? '0');
    return { events: [{ introduced }, { fixed }] };
  }
  const next = parse(ref).major + 1 + int(2);
  return { events: [{ introduced: `${next}.0.0` }, { fixed: `${next}.${int(5)}.${1 + int(9)}` }] };
}

function affectedEntry(name: string, events: Events, lastAffected?: string): Record<string, unknown> {
  return {
    package: { ecosystem: 'npm', name },
    ...(chance(0.1) ? { ecosystem_specific: { affected_functions: [`${name}.${pick(WORDS)}`] } } : {}),
    ranges: [{ type: 'ECOSYSTEM', events }],
    database_specific: {
      source: `https://github.com/github/advisory-database/blob/main/advisories/github-reviewed/${2018 + int(7)}/`,
      ...(lastAffected ? { last_known_affected_version_range: `<= ${lastAffected}` } : {}),
    },
  };
}

const CWES = [20, 22, 74, 77, 78, 79, 89, 94, 200, 287, 400, 502, 601, 770, 918, 1321, 1333];
const WORDS_SEVERITY = ['LOW', 'MODERATE', 'MODERATE', 'HIGH', 'HIGH', 'CRITICAL'];
const KINDS = [
  ...['Prototype Pollution', 'Regular Expression Denial of Service', 'Cross-site Scripting'],
  ...['Path Traversal', 'Command Injection', 'Server-Side Request Forgery', 'Open Redirect'],
  ...['Uncontrolled Resource Consumption', 'Improper Input Validation', 'Exposure of Sensitive Information'],
];

interface Made {
  record: Record<string, unknown>;
  name: string;
  cve: string | undefined;
}
const records: Made[] = [];
for (let i = 0; i < recordCount; i++) {
  // Every vulnerable package gets one record, the rest go mostly to the first ones.
  const name =
    i < vulnerableNames.length
      ? (vulnerableNames[i] as string)
      : (vulnerableNames[Math.floor(vulnerableNames.length * rand() ** 2)] as string);
  const ref = pick([...(versionsOf.get(name) ?? new Set(['1.0.0']))]);
  const id = ghsaId();
  const kind = pick(KINDS);
  const published = int(2400);
  // 2% are a second advisory for a vulnerability another record of the package has (same CVE).
  const twin = chance(0.02) ? records.findLast((m) => m.name === name && m.cve !== undefined) : undefined;
  const cve = twin?.cve ?? (chance(0.9) ? cveId() : undefined);
  let affected: Record<string, unknown>[];
  if (twin) {
    affected = structuredClone(twin.record.affected) as Record<string, unknown>[];
  } else {
    const first = interval(ref);
    affected = [affectedEntry(name, first.events, first.lastAffected)];
    if (chance(0.15)) {
      // Another interval, one major up: in the same range, or as a second entry (GHSA-r683-j2x4-v87g).
      const major = parse(ref).major + 1;
      const more: Events = [{ introduced: `${major}.0.0` }, { fixed: `${major}.${int(4)}.${1 + int(9)}` }];
      const range = (affected[0] as { ranges: { events: Events }[] }).ranges[0] as { events: Events };
      if (chance(0.5) && first.events.length === 2 && !first.lastAffected) range.events.push(...more);
      else affected.push(affectedEntry(name, more));
    }
    if (chance(0.05)) {
      // One advisory for two packages (lodash and lodash-es).
      const other = pick(vulnerableNames);
      const otherRef = pick([...(versionsOf.get(other) ?? new Set(['1.0.0']))]);
      const second = interval(otherRef);
      affected.push(affectedEntry(other, second.events, second.lastAffected));
    }
  }
  const severity: Record<string, string>[] = [];
  const s = rand();
  if (s < 0.8) severity.push({ type: 'CVSS_V3', score: cvss3() });
  if (s >= 0.72 && s < 0.9) severity.push({ type: 'CVSS_V4', score: cvss4() });
  const repo = `https://github.com/${name.replace(/^@/, '').replace('/', '-')}/${name.slice(name.lastIndexOf('/') + 1)}`;
  const references = [
    ...(cve ? [{ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${cve}` }] : []),
    ...Array.from({ length: 1 + int(4) }, (_, k) => ({
      type: 'WEB',
      url: `${repo}/${k % 2 === 0 ? 'commit' : 'issues'}/${createHash('sha1').update(`${id}${k}`).digest('hex')}`,
    })),
    { type: 'ADVISORY', url: `https://github.com/advisories/${id}` },
    { type: 'PACKAGE', url: repo },
  ];
  const record: Record<string, unknown> = {
    schema_version: '1.4.0',
    id,
    modified: stamp(published + int(300)),
    published: stamp(published),
    ...(chance(0.01) ? { withdrawn: stamp(published + 400) } : {}),
    aliases: cve ? [cve] : [],
    summary: `${kind} in ${name}`,
    details: `\`${name}\` ${pick(['before', 'through', 'up to'])} the fixed release is vulnerable to ${kind}. ${'An attacker who controls the input can make the library misbehave in ways the caller does not expect. '.repeat(1 + int(4))}Upgrade to a fixed version.`,
    severity,
    affected,
    references,
    database_specific: {
      cwe_ids: Array.from(new Set([pick(CWES), ...(chance(0.3) ? [pick(CWES)] : [])]), (c) => `CWE-${c}`),
      severity: pick(WORDS_SEVERITY),
      github_reviewed: true,
      github_reviewed_at: stamp(published - 3),
      nvd_published_at: cve ? stamp(published - 1) : null,
    },
  };
  records.push({ record, name, cve });
}

// --- Write ---------------------------------------------------------------------------------------

rmSync(dir, { recursive: true, force: true });
mkdirSync(path.join(dir, 'base'), { recursive: true });
mkdirSync(path.join(dir, 'head'), { recursive: true });
mkdirSync(path.join(dir, 'osv'), { recursive: true });
const baseText = lockfileText(base);
const headText = lockfileText(head);
writeFileSync(path.join(dir, 'base', 'package-lock.json'), baseText);
writeFileSync(path.join(dir, 'head', 'package-lock.json'), headText);
for (const { record } of records)
  writeFileSync(path.join(dir, 'osv', `${record.id as string}.json`), JSON.stringify(record, null, 2));
const mb = (text: string) => (Buffer.byteLength(text) / 1048576).toFixed(1);
process.stdout.write(
  `generated ${dir}: package-lock.json base ${mb(baseText)} MB (${base.length} entries), head ${mb(headText)} MB (${head.length} entries), ${records.length} OSV records on ${vulnerableNames.length} packages\n`,
);
