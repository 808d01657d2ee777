/**
 * SemVer 2.0 orders (https://semver.org §11): npm, Go modules and crates.io. Precedence ignores
 * build metadata, and a pre-release sorts below its release. Parsing is what differs:
 * - npm: node-semver's loose parse (`v1.2.3`, `=1.2.3`, `1.2.3beta`), and advisories' short
 *   forms `1` and `1.0` read as `1.0.0` (GHSA writes `introduced: "1.0"`).
 * - Go: golang.org/x/mod/semver: the `v` prefix is optional (OSV drops it, go.mod keeps it),
 *   `v1` and `v1.2` are shorthands for `v1.0.0` and `v1.2.0`, `+incompatible` is build metadata,
 *   and pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
 *   `v1.3.1-0.20190301021747-ccb9e902956d`) are pre-releases, so they sort below their release.
 *   Go toolchain names (`go1.21.3`, `go1.21rc2`) are read as vulndb writes them (`1.21.3`,
 *   `1.21.0-rc.2`) for the `stdlib` and `toolchain` modules.
 * - crates.io: strict SemVer, as Cargo's `semver` crate parses it.
 */
import semver from 'semver';
import type { VersionOrder } from './order.js';

type SemVer = semver.SemVer;

const compareSemVer = (a: SemVer, b: SemVer): number => a.compare(b);

/** Strict SemVer 2.0 with nothing before the major number. */
function parseStrict(text: string): SemVer | undefined {
  if (!/^\d/.test(text)) return undefined;
  return semver.parse(text) ?? undefined;
}

const NPM_SHORT = /^[v=\s]*(\d+)(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export const npmOrder: VersionOrder<SemVer> = {
  parse(version) {
    const text = version.trim();
    const parsed = semver.parse(text, { loose: true });
    if (parsed) return parsed;
    const short = NPM_SHORT.exec(text);
    if (!short) return undefined;
    const [, major, minor, pre, build] = short;
    return (
      semver.parse(`${major ?? ''}.${minor ?? '0'}.0${pre ?? ''}${build ?? ''}`, { loose: true }) ?? undefined
    );
  },
  compare: compareSemVer,
};

const GO_TOOLCHAIN = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;
const GO_SHORTHAND = /^(\d+)(?:\.(\d+))?$/;

export const goOrder: VersionOrder<SemVer> = {
  parse(version) {
    const text = version.trim();
    const toolchain = GO_TOOLCHAIN.exec(text);
    if (toolchain) {
      const [, major, minor, patch, pre, preNumber] = toolchain;
      const release = `${major ?? ''}.${minor ?? ''}.${patch ?? '0'}`;
      return parseStrict(pre ? `${release}-${pre}.${preNumber ?? ''}` : release);
    }
    const bare = text.startsWith('v') ? text.slice(1) : text;
    const short = GO_SHORTHAND.exec(bare);
    if (short) return parseStrict(`${short[1] ?? ''}.${short[2] ?? '0'}.0`);
    return parseStrict(bare);
  },
  compare: compareSemVer,
};

export const cratesOrder: VersionOrder<SemVer> = {
  parse: (version) => parseStrict(version.trim()),
  compare: compareSemVer,
};
