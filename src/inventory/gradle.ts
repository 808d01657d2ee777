/**
 * Gradle dependency lockfiles → Maven components, each on its own line.
 *
 * - `gradle.lockfile` (Gradle 7+, one file per project): `group:artifact:version=conf1,conf2`
 *   lines, and `empty=confs` for configurations that resolve to nothing.
 * - `buildscript-gradle.lockfile` (and `settings-gradle.lockfile`): the same, for the classpath of
 *   the build script (of the settings script) itself.
 * - Legacy per-configuration files `gradle/dependency-locks/<configuration>.lockfile` (Gradle 4.8
 *   to 6): `group:artifact:version` lines, the configuration named by the file.
 *
 * Scope: dev when every configuration that resolves the artifact is a test or build-tool one, and
 * for the build and settings scripts' classpath (`buildscript-gradle.lockfile`,
 * `settings-gradle.lockfile`, `buildscript-classpath`).
 * Test configurations have `test` as a word of their name (`testRuntimeClasspath`,
 * `java17TestCompileClasspath`, `integrationTestRuntimeClasspath`); tool configurations are the
 * code-quality, coverage and annotation-processing ones (checkstyle, pmd, spotbugs, jacoco*,
 * sonarlint*, detekt, ktlint, errorprone, codenarc, jmh*, *AnnotationProcessor, kapt*), which do not
 * ship with the software. Everything else is prod.
 *
 * Direct: a lockfile does not say which dependencies build.gradle declares: none is marked direct.
 * A Gradle lockfile records no graph, no hashes (those are in gradle/verification-metadata.xml)
 * and does not name the project: components have no `dependsOn` or `hashes`, and there is no root.
 */
import type { ParsedManifest, Scope } from './component.js';
import { Collector, guarded, SyntaxProblem, textLines } from './parse-helpers.js';

const TOOL_CONFIGURATIONS =
  /^(checkstyle|pmd|spotbugs\w*|jacoco\w*|sonarlint\w*|detekt\w*|ktlint\w*|errorprone\w*|codenarc|kapt\w*|\w*annotationprocessor|jmh\w*)$/i;

/** Whether a configuration only serves tests or build tools. */
export function isDevConfiguration(configuration: string): boolean {
  const words = configuration
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  if (words.includes('test') || words.includes('tests')) return true;
  if (configuration === 'classpath' || configuration.startsWith('buildscript')) return true;
  return TOOL_CONFIGURATIONS.test(configuration);
}

const COORDINATE = /^([^:\s=]+):([^:\s=]+):([^:\s=]+)$/;

export function parseGradleLockfile(text: string, file: string): ParsedManifest {
  const base = file.split('/').at(-1) ?? file;
  const legacy = !base.endsWith('gradle.lockfile');
  const legacyConfiguration = legacy ? base.replace(/\.lockfile$/, '') : undefined;
  const buildscript = base === 'buildscript-gradle.lockfile' || base === 'settings-gradle.lockfile';
  const format = legacy ? 'Gradle dependency-locks (per configuration)' : base;
  return guarded(file, format, 'Maven', () => {
    const out = new Collector(file, 'Maven');
    textLines(text).forEach((raw, i) => {
      const line = raw.trim();
      const lineNo = i + 1;
      if (line === '' || line.startsWith('#')) return;
      let coordinate = line;
      let configurations: string[];
      if (legacyConfiguration !== undefined) {
        configurations = [legacyConfiguration];
      } else {
        const eq = line.indexOf('=');
        if (eq === -1) {
          throw new SyntaxProblem(
            lineNo,
            `"${line}" has no "=configurations" part`,
            'gradle.lockfile lines are `group:artifact:version=configuration,…`: run `./gradlew dependencies --write-locks` to write the file again',
          );
        }
        coordinate = line.slice(0, eq);
        configurations = line
          .slice(eq + 1)
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        if (coordinate === 'empty') return;
      }
      const m = COORDINATE.exec(coordinate);
      if (!m) {
        throw new SyntaxProblem(
          lineNo,
          `"${coordinate}" is not group:artifact:version`,
          'Run `./gradlew dependencies --write-locks` to write the lockfile again',
        );
      }
      const [, group, artifact, version] = m;
      const scope: Scope =
        buildscript || (configurations.length > 0 && configurations.every(isDevConfiguration))
          ? 'dev'
          : 'prod';
      out.add({
        name: `${group ?? ''}:${artifact ?? ''}`,
        version: version ?? '',
        direct: false,
        scope,
        line: lineNo,
      });
    });
    return out.result(format);
  });
}
