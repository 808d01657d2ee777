import { describe, expect, it } from '@jest/globals';
import { parseComposerLock } from '../../../src/inventory/composer.js';
import { isDevConfiguration, parseGradleLockfile } from '../../../src/inventory/gradle.js';
import { parseNugetLock } from '../../../src/inventory/nuget.js';

const COMPOSER_LOCK = `{
    "content-hash": "x",
    "packages": [
        {
            "name": "symfony/console",
            "version": "v5.4.47",
            "require": {"symfony/string": "^5.1"},
            "license": ["MIT"]
        },
        {
            "name": "symfony/string",
            "version": "v5.4.47",
            "license": ["MIT", "GPL-2.0-or-later"]
        },
        {
            "name": "acme/branch",
            "version": "dev-main",
            "source": {"type": "git", "url": "https://x", "reference": "abc123"},
            "license": ["proprietary"]
        },
        {
            "name": "acme/local",
            "version": "dev-main",
            "dist": {"type": "path", "url": "../local"}
        }
    ],
    "packages-dev": [
        {
            "name": "phpunit/phpunit",
            "version": "10.5.0",
            "license": "BSD-3-Clause"
        }
    ]
}
`;

describe('parseComposerLock', () => {
  const p = parseComposerLock(COMPOSER_LOCK, 'composer.lock');

  it('packages are prod, packages-dev dev; versions without v; purls with the version as written', () => {
    expect(p.components.map((c) => [c.name, c.version, c.scope, c.line, c.purl])).toEqual([
      ['symfony/console', '5.4.47', 'prod', 6, 'pkg:composer/symfony/console@v5.4.47'],
      ['symfony/string', '5.4.47', 'prod', 12, 'pkg:composer/symfony/string@v5.4.47'],
      ['acme/branch', 'dev-main', 'prod', 17, 'pkg:composer/acme/branch@dev-main'],
      ['phpunit/phpunit', '10.5.0', 'dev', 30, 'pkg:composer/phpunit/phpunit@10.5.0'],
    ]);
  });

  it('licences: an array is an OR of SPDX ids; non-SPDX entries are left out', () => {
    expect(p.components.map((c) => c.license)).toEqual([
      'MIT',
      'MIT OR GPL-2.0-or-later',
      undefined,
      'BSD-3-Clause',
    ]);
  });

  it('warns that a branch version is not a release; skips path packages', () => {
    expect(p.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        line: 17,
        message: expect.stringContaining('dev-main at abc123'),
      }),
    ]);
    expect(p.components.some((c) => c.name === 'acme/local')).toBe(false);
  });

  it('direct: what composer.json requires, else what no locked package requires', () => {
    expect(p.components.filter((c) => c.direct).map((c) => c.name)).toEqual([
      'symfony/console',
      'acme/branch',
      'phpunit/phpunit',
    ]);
    const withJson = parseComposerLock(
      COMPOSER_LOCK,
      'composer.lock',
      '{"require": {"php": ">=8.1", "Symfony/String": "^5"}, "require-dev": {"phpunit/phpunit": "^10"}}',
    );
    expect(withJson.components.filter((c) => c.direct).map((c) => c.name)).toEqual([
      'symfony/string',
      'phpunit/phpunit',
    ]);
    const badJson = parseComposerLock(COMPOSER_LOCK, 'composer.lock', '{');
    expect(badJson.problems[0]).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('composer.json'),
    });
  });

  it('takes a package called __proto__ like any other', () => {
    const q = parseComposerLock(
      '{"packages": [{"name": "__proto__", "version": "1.0.0", "require": {"__proto__": "*"}}]}',
      'composer.lock',
    );
    expect(q.components.map((c) => [c.name, c.version])).toEqual([['__proto__', '1.0.0']]);
  });

  it.each([
    [
      '{\n  "packages": [\n    {"name": "a", "version": "1.0.0"}\n    {"name": "b"}\n  ]\n}\n',
      4,
      'a comma is expected',
    ],
    ['{"content-hash": "x"}', 1, 'has no "packages" list'],
  ])('a broken composer.lock is an error with its line: %j', (text, line, message) => {
    const q = parseComposerLock(text, 'composer.lock');
    expect(q.components).toEqual([]);
    expect(q.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        line,
        message: expect.stringContaining(message),
        hint: expect.any(String),
      }),
    ]);
  });
});

const GRADLE_LOCKFILE = `# This is a Gradle generated file for dependency locking.
# Manual edits can break the build and are not advised.
# This file is expected to be part of source control.
com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath,testRuntimeClasspath
junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath
org.mockito:mockito-core:5.0.0=java17TestRuntimeClasspath,integrationTestRuntimeClasspath
com.puppycrawl.tools:checkstyle:10.17.0=checkstyle
org.jacoco:org.jacoco.agent:0.8.11=jacocoAgent,jacocoAnt
com.google.auto.service:auto-service:1.1.1=annotationProcessor,java17AnnotationProcessor
org.slf4j:slf4j-api:2.0.9=java17RuntimeClasspath,sonarlintCoreClasspath
empty=testAnnotationProcessor
`;

describe('parseGradleLockfile', () => {
  it('gradle.lockfile: a component per coordinate line; dev when only test or tool configurations use it', () => {
    const p = parseGradleLockfile(GRADLE_LOCKFILE, 'app/gradle.lockfile');
    expect(p.format).toBe('gradle.lockfile');
    expect(p.components.map((c) => [c.name, c.version, c.scope, c.line])).toEqual([
      ['com.google.guava:guava', '33.0.0-jre', 'prod', 4],
      ['junit:junit', '4.13.2', 'dev', 5],
      ['org.mockito:mockito-core', '5.0.0', 'dev', 6],
      ['com.puppycrawl.tools:checkstyle', '10.17.0', 'dev', 7],
      ['org.jacoco:org.jacoco.agent', '0.8.11', 'dev', 8],
      ['com.google.auto.service:auto-service', '1.1.1', 'dev', 9],
      ['org.slf4j:slf4j-api', '2.0.9', 'prod', 10],
    ]);
    expect(p.components[0]?.purl).toBe('pkg:maven/com.google.guava/guava@33.0.0-jre');
    expect(p.components.every((c) => !c.direct)).toBe(true);
    expect(p.problems).toEqual([]);
  });

  it('buildscript-gradle.lockfile is the build tooling: dev', () => {
    const p = parseGradleLockfile('org.example:plugin:1.0=classpath\n', 'buildscript-gradle.lockfile');
    expect(p.components[0]).toMatchObject({ name: 'org.example:plugin', scope: 'dev' });
  });

  it('legacy gradle/dependency-locks/<configuration>.lockfile: scope from the file name', () => {
    const text = '# comment\norg.example:lib:1.0\n';
    expect(
      parseGradleLockfile(text, 'gradle/dependency-locks/runtimeClasspath.lockfile').components[0],
    ).toMatchObject({
      scope: 'prod',
      line: 2,
    });
    expect(
      parseGradleLockfile(text, 'gradle/dependency-locks/testCompileClasspath.lockfile').components[0]?.scope,
    ).toBe('dev');
    expect(
      parseGradleLockfile(text, 'gradle/dependency-locks/buildscript-classpath.lockfile').components[0]
        ?.scope,
    ).toBe('dev');
    expect(parseGradleLockfile(text, 'gradle/dependency-locks/runtimeClasspath.lockfile').format).toBe(
      'Gradle dependency-locks (per configuration)',
    );
  });

  it.each([
    ['testRuntimeClasspath', true],
    ['java17TestCompileClasspath', true],
    ['integrationTestRuntimeClasspath', true],
    ['checkstyle', true],
    ['kaptTest', true],
    ['runtimeClasspath', false],
    ['compileClasspath', false],
    ['java21RuntimeClasspath', false],
    ['testedRuntimeClasspath', false],
  ])('%s is a dev configuration: %s', (configuration, dev) => {
    expect(isDevConfiguration(configuration)).toBe(dev);
  });

  it('takes an artifact called __proto__ like any other', () => {
    const p = parseGradleLockfile('__proto__:__proto__:1.0=runtimeClasspath\n', 'gradle.lockfile');
    expect(p.components.map((c) => c.name)).toEqual(['__proto__:__proto__']);
  });

  it.each([
    [
      'com.google.guava:guava:33.0.0-jre=compileClasspath\ncom.google.guava:guava\n',
      2,
      'has no "=configurations" part',
    ],
    ['# x\nguava:33.0=compileClasspath\n', 2, 'is not group:artifact:version'],
  ])('a broken gradle.lockfile is an error with its line: %j', (text, line, message) => {
    const p = parseGradleLockfile(text, 'gradle.lockfile');
    expect(p.components).toEqual([]);
    expect(p.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        line,
        message: expect.stringContaining(message),
        hint: expect.any(String),
      }),
    ]);
  });
});

const NUGET_LOCK = [
  '\uFEFF{',
  '  "version": 1,',
  '  "dependencies": {',
  '    "net8.0": {',
  '      "Newtonsoft.Json": {',
  '        "type": "Direct",',
  '        "requested": "[13.0.1, )",',
  '        "resolved": "13.0.1",',
  '        "contentHash": "x"',
  '      },',
  '      "System.Memory": {',
  '        "type": "Transitive",',
  '        "resolved": "4.5.5"',
  '      },',
  '      "Other.Project": {',
  '        "type": "Project",',
  '        "dependencies": {}',
  '      }',
  '    },',
  '    "net8.0/linux-x64": {',
  '      "newtonsoft.json": {',
  '        "type": "Transitive",',
  '        "resolved": "13.0.1"',
  '      },',
  '      "Central.Pinned": {',
  '        "type": "CentralTransitive",',
  '        "requested": "[2.0.0, )",',
  '        "resolved": "2.0.0"',
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\r\n');

describe('parseNugetLock', () => {
  it('one component per package and version across frameworks; Project entries skipped', () => {
    const p = parseNugetLock(NUGET_LOCK, 'src/App/packages.lock.json');
    expect(p.format).toBe('packages.lock.json v1');
    expect(p.components.map((c) => [c.name, c.version, c.direct, c.scope, c.line])).toEqual([
      ['Newtonsoft.Json', '13.0.1', true, 'prod', 8],
      ['System.Memory', '4.5.5', false, 'prod', 13],
      ['Central.Pinned', '2.0.0', false, 'prod', 28],
    ]);
    expect(p.components[0]?.purl).toBe('pkg:nuget/Newtonsoft.Json@13.0.1');
    expect(p.problems).toEqual([]);
  });

  it('warns about a lockfile version it does not know', () => {
    const p = parseNugetLock('{"version": 7, "dependencies": {}}', 'packages.lock.json');
    expect(p.problems).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('version 7') }),
    ]);
  });

  it('takes a package called __proto__ like any other', () => {
    const p = parseNugetLock(
      '{"version": 1, "dependencies": {"__proto__": {"__proto__": {"type": "Direct", "resolved": "1.0.0"}}}}',
      'packages.lock.json',
    );
    expect(p.components.map((c) => [c.name, c.version])).toEqual([['__proto__', '1.0.0']]);
  });

  it.each([
    [
      '{\r\n  "version": 1,\r\n  "dependencies": {\r\n    "net8.0": {\r\n      "A": {"resolved": "1.0.0",}\r\n',
      5,
      'a property name in double quotes is expected',
    ],
    ['{"version": 1}', 1, 'has no "dependencies" object'],
  ])('a broken packages.lock.json is an error with its line: %j', (text, line, message) => {
    const p = parseNugetLock(text, 'packages.lock.json');
    expect(p.components).toEqual([]);
    expect(p.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        line,
        message: expect.stringContaining(message),
        hint: expect.any(String),
      }),
    ]);
  });
});
