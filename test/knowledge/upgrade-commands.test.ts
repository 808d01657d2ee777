import { describe, expect, it, test } from '@jest/globals';
import { packageManagerFor, upgradeCommand } from '../../src/knowledge/upgrade-commands.js';
import { section } from './research.js';

describe('upgradeCommand: the research §4 command of each ecosystem', () => {
  test.each([
    // [ecosystem, name, version, manifest, command]
    ['npm', 'lodash', '4.17.21', undefined, 'npm install lodash@4.17.21'],
    ['npm', '@babel/traverse', '7.23.2', 'package-lock.json', 'npm install @babel/traverse@7.23.2'],
    ['npm', 'lodash', '4.17.21', 'yarn.lock', 'yarn upgrade lodash@4.17.21'],
    ['npm', 'lodash', '4.17.21', 'app/.yarnrc.yml', 'yarn up lodash@4.17.21'],
    ['yarn', 'lodash', '4.17.21', undefined, 'yarn upgrade lodash@4.17.21'],
    ['yarn-berry', 'lodash', '4.17.21', 'yarn.lock', 'yarn up lodash@4.17.21'],
    ['npm', 'lodash', '4.17.21', 'packages/web/pnpm-lock.yaml', 'pnpm update lodash@4.17.21'],
    ['pnpm', 'lodash', '4.17.21', undefined, 'pnpm update lodash@4.17.21'],
    ['PyPI', 'requests', '2.31.0', 'requirements.txt', "pip install --upgrade 'requests==2.31.0'"],
    ['pip', 'Django', '4.2.7', undefined, "pip install --upgrade 'Django==4.2.7'"],
    ['PyPI', 'requests', '2.31.0', 'poetry.lock', "poetry add 'requests@^2.31.0'"],
    ['poetry', 'requests', '2.31.0', undefined, "poetry add 'requests@^2.31.0'"],
    ['PyPI', 'requests', '2.31.0', 'uv.lock', "uv add 'requests>=2.31.0'"],
    ['uv', 'requests', '2.31.0', undefined, "uv add 'requests>=2.31.0'"],
    ['PyPI', 'requests', '2.31.0', 'Pipfile.lock', "pipenv install 'requests>=2.31.0'"],
    ['Pipfile', 'requests', '2.31.0', undefined, "pipenv install 'requests>=2.31.0'"],
    ['Go', 'golang.org/x/net', '0.17.0', 'go.mod', 'go get golang.org/x/net@v0.17.0 && go mod tidy'],
    [
      'go',
      'github.com/docker/docker',
      'v24.0.7+incompatible',
      undefined,
      'go get github.com/docker/docker@v24.0.7+incompatible && go mod tidy',
    ],
    ['crates.io', 'openssl', '0.10.60', 'Cargo.lock', 'cargo update -p openssl --precise 0.10.60'],
    ['cargo', 'serde_json', '1.0.108', undefined, 'cargo update -p serde_json --precise 1.0.108'],
    ['RubyGems', 'nokogiri', '1.15.5', 'Gemfile.lock', 'bundle update nokogiri'],
    ['bundler', 'rails', '7.0.8.1', undefined, 'bundle update rails'],
    [
      'Packagist',
      'guzzlehttp/guzzle',
      '7.4.5',
      'composer.lock',
      "composer require 'guzzlehttp/guzzle:^7.4.5'",
    ],
    [
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.17.1',
      'pom.xml',
      'mvn versions:use-dep-version -Dincludes=org.apache.logging.log4j:log4j-core -DdepVersion=2.17.1',
    ],
    [
      'Maven',
      'com.fasterxml.jackson.core:jackson-databind',
      '2.15.3',
      'gradle.lockfile',
      './gradlew dependencies --update-locks com.fasterxml.jackson.core:jackson-databind',
    ],
    [
      'gradle',
      'org.yaml:snakeyaml',
      '2.0',
      'gradle/dependency-locks/compileClasspath.lockfile',
      './gradlew dependencies --update-locks org.yaml:snakeyaml',
    ],
    [
      'NuGet',
      'Newtonsoft.Json',
      '13.0.1',
      'App.csproj',
      'dotnet add package Newtonsoft.Json --version 13.0.1',
    ],
    ['nuget', 'System.Text.Json', '8.0.4', undefined, 'dotnet add package System.Text.Json --version 8.0.4'],
  ])('%s %s %s (%s)', (ecosystem, name, version, manifest, command) => {
    expect(upgradeCommand(ecosystem, name, version, manifest)).toBe(command);
  });

  it('each command form is the one research §4 gives', () => {
    const table = section(4);
    for (const form of [
      'npm install <pkg>@<ver>',
      'yarn upgrade <pkg>@<ver>',
      'yarn up <pkg>@<ver>',
      'pnpm update <pkg>@<ver>',
      "pip install --upgrade '<pkg>==<ver>'",
      'poetry add <pkg>@^<ver>',
      "uv add '<pkg>>=<ver>'",
      'go get <module>@v<ver>',
      'go mod tidy',
      'cargo update -p <crate> --precise <ver>',
      'bundle update <gem>',
      'composer require <vendor/pkg>:^<ver>',
      'mvn versions:use-dep-version -Dincludes=<g>:<a> -DdepVersion=<ver>',
      './gradlew dependencies --update-locks <g>:<a>',
      'dotnet add package <Pkg> --version <ver>',
    ])
      expect(table).toContain(form);
  });

  it('is undefined for unknown ecosystems and where there is no command to run', () => {
    expect(upgradeCommand('Hackage', 'aeson', '2.2.0.0')).toBeUndefined();
    expect(upgradeCommand('', 'lodash', '1.0.0')).toBeUndefined();
    expect(upgradeCommand('__proto__', 'lodash', '1.0.0')).toBeUndefined();
    // Gradle without dependency locking: the fix is an edit of build.gradle.
    expect(upgradeCommand('Maven', 'org.yaml:snakeyaml', '2.0', 'build.gradle.kts')).toBeUndefined();
    expect(upgradeCommand('gradle', 'org.yaml:snakeyaml', '2.0')).toBeUndefined();
    // The Go standard library moves with the toolchain.
    expect(upgradeCommand('Go', 'stdlib', '1.21.4')).toBeUndefined();
  });
});

describe('upgradeCommand refuses what is not safe to paste into a shell', () => {
  const unsafeNames = [
    'lodash; rm -rf /',
    '$(id)',
    '`id`',
    'lodash`id`',
    'lodash\nrm -rf /',
    'lodash\r\nid',
    "lo'dash",
    'lo"dash',
    'lodash && id',
    'lodash|id',
    'lodash>out',
    'lodash<in',
    'lo dash',
    'lo\tdash',
    '${IFS}',
    'lodash$HOME',
    '-rf',
    '--registry=https://evil.example',
    '../evil',
    './evil',
    '/etc/passwd',
    'file:../evil',
    'git+https://evil.example/x.git',
    'lodash#main',
    'lo*',
    'lodash?',
    '~/x',
    '',
    'x'.repeat(300),
    'lodash\u0000',
    'lodash\u202e',
  ];
  const ecosystems = [
    'npm',
    'yarn',
    'pnpm',
    'PyPI',
    'poetry',
    'uv',
    'Pipfile',
    'Go',
    'crates.io',
    'RubyGems',
    'NuGet',
  ];

  test.each(unsafeNames.map((n) => [JSON.stringify(n), n]))('name %s', (_label, name) => {
    for (const ecosystem of ecosystems) expect(upgradeCommand(ecosystem, name, '1.0.0')).toBeUndefined();
    expect(upgradeCommand('Packagist', `vendor/${name}`, '1.0.0')).toBeUndefined();
    expect(upgradeCommand('Maven', `org.example:${name}`, '1.0.0', 'pom.xml')).toBeUndefined();
    expect(upgradeCommand('Maven', `org.example:${name}`, '1.0.0', 'gradle.lockfile')).toBeUndefined();
  });

  test.each(
    [
      '1.0.0; rm -rf /',
      '$(id)',
      '`id`',
      '1.0.0\nid',
      "1.0'",
      '-1.0',
      '>=1.0',
      '1.0 || 2.0',
      '',
      '1!2.0',
      '1.0$x',
    ].map((v) => [JSON.stringify(v), v]),
  )('version %s', (_label, version) => {
    for (const ecosystem of [...ecosystems, 'Packagist', 'Maven']) {
      const name = ecosystem === 'Packagist' ? 'vendor/pkg' : ecosystem === 'Maven' ? 'g:a' : 'pkg';
      expect(
        upgradeCommand(ecosystem, name, version, ecosystem === 'Maven' ? 'pom.xml' : undefined),
      ).toBeUndefined();
    }
  });

  it('quotes what a shell would expand, and nothing that could close the quote gets through', () => {
    expect(upgradeCommand('npm', 'tilde~name', '1.0.0')).toBe("npm install 'tilde~name@1.0.0'");
    expect(upgradeCommand('crates.io', 'x', '1.0.0~rc1')).toBe("cargo update -p x --precise '1.0.0~rc1'");
    for (const ecosystem of ['npm', 'PyPI', 'Go', 'Maven', 'NuGet'])
      expect(upgradeCommand(ecosystem, "a'b", '1.0')).toBeUndefined();
  });
});

describe('packageManagerFor', () => {
  it('an explicit package manager is not overridden by the manifest', () => {
    expect(packageManagerFor('pip', 'poetry.lock')).toBe('pip');
    expect(packageManagerFor('pnpm', 'yarn.lock')).toBe('pnpm');
    expect(packageManagerFor('yarn', '.yarnrc.yml')).toBe('yarn-berry');
    expect(packageManagerFor('PyPI', 'pyproject.toml')).toBe('pip');
    expect(packageManagerFor('npm', 'poetry.lock')).toBe('npm');
    expect(packageManagerFor('Maven', 'C:\\src\\app\\build.gradle')).toBe('gradle');
    expect(packageManagerFor('Hackage')).toBeUndefined();
  });
});

describe('lockfiles the dependency review reads pick their own package manager', () => {
  it('bun, and every Gradle lockfile form', () => {
    expect(upgradeCommand('npm', 'hono', '4.6.5', 'web/bun.lock')).toBe('bun add hono@4.6.5');
    for (const lockfile of [
      'gradle.lockfile',
      'buildscript-gradle.lockfile',
      'settings-gradle.lockfile',
      'gradle/dependency-locks/compileClasspath.lockfile',
    ]) {
      expect(upgradeCommand('Maven', 'org.yaml:snakeyaml', '2.0', lockfile)).toBe(
        './gradlew dependencies --update-locks org.yaml:snakeyaml',
      );
    }
    // A .lockfile elsewhere is not Gradle's.
    expect(packageManagerFor('Maven', 'locks/compileClasspath.lockfile')).toBe('maven');
  });
});
