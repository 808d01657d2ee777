import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ManifestParser } from '../../../src/inventory/component.js';
import { parseCargoLock } from '../../../src/inventory/cargo.js';
import { parseComposerLock } from '../../../src/inventory/composer.js';
import { parseGemfileLock } from '../../../src/inventory/gemfile.js';
import { parseGoMod } from '../../../src/inventory/go-mod.js';
import { parseGradleLockfile } from '../../../src/inventory/gradle.js';
import { parsePomXml } from '../../../src/inventory/maven.js';
import { parseNugetLock } from '../../../src/inventory/nuget.js';
import { otherParserFor } from '../../../src/inventory/other-parsers.js';
import { parsePipfileLock } from '../../../src/inventory/python/pipfile.js';
import { parsePoetryLock } from '../../../src/inventory/python/poetry.js';
import { parseRequirementsTxt } from '../../../src/inventory/python/requirements.js';
import { parseUvLock } from '../../../src/inventory/python/uv.js';
import { describeRealWorld, REAL_WORLD } from '../../support/real-world.js';

describe('otherParserFor', () => {
  it.each([
    ['go.mod', 'go.mod', parseGoMod],
    ['go.mod', 'services/api/go.mod', parseGoMod],
    ['requirements.txt', 'requirements.txt', parseRequirementsTxt],
    ['requirements-dev.txt', 'backend/requirements-dev.txt', parseRequirementsTxt],
    ['requirements_test.txt', 'requirements_test.txt', parseRequirementsTxt],
    ['test-requirements.txt', 'test-requirements.txt', parseRequirementsTxt],
    ['dev.txt', 'requirements/dev.txt', parseRequirementsTxt],
    ['lint.txt', 'app/requirements/ci/lint.txt', parseRequirementsTxt],
    ['poetry.lock', 'poetry.lock', parsePoetryLock],
    ['Pipfile.lock', 'Pipfile.lock', parsePipfileLock],
    ['uv.lock', 'uv.lock', parseUvLock],
    ['Cargo.lock', 'Cargo.lock', parseCargoLock],
    ['Gemfile.lock', 'Gemfile.lock', parseGemfileLock],
    ['gems.locked', 'gems.locked', parseGemfileLock],
    ['composer.lock', 'composer.lock', parseComposerLock],
    ['gradle.lockfile', 'gradle.lockfile', parseGradleLockfile],
    ['buildscript-gradle.lockfile', 'app/buildscript-gradle.lockfile', parseGradleLockfile],
    ['settings-gradle.lockfile', 'settings-gradle.lockfile', parseGradleLockfile],
    ['compileClasspath.lockfile', 'gradle/dependency-locks/compileClasspath.lockfile', parseGradleLockfile],
    ['pom.xml', 'module/pom.xml', parsePomXml],
    ['packages.lock.json', 'src/App/packages.lock.json', parseNugetLock],
  ])('%s at %s', (name, inRepo, parser) => {
    expect(otherParserFor(name, inRepo)).toBe(parser);
  });

  it.each([
    ['package-lock.json', 'package-lock.json'],
    ['go.sum', 'go.sum'],
    ['requirements.in', 'requirements.in'],
    ['notes.txt', 'docs/notes.txt'],
    ['Pipfile', 'Pipfile'],
    ['pyproject.toml', 'pyproject.toml'],
    ['Cargo.toml', 'Cargo.toml'],
    ['Gemfile', 'Gemfile'],
    ['composer.json', 'composer.json'],
    ['other.lockfile', 'locks/other.lockfile'],
    ['build.gradle', 'build.gradle'],
  ])('none for %s', (name, inRepo) => {
    expect(otherParserFor(name, inRepo)).toBeUndefined();
  });
});

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Truncations and random damage of a text: every parser must answer, never throw. */
function mutations(text: string, count: number): string[] {
  const next = random(text.length + 1);
  const out: string[] = [];
  const noise = [
    '"',
    '[',
    ']',
    '{',
    '}',
    '<',
    '>',
    '=',
    '\\',
    '\n',
    ' ',
    '#',
    '(',
    ')',
    ':',
    ',',
    '\u0000',
    '\uFEFF',
    '__proto__',
  ];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * text.length);
    out.push(text.slice(0, at));
    const piece = noise[Math.floor(next() * noise.length)] ?? '';
    out.push(text.slice(0, at) + piece + text.slice(at + 1));
  }
  return out;
}

function expectNeverThrows(parser: ManifestParser, text: string, file: string, count: number) {
  for (const variant of mutations(text, count)) {
    let parsed;
    try {
      parsed = parser(variant, file);
    } catch (error) {
      throw new Error(`${file} threw on ${JSON.stringify(variant.slice(-80))}: ${String(error)}`, {
        cause: error,
      });
    }
    expect(parsed.file).toBe(file);
    if (parsed.problems.some((p) => p.level === 'error')) {
      expect(parsed.components).toEqual([]);
      expect(parsed.unpinned).toEqual([]);
    }
  }
}

describe('the parsers never throw', () => {
  const samples: [ManifestParser, string, string][] = [
    [
      parseGoMod,
      'go.mod',
      'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0 // indirect\n\t"c/d" v0.1.0\n)\n\nreplace c/d => ../d\nexclude github.com/a/b v0.9.0\nretract [v1.0.0, v1.1.0]\n',
    ],
    [
      parseRequirementsTxt,
      'requirements.txt',
      'a==1.0 \\\n  --hash=sha256:x\n    # via b\nb[x]>=2; python_version < "3.9"\n-r other.txt\nhttps://x/y-1.0.tar.gz\nc @ https://x/c.zip\n',
    ],
    [
      parsePoetryLock,
      'poetry.lock',
      '[[package]]\nname = "a"\nversion = "1"\ngroups = ["main"]\n\n[package.dependencies]\nb = "*"\n\n[[package]]\nname = "b"\nversion = "2"\n\n[metadata]\nlock-version = "2.1"\n',
    ],
    [
      parseUvLock,
      'uv.lock',
      'version = 1\n\n[[package]]\nname = "p"\nversion = "0"\nsource = { editable = "." }\ndependencies = [{ name = "a", extra = ["x"] }]\n\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "r" }\n',
    ],
    [
      parsePipfileLock,
      'Pipfile.lock',
      '{"_meta": {"pipfile-spec": 6}, "default": {"a": {"version": "==1"}}, "develop": {"b": {"editable": true, "path": "."}}}',
    ],
    [
      parseCargoLock,
      'Cargo.lock',
      'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["a"]\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    ],
    [
      parseGemfileLock,
      'Gemfile.lock',
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    a (1.0-x86_64-linux)\n      b (>= 1)\n    b (2.0)\n\nDEPENDENCIES\n  a!\n\nBUNDLED WITH\n   2.5.3\n',
    ],
    [
      parseComposerLock,
      'composer.lock',
      '{"packages": [{"name": "a/b", "version": "v1.0.0", "license": ["MIT"]}], "packages-dev": [{"name": "c/d", "version": "dev-main"}]}',
    ],
    [
      parseGradleLockfile,
      'gradle.lockfile',
      '# x\na:b:1.0=compileClasspath,testRuntimeClasspath\nempty=annotationProcessor\n',
    ],
    [
      parsePomXml,
      'pom.xml',
      '<project><properties><v>1</v></properties><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${v}</version><scope>test</scope></dependency></dependencies></project>',
    ],
    [
      parseNugetLock,
      'packages.lock.json',
      '{"version": 1, "dependencies": {"net8.0": {"A": {"type": "Direct", "resolved": "1.0.0"}, "P": {"type": "Project"}}}}',
    ],
  ];

  it.each(samples)('%p on %s and 400 damaged copies', (parser, file, text) => {
    const parsed = parser(text, file);
    expect(parsed.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(parsed.components.length).toBeGreaterThan(0);
    expectNeverThrows(parser, text, file, 200);
  });
});

describeRealWorld('the parsers never throw on damaged real files', () => {
  const LOCKFILES = path.join(REAL_WORLD, 'lockfiles');
  it.each([
    ['go/cli-cli-gomod/go.mod', 'go.mod'],
    ['python/sigstore-python-requirements-hashes/requirements.txt', 'requirements.txt'],
    ['python/poetry-poetry-lock-v1.1/poetry.lock', 'poetry.lock'],
    ['python/flask-uv-lock/uv.lock', 'uv.lock'],
    ['python/pipenv-pipfile-lock/Pipfile.lock', 'Pipfile.lock'],
    ['rust/ripgrep-cargo-lock-v4/Cargo.lock', 'Cargo.lock'],
    ['ruby/devise-gemfile-lock/Gemfile.lock', 'Gemfile.lock'],
    ['php/composer-composer-lock/composer.lock', 'composer.lock'],
    ['java/maybe-gradle-lockfile/gradle.lockfile', 'gradle.lockfile'],
    ['java/gson-pom/gson/pom.xml', 'pom.xml'],
    ['dotnet/bicep-core-packages-lock/packages.lock.json', 'packages.lock.json'],
  ])('%s', (rel, file) => {
    const parser = otherParserFor(file, file);
    if (parser === undefined) throw new Error(`no parser for ${file}`);
    expectNeverThrows(parser, readFileSync(path.join(LOCKFILES, rel), 'utf8'), file, 40);
  });
});
