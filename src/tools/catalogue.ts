/**
 * The external tools Paved Path may install, each pinned to one release: per platform, the
 * release asset's file name and URL, how it is packed, the executable inside it, and the asset's
 * SHA-256. The installer (src/actions/shared/install-tool.ts) refuses any download whose digest
 * differs. A binary already on PATH is used as is when its version is within `allowed`.
 *
 * Every digest below was read from public material that ties it to the exact asset file name
 * (never a Homebrew bottle or source tarball), and agrees wherever it is quoted more than once.
 * "Stored file" ids are those of the search index used to find them (its read_file verb opens
 * them); they are given because most of those files are in small projects. A platform for which
 * no trustworthy digest was found is left out, and the installer says so: put the tool on PATH.
 *
 * To bump a tool: take the digests from the release's `<tool>_<version>_checksums.txt` (syft,
 * gosec) or the release page (opengrep), check the file names, and keep a source beside each.
 *
 * Platforms are Node's names (`process.platform`, `process.arch`): linux, darwin, win32; x64, arm64.
 */
import semver from 'semver';

export const TOOL_NAMES = ['syft', 'gosec', 'opengrep'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const PLATFORMS = ['linux', 'darwin', 'win32'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const ARCHES = ['x64', 'arm64'] as const;
export type Arch = (typeof ARCHES)[number];
export type PlatformKey = `${Platform}-${Arch}`;

/** How an asset is packed: a gzipped tar, a zip, or the executable itself. */
export type ArchiveType = 'tar.gz' | 'zip' | 'binary';

export interface ToolAsset {
  /** The release asset's file name, as published (also its name under a mirror). */
  file: string;
  /** Where the release publishes it. */
  url: string;
  archive: ArchiveType;
  /** The executable's path inside the archive; for 'binary', the name it is installed under. */
  binary: string;
  /** SHA-256 of the asset file, lowercase hex. */
  sha256: string;
}

export interface ToolEntry {
  name: ToolName;
  /** The pinned version (what is downloaded). */
  version: string;
  /** A semver range: a binary on PATH whose version satisfies it is used instead of a download. */
  allowed: string;
  /** Arguments that make the tool print its version (read by parseVersionOutput). */
  versionArgs: readonly string[];
  /** The release page, for error messages. */
  releasePage: string;
  assets: Partial<Record<PlatformKey, ToolAsset>>;
}

const SYFT_VERSION = '1.44.0';
const SYFT_DOWNLOAD = `https://github.com/anchore/syft/releases/download/v${SYFT_VERSION}`;
const GOSEC_VERSION = '2.28.0';
const GOSEC_DOWNLOAD = `https://github.com/securego/gosec/releases/download/v${GOSEC_VERSION}`;
const OPENGREP_VERSION = '1.29.0';
const OPENGREP_DOWNLOAD = `https://github.com/opengrep/opengrep/releases/download/v${OPENGREP_VERSION}`;

function asset(base: string, file: string, archive: ArchiveType, binary: string, sha256: string): ToolAsset {
  return { file, url: `${base}/${file}`, archive, binary, sha256 };
}

export const TOOLS: Readonly<Record<ToolName, ToolEntry>> = {
  // Syft: SBOMs of container images. goreleaser archives with `syft` (`syft.exe`) at the top.
  // The four tar.gz digests are quoted identically, each with its file name, in at least three
  // unrelated projects that verify the download before use: a Go scanner manifest (stored file
  // 54771603809), a Python managed-tool installer whose comment says "sha256s pulled from the
  // upstream syft_1.44.0_checksums.txt" (61948857571), an install-syft shell script
  // (56604367316), a tool bootstrap script (55862534833); linux ones also in a Dockerfile that
  // runs `sha256sum -c` (60800003660) and a TypeScript scanner table (59061046893).
  syft: {
    name: 'syft',
    version: SYFT_VERSION,
    allowed: `>=${SYFT_VERSION} <2.0.0`,
    versionArgs: ['version'],
    releasePage: `https://github.com/anchore/syft/releases/tag/v${SYFT_VERSION}`,
    assets: {
      'linux-x64': asset(
        SYFT_DOWNLOAD,
        `syft_${SYFT_VERSION}_linux_amd64.tar.gz`,
        'tar.gz',
        'syft',
        '0e91737aee2b5baf1d255b959630194a302335d848ff97bb07921eb6205b5f5a', // sources above
      ),
      'linux-arm64': asset(
        SYFT_DOWNLOAD,
        `syft_${SYFT_VERSION}_linux_arm64.tar.gz`,
        'tar.gz',
        'syft',
        '6f6cdcdc695721d91ce756e3b5bc3e3416599c464101f5e32e9c3f33054ee6d9', // sources above
      ),
      'darwin-x64': asset(
        SYFT_DOWNLOAD,
        `syft_${SYFT_VERSION}_darwin_amd64.tar.gz`,
        'tar.gz',
        'syft',
        'c40ece5407927327f94f35901727dbc604b46857e04f04ec94a310845fb71bde', // sources above
      ),
      'darwin-arm64': asset(
        SYFT_DOWNLOAD,
        `syft_${SYFT_VERSION}_darwin_arm64.tar.gz`,
        'tar.gz',
        'syft',
        '24e4d34078ae81da7c82539616f0ccac3e226cf4f74a38ce6fb3463619e50a55', // sources above
      ),
      // Scoop manifests bucket/syft.json of duzyn/scoop-cn and SDustDreams/scoop-proxy-cn, version
      // 1.44.0 (their autoupdate reads the hash from syft_1.44.0_checksums.txt).
      'win32-x64': asset(
        SYFT_DOWNLOAD,
        `syft_${SYFT_VERSION}_windows_amd64.zip`,
        'zip',
        'syft.exe',
        '195e786eb84ec145854f20528992e86637c77d1968731dfe6ce850c90e28f47a',
      ),
    },
  },
  // gosec: Go SAST. goreleaser archives (tar.gz on every platform) with `gosec` at the top.
  // Each digest is quoted with its file name in three unrelated projects: a Go tool-install
  // manifest ("Draugr", stored file 57468101340), a static-analysis setup script that picks the
  // digest by `go env GOOS/GOARCH` (71631154564), and a security-tool bootstrap script
  // (68477592829); linux-x64 also in a script quoting "upstream gosec_2.28.0_checksums.txt"
  // (59280252670). Windows (gosec_2.28.0_windows_amd64.tar.gz) is left out: no source found.
  gosec: {
    name: 'gosec',
    version: GOSEC_VERSION,
    allowed: `>=${GOSEC_VERSION} <3.0.0`,
    versionArgs: ['-version'],
    releasePage: `https://github.com/securego/gosec/releases/tag/v${GOSEC_VERSION}`,
    assets: {
      'linux-x64': asset(
        GOSEC_DOWNLOAD,
        `gosec_${GOSEC_VERSION}_linux_amd64.tar.gz`,
        'tar.gz',
        'gosec',
        'd7882e505b1ff345d458bf0e893eec8019bc849f861ad73a212869540dd505ff', // sources above
      ),
      'linux-arm64': asset(
        GOSEC_DOWNLOAD,
        `gosec_${GOSEC_VERSION}_linux_arm64.tar.gz`,
        'tar.gz',
        'gosec',
        '63259681b6e4b9e7a24d4e187b485e75d3844d28d512b0c97dc831e51d374720', // sources above
      ),
      'darwin-x64': asset(
        GOSEC_DOWNLOAD,
        `gosec_${GOSEC_VERSION}_darwin_amd64.tar.gz`,
        'tar.gz',
        'gosec',
        'ad23af3a6bfef8112a2da386acd61ede1374c8d022c06d8ef130ccf9748311d4', // sources above
      ),
      'darwin-arm64': asset(
        GOSEC_DOWNLOAD,
        `gosec_${GOSEC_VERSION}_darwin_arm64.tar.gz`,
        'tar.gz',
        'gosec',
        '6c4993a0ab5e3007d66c87cbcb4e3948f8000971f8eeaf3ac269cbc87a603ba4', // sources above
      ),
    },
  },
  // Opengrep: the open fork of Semgrep. Each asset is the executable itself (no archive).
  // All five digests are quoted with their file names in a Homebrew-style formula for 1.29.0
  // (stored file 66144635394, the four non-Windows ones), a Go installer that also pins each
  // file's size ("skill-xray", 69436057066), and a Python table `PINNED_VERSION = "v1.29.0"`
  // (71303041341); linux-x64 and win32-x64 also in an audit record (59762914116), the linux
  // ones in a Dockerfile that verifies them (66840567890). The musllinux builds are not used.
  opengrep: {
    name: 'opengrep',
    version: OPENGREP_VERSION,
    allowed: `>=${OPENGREP_VERSION} <2.0.0`,
    versionArgs: ['--version'],
    releasePage: `https://github.com/opengrep/opengrep/releases/tag/v${OPENGREP_VERSION}`,
    assets: {
      'linux-x64': asset(
        OPENGREP_DOWNLOAD,
        'opengrep_manylinux_x86',
        'binary',
        'opengrep',
        '3365ef49d04893e01338d85d9bbd49b2bd5261ad4c9c0df0a6a0f8d44232ae13', // sources above
      ),
      'linux-arm64': asset(
        OPENGREP_DOWNLOAD,
        'opengrep_manylinux_aarch64',
        'binary',
        'opengrep',
        'db3cda6e6e53251a3874e62b7c8493c281508480b3f3b4db554be41583b21174', // sources above
      ),
      'darwin-x64': asset(
        OPENGREP_DOWNLOAD,
        'opengrep_osx_x86',
        'binary',
        'opengrep',
        '7173bd701491b58e1d1f62c24470ca0be124ecd63885c4d6293cbf71fd706508', // sources above
      ),
      'darwin-arm64': asset(
        OPENGREP_DOWNLOAD,
        'opengrep_osx_arm64',
        'binary',
        'opengrep',
        'dacc12a24e95b22c8b1ab55be1777b6eb877a922c5571a95b9a8de30f3963438', // sources above
      ),
      'win32-x64': asset(
        OPENGREP_DOWNLOAD,
        'opengrep_windows_x86.exe',
        'binary',
        'opengrep.exe',
        'ee485b31912704dc6410bc43f04b5c6ad896697db56e360a98204abf95fa1025', // sources above
      ),
    },
  },
};

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

function entryOf(tool: ToolName | ToolEntry): ToolEntry {
  return typeof tool === 'string' ? TOOLS[tool] : tool;
}

/** The asset for a platform (Node's names), or undefined when the catalogue has none for it. */
export function selectAsset(
  tool: ToolName | ToolEntry,
  platform: string,
  arch: string,
): ToolAsset | undefined {
  const assets: Partial<Record<string, ToolAsset>> = entryOf(tool).assets;
  return assets[`${platform}-${arch}`];
}

/** The platforms an entry has assets for, in catalogue order ("linux-x64", …). */
export function supportedPlatforms(tool: ToolName | ToolEntry): PlatformKey[] {
  return Object.keys(entryOf(tool).assets) as PlatformKey[];
}

const SEMVER_TEXT = String.raw`v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)`;

/** Patterns that find the version in each tool's version output, tried in order. */
const VERSION_PATTERNS: Record<ToolName, RegExp[]> = {
  // `syft version`: "Application:   syft\nVersion:   1.44.0\n…"; `syft --version`: "syft 1.44.0";
  // `syft version -o json`: {"application":"syft",…,"version":"1.44.0"}.
  syft: [
    new RegExp(String.raw`^Version:[ \t]+${SEMVER_TEXT}[ \t]*$`, 'm'),
    new RegExp(String.raw`^syft[ \t]+${SEMVER_TEXT}[ \t]*$`, 'm'),
    new RegExp(String.raw`"version"[ \t]*:[ \t]*"${SEMVER_TEXT}"`),
  ],
  // `gosec -version`: "Version: 2.28.0\nGit tag: v2.28.0\nBuild date: …".
  gosec: [new RegExp(String.raw`^Version:[ \t]+${SEMVER_TEXT}[ \t]*$`, 'm')],
  // `opengrep --version`: "1.29.0" alone on a line.
  opengrep: [new RegExp(String.raw`^${SEMVER_TEXT}[ \t]*$`, 'm')],
};

/**
 * The version a tool printed, or undefined when its output has none (a development build prints
 * "[not provided]" or "dev", which is no version to trust).
 */
export function parseVersionOutput(tool: ToolName | ToolEntry, stdout: string): string | undefined {
  const text = stdout.replace(/\r\n?/g, '\n');
  for (const pattern of VERSION_PATTERNS[entryOf(tool).name]) {
    const found = pattern.exec(text)?.[1];
    if (found !== undefined && semver.valid(found) !== null) return semver.valid(found) ?? undefined;
  }
  return undefined;
}

/** Whether a version may be used as is: within the entry's range (pre-releases never are). */
export function isAllowedVersion(tool: ToolName | ToolEntry, version: string): boolean {
  const valid = semver.valid(version);
  return valid !== null && semver.satisfies(valid, entryOf(tool).allowed);
}
