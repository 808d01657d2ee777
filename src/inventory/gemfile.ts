/**
 * Gemfile.lock → RubyGems components: the specs of the GEM sections (`    name (version)`, four
 * spaces), each on its own line.
 *
 * - A platform suffix is not part of the version: `nokogiri (1.16.0-x86_64-linux)` is nokogiri
 *   1.16.0, as Bundler reads it (the version ends at the first `-`). One gem locked for several
 *   platforms is one component.
 * - GIT sections (gems built from a repository) and PATH sections (the project's own gems) are
 *   not registry components; a GIT gem gets a warning that it is not checked.
 * - Direct: the gems the DEPENDENCIES section names, and those the project's own gemspec needs
 *   (the PATH gem at `remote: .`, which a Gemfile's `gemspec` line adds). Scope: prod for all;
 *   Gemfile.lock does not record Gemfile groups.
 * - Graph: the dependency lines under each spec (six spaces, `name (requirement)`), resolved by name
 *   to the one version the lock holds. A gem locked for several platforms is one component: its
 *   dependencies are the union of its platforms'. Dependencies on gems that are not components
 *   (GIT, PATH, `bundler` itself) are left out.
 * - Hashes: the CHECKSUMS section (Bundler 2.5+), `name (version[-platform]) sha256=<hex>`: the
 *   SHA-256 of the .gem file. A gem locked for several platforms is several files with different
 *   checksums: none of them is the component's, so it has none.
 * - Root: the project's gem (the PATH gem at `remote: .`) when there is exactly one; its
 *   dependencies are the direct ones. Otherwise none: Gemfile.lock does not name an application
 *   (the `direct` flags still say what it depends on).
 */
import type { Component, ParsedManifest } from './component.js';
import { Collector, guarded, hexHash, SyntaxProblem, textLines } from './parse-helpers.js';

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
/** Bundler's NAME_VERSION, at four spaces: name, version, platform. */
const SPEC = /^ {4}(?! )(\S+?)(?: \(([^-)]*)(?:-([^)]*))?\))?(!)?$/;
const DEPENDENCY = /^ {2}(?! )(\S+?)(?: \(([^)]*)\))?(!)?$/;
/** A spec's dependency, at six spaces: name and requirement. */
const SPEC_DEPENDENCY = /^ {6}(?! )(\S+?)(?: \(([^)]*)\))?$/;
/** A CHECKSUMS line: name, version with its platform, then `algorithm=hex` entries. */
const CHECKSUM = /^ {2}(?! )(\S+) \(([^)]+)\)(?: (\S+))?$/;

interface Spec {
  name: string;
  version: string;
  /** The version as written, with its platform (`1.16.0-x86_64-linux`). */
  lockVersion: string;
  line: number;
  section: string;
  remote?: string;
  dependencies: string[];
}

export function parseGemfileLock(text: string, file: string): ParsedManifest {
  let format = 'Gemfile.lock';
  return guarded(file, format, 'RubyGems', () => {
    const out = new Collector(file, 'RubyGems');
    const specs: Spec[] = [];
    const direct = new Set<string>();
    const checksums = new Map<string, string>();
    let section: string | undefined;
    let remote: string | undefined;
    let bundler: string | undefined;
    textLines(text).forEach((raw, i) => {
      const line = raw.replace(/\s+$/, '');
      const lineNo = i + 1;
      if (line === '') return;
      if (/^[A-Z][A-Z ]*$/.test(line)) {
        section = line;
        remote = undefined;
        return;
      }
      if (section === undefined || !line.startsWith('  ')) {
        throw new SyntaxProblem(
          lineNo,
          `"${line}" is outside any section: Gemfile.lock lines start with a section name (GEM, GIT, PATH, DEPENDENCIES…) or two spaces`,
          'Gemfile.lock is generated: run `bundle lock` to write it again rather than editing it by hand',
        );
      }
      if (SOURCE_SECTIONS.has(section)) {
        const indent = /^ */.exec(line)?.[0].length ?? 0;
        if (indent === 2) {
          const key = /^ {2}([a-z_]+):\s*(.*)$/.exec(line);
          if (!key) {
            throw new SyntaxProblem(
              lineNo,
              `"${line.trim()}" is not a "key: value" line of the ${section} section`,
              'Run `bundle lock` to write Gemfile.lock again',
            );
          }
          if (key[1] === 'remote') remote = key[2];
        } else if (indent === 4) {
          const m = SPEC.exec(line);
          if (m?.[2] === undefined || m[1] === undefined) {
            throw new SyntaxProblem(
              lineNo,
              `"${line.trim()}" is not a gem spec "name (version)"`,
              'Run `bundle lock` to write Gemfile.lock again',
            );
          }
          const spec: Spec = {
            name: m[1],
            version: m[2],
            lockVersion: m[3] === undefined ? m[2] : `${m[2]}-${m[3]}`,
            line: lineNo,
            section,
            dependencies: [],
          };
          if (remote !== undefined) spec.remote = remote;
          specs.push(spec);
        } else if (indent === 6) {
          const m = SPEC_DEPENDENCY.exec(line);
          const spec = specs.at(-1);
          if (m?.[1] === undefined || spec?.section !== section) {
            out.warn(
              lineNo,
              `"${line.trim()}" is not a dependency "name (requirement)" of a gem spec: it is not part of the dependency graph`,
              'Run `bundle lock` to write Gemfile.lock again',
            );
          } else spec.dependencies.push(m[1]);
        } else {
          throw new SyntaxProblem(
            lineNo,
            `unexpected indentation of ${indent} spaces in the ${section} section`,
            'Specs are indented by four spaces and their dependencies by six: run `bundle lock` to write Gemfile.lock again',
          );
        }
      } else if (section === 'DEPENDENCIES') {
        const m = DEPENDENCY.exec(line);
        if (m?.[1] === undefined) {
          throw new SyntaxProblem(
            lineNo,
            `"${line.trim()}" is not a dependency "name (requirement)"`,
            'Run `bundle lock` to write Gemfile.lock again',
          );
        }
        direct.add(m[1]);
      } else if (section === 'CHECKSUMS') {
        const m = CHECKSUM.exec(line);
        if (m?.[1] === undefined || m[2] === undefined) {
          out.warn(
            lineNo,
            `"${line.trim()}" is not a checksum "name (version) sha256=…": it is not used`,
            'Run `bundle lock --add-checksums` to write the CHECKSUMS section again',
          );
          return;
        }
        const sha256 = (m[3] ?? '')
          .split(',')
          .find((c) => c.startsWith('sha256='))
          ?.slice('sha256='.length);
        if (sha256 !== undefined) checksums.set(`${m[1]} (${m[2]})`, sha256);
      } else if (section === 'BUNDLED WITH') {
        bundler = line.trim();
      }
    });
    if (bundler !== undefined) format = `Gemfile.lock (Bundler ${bundler})`;
    // The project's own gem: the gemspec beside the Gemfile (`remote: .`).
    const own = specs.filter((s) => s.section === 'PATH' && (s.remote === '.' || s.remote === './'));
    for (const s of own) for (const d of s.dependencies) direct.add(d);
    // One component per name and version; locked for several platforms, it is several .gem files.
    const files = new Map<string, Set<string>>();
    for (const s of specs) {
      const key = `${s.name}@${s.version}`;
      files.set(key, new Set([...(files.get(key) ?? []), s.lockVersion]));
    }
    const gems = new Map<string, Component>();
    const added: [Spec, Component][] = [];
    for (const s of specs) {
      if (s.section === 'PATH') continue;
      if (s.section !== 'GEM') {
        out.warn(
          s.line,
          `${s.name} ${s.version} comes from ${s.section === 'GIT' ? 'git' : 'a plugin source'} (${s.remote ?? '?'}), not a gem server: it is not checked for vulnerabilities`,
          'Depend on a released gem from rubygems.org when one has the change you need',
        );
        continue;
      }
      const hash =
        files.get(`${s.name}@${s.version}`)?.size === 1
          ? hexHash('SHA-256', checksums.get(`${s.name} (${s.lockVersion})`))
          : undefined;
      const component = out.add({
        name: s.name,
        version: s.version,
        direct: direct.has(s.name),
        scope: 'prod',
        line: s.line,
        hashes: hash === undefined ? [] : [hash],
      });
      gems.set(s.name, component);
      added.push([s, component]);
    }
    out.recordsGraph();
    for (const [s, component] of added) {
      for (const d of s.dependencies) {
        const target = gems.get(d);
        if (target !== undefined) out.link(component, target);
      }
    }
    const rootGem = own.length === 1 ? own[0] : undefined;
    if (rootGem !== undefined) {
      out.setRoot(
        rootGem.name,
        rootGem.version,
        [...direct].map((name) => gems.get(name)).filter((c): c is Component => c !== undefined),
      );
    }
    return out.result(format);
  });
}
