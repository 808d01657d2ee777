import { describe, expect, it } from '@jest/globals';
import semver from 'semver';
import {
  ARCHES,
  PLATFORMS,
  TOOLS,
  TOOL_NAMES,
  isAllowedVersion,
  isToolName,
  parseVersionOutput,
  selectAsset,
  supportedPlatforms,
  type ToolName,
} from '../../src/tools/catalogue.js';

const REPOS: Record<ToolName, string> = {
  syft: 'anchore/syft',
  gosec: 'securego/gosec',
  opengrep: 'opengrep/opengrep',
};

const entries = TOOL_NAMES.map((name) => TOOLS[name]);
const assets = entries.flatMap((entry) =>
  Object.entries(entry.assets).map(([key, asset]) => ({ entry, key, asset })),
);

describe('the catalogue', () => {
  it('has an entry per tool name, keyed by its own name', () => {
    expect(Object.keys(TOOLS).sort()).toEqual([...TOOL_NAMES].sort());
    for (const name of TOOL_NAMES) expect(TOOLS[name].name).toBe(name);
  });

  it.each(entries)('$name: pins a release version inside its allowed range', (entry) => {
    expect(semver.valid(entry.version)).toBe(entry.version);
    expect(semver.validRange(entry.allowed)).not.toBeNull();
    expect(isAllowedVersion(entry, entry.version)).toBe(true);
    expect(entry.versionArgs.length).toBeGreaterThan(0);
    expect(entry.releasePage).toBe(`https://github.com/${REPOS[entry.name]}/releases/tag/v${entry.version}`);
  });

  it.each(assets)(
    '$entry.name $key: a GitHub release URL whose file name is the asset',
    ({ entry, key, asset }) => {
      const [platform, arch] = key.split('-');
      expect(PLATFORMS).toContain(platform);
      expect(ARCHES).toContain(arch);
      expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
      const url = new URL(asset.url);
      expect(url.protocol).toBe('https:');
      expect(url.host).toBe('github.com');
      expect(url.pathname).toBe(`/${REPOS[entry.name]}/releases/download/v${entry.version}/${asset.file}`);
      expect(decodeURIComponent(url.pathname.split('/').pop()!)).toBe(asset.file);
      const archive = asset.file.endsWith('.tar.gz')
        ? 'tar.gz'
        : asset.file.endsWith('.zip')
          ? 'zip'
          : 'binary';
      expect(asset.archive).toBe(archive);
      expect(asset.binary).toBe(platform === 'win32' ? `${entry.name}.exe` : entry.name);
      if (entry.name !== 'opengrep') expect(asset.file).toContain(`_${entry.version}_`);
    },
  );

  it('never gives two assets the same digest (a copy-paste slip)', () => {
    const digests = assets.map(({ asset }) => asset.sha256);
    expect(new Set(digests).size).toBe(digests.length);
  });

  it('holds the digests its sources quote (a change here must come with a new source)', () => {
    const table = Object.fromEntries(assets.map(({ asset }) => [asset.file, asset.sha256]));
    expect(table).toEqual({
      'syft_1.44.0_linux_amd64.tar.gz': '0e91737aee2b5baf1d255b959630194a302335d848ff97bb07921eb6205b5f5a',
      'syft_1.44.0_linux_arm64.tar.gz': '6f6cdcdc695721d91ce756e3b5bc3e3416599c464101f5e32e9c3f33054ee6d9',
      'syft_1.44.0_darwin_amd64.tar.gz': 'c40ece5407927327f94f35901727dbc604b46857e04f04ec94a310845fb71bde',
      'syft_1.44.0_darwin_arm64.tar.gz': '24e4d34078ae81da7c82539616f0ccac3e226cf4f74a38ce6fb3463619e50a55',
      'syft_1.44.0_windows_amd64.zip': '195e786eb84ec145854f20528992e86637c77d1968731dfe6ce850c90e28f47a',
      'gosec_2.28.0_linux_amd64.tar.gz': 'd7882e505b1ff345d458bf0e893eec8019bc849f861ad73a212869540dd505ff',
      'gosec_2.28.0_linux_arm64.tar.gz': '63259681b6e4b9e7a24d4e187b485e75d3844d28d512b0c97dc831e51d374720',
      'gosec_2.28.0_darwin_amd64.tar.gz': 'ad23af3a6bfef8112a2da386acd61ede1374c8d022c06d8ef130ccf9748311d4',
      'gosec_2.28.0_darwin_arm64.tar.gz': '6c4993a0ab5e3007d66c87cbcb4e3948f8000971f8eeaf3ac269cbc87a603ba4',
      opengrep_manylinux_x86: '3365ef49d04893e01338d85d9bbd49b2bd5261ad4c9c0df0a6a0f8d44232ae13',
      opengrep_manylinux_aarch64: 'db3cda6e6e53251a3874e62b7c8493c281508480b3f3b4db554be41583b21174',
      opengrep_osx_x86: '7173bd701491b58e1d1f62c24470ca0be124ecd63885c4d6293cbf71fd706508',
      opengrep_osx_arm64: 'dacc12a24e95b22c8b1ab55be1777b6eb877a922c5571a95b9a8de30f3963438',
      'opengrep_windows_x86.exe': 'ee485b31912704dc6410bc43f04b5c6ad896697db56e360a98204abf95fa1025',
    });
  });

  it('knows its tool names', () => {
    expect(isToolName('syft')).toBe(true);
    expect(isToolName('semgrep')).toBe(false);
    expect(isToolName('toString')).toBe(false);
  });
});

describe('selectAsset', () => {
  it.each<[ToolName, string, string, string]>([
    ['syft', 'linux', 'x64', 'syft_1.44.0_linux_amd64.tar.gz'],
    ['syft', 'linux', 'arm64', 'syft_1.44.0_linux_arm64.tar.gz'],
    ['syft', 'darwin', 'x64', 'syft_1.44.0_darwin_amd64.tar.gz'],
    ['syft', 'darwin', 'arm64', 'syft_1.44.0_darwin_arm64.tar.gz'],
    ['syft', 'win32', 'x64', 'syft_1.44.0_windows_amd64.zip'],
    ['gosec', 'linux', 'x64', 'gosec_2.28.0_linux_amd64.tar.gz'],
    ['gosec', 'linux', 'arm64', 'gosec_2.28.0_linux_arm64.tar.gz'],
    ['gosec', 'darwin', 'x64', 'gosec_2.28.0_darwin_amd64.tar.gz'],
    ['gosec', 'darwin', 'arm64', 'gosec_2.28.0_darwin_arm64.tar.gz'],
    ['opengrep', 'linux', 'x64', 'opengrep_manylinux_x86'],
    ['opengrep', 'linux', 'arm64', 'opengrep_manylinux_aarch64'],
    ['opengrep', 'darwin', 'x64', 'opengrep_osx_x86'],
    ['opengrep', 'darwin', 'arm64', 'opengrep_osx_arm64'],
    ['opengrep', 'win32', 'x64', 'opengrep_windows_x86.exe'],
  ])('%s on %s-%s → %s', (tool, platform, arch, file) => {
    expect(selectAsset(tool, platform, arch)?.file).toBe(file);
    expect(selectAsset(TOOLS[tool], platform, arch)?.file).toBe(file);
  });

  it('has nothing for platforms without a trustworthy digest or a build', () => {
    expect(selectAsset('gosec', 'win32', 'x64')).toBeUndefined();
    expect(selectAsset('syft', 'win32', 'arm64')).toBeUndefined();
    expect(selectAsset('syft', 'freebsd', 'x64')).toBeUndefined();
    expect(selectAsset('syft', 'linux', 'ia32')).toBeUndefined();
    expect(selectAsset('syft', 'linux', 'amd64')).toBeUndefined(); // Node's names only
    expect(supportedPlatforms('gosec')).toEqual(['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64']);
  });
});

describe('parseVersionOutput', () => {
  it('reads `syft version` of a release build', () => {
    // Real output of syft 0.69.0 `syft version`, as quoted in a public walkthrough (stored file
    // 14339648195 of the search index).
    const output = [
      'Application:        syft',
      'Version:            0.69.0',
      'JsonSchemaVersion:  6.2.0',
      'BuildDate:          2023-01-30T19:00:28Z',
      'GitCommit:          b81c9805dcc9bf25dad7659fd9c2bbf7dd3f3d90',
      'GitDescription:     v0.69.0',
      'Platform:           darwin/amd64',
      'GoVersion:          go1.18.10',
      'Compiler:           gc',
      '',
    ].join('\n');
    expect(parseVersionOutput('syft', output)).toBe('0.69.0');
    expect(isAllowedVersion('syft', '0.69.0')).toBe(false);
    // Windows line ends.
    expect(parseVersionOutput('syft', output.replace(/\n/g, '\r\n'))).toBe('0.69.0');
  });

  it('finds no version in a development build of syft', () => {
    // From anchore/syft pull request #3949 (its author's `go run cmd/syft/main.go version`): the
    // newer layout, with SyftSchemaVersion last, which must not be read as the version.
    const text = [
      'Application:       syft',
      'Version:           [not provided]',
      'BuildDate:         [not provided]',
      'GitCommit:         [not provided]',
      'GitDescription:    [not provided]',
      'Platform:          darwin/arm64',
      'GoVersion:         go1.24.3',
      'Compiler:          gc',
      'SyftSchemaVersion: 16.0.34',
    ].join('\n');
    expect(parseVersionOutput('syft', text)).toBeUndefined();
    // The same pull request's `-o json version`.
    const json = `{
 "application": "syft",
 "buildDate": "[not provided]",
 "compiler": "gc",
 "gitCommit": "[not provided]",
 "gitDescription": "[not provided]",
 "goVersion": "go1.24.3",
 "platform": "darwin/arm64",
 "syftSchemaVersion": "16.0.34",
 "version": "[not provided]"
}`;
    expect(parseVersionOutput('syft', json)).toBeUndefined();
    // The layout of that pull request with a release's version in it.
    expect(
      parseVersionOutput(
        'syft',
        text.replace('Version:           [not provided]', 'Version:           1.44.0'),
      ),
    ).toBe('1.44.0');
    expect(
      parseVersionOutput('syft', json.replace('"version": "[not provided]"', '"version": "1.44.0"')),
    ).toBe('1.44.0');
  });

  it('reads `syft --version`', () => {
    // Real output quoted in a public README ("check version after installed").
    expect(parseVersionOutput('syft', 'syft 0.85.0\n')).toBe('0.85.0');
    expect(parseVersionOutput('syft', 'syft [not provided]\n')).toBeUndefined();
  });

  it('reads `gosec -version`', () => {
    // gosec's cmd/gosec/main.go: fmt.Printf("Version: %s\nGit tag: %s\nBuild date: %s\n", …), with
    // goreleaser's -X main.Version={{.Version}} (no "v") and main.GitTag={{.Tag}}.
    const output = 'Version: 2.28.0\nGit tag: v2.28.0\nBuild date: 2025-10-01T00:00:00Z\n';
    expect(parseVersionOutput('gosec', output)).toBe('2.28.0');
    expect(parseVersionOutput('gosec', 'Version: dev\nGit tag: \nBuild date: \n')).toBeUndefined();
  });

  it('reads `opengrep --version`', () => {
    // Opengrep prints the bare version ("$ opengrep --version\nX.Y.Z" in its docs).
    expect(parseVersionOutput('opengrep', '1.29.0\n')).toBe('1.29.0');
    expect(parseVersionOutput('opengrep', 'A new version of Opengrep is available\n1.30.2\n')).toBe('1.30.2');
    expect(parseVersionOutput('opengrep', 'opengrep: command not found\n')).toBeUndefined();
    expect(parseVersionOutput('opengrep', '')).toBeUndefined();
  });

  it('strips a leading v', () => {
    expect(parseVersionOutput('syft', 'syft v1.44.0')).toBe('1.44.0');
    expect(parseVersionOutput('opengrep', 'v1.29.0')).toBe('1.29.0');
  });
});

describe('isAllowedVersion', () => {
  it.each<[ToolName, string, boolean]>([
    ['syft', '1.44.0', true],
    ['syft', '1.51.1', true],
    ['syft', '1.43.9', false],
    ['syft', '2.0.0', false],
    ['syft', '1.45.0-rc.1', false],
    ['syft', 'not a version', false],
    ['gosec', '2.28.0', true],
    ['gosec', '2.22.4', false],
    ['opengrep', '1.30.2', true],
    ['opengrep', '1.16.0', false],
  ])('%s %s → %s', (tool, version, allowed) => {
    expect(isAllowedVersion(tool, version)).toBe(allowed);
  });
});
