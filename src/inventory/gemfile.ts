/**
 * Gemfile.lock → RubyGems components: the specs of the GEM sections (`    name (version)`, four
 * spaces), each on its own line.
 *
 * - A platform suffix is not part of the version: `nokogiri (1.16.0-x86_64-linux)` is nokogiri
 *   1.16.0, as Bundler reads it (the version ends at the first `-`). One gem locked for several
 *   platforms is one component.
 * - GIT sections (gems built from a repository) and PATH sections (the project's own gems) are
 *   not registry components; a GIT gem gets a warning that it is not checked.
 * - Direct: the gems the DEPENDENCIES section names. Scope: prod for all; Gemfile.lock does not
 *   record Gemfile groups.
 */
import type { ParsedManifest } from './component.js';
import { Collector, guarded, SyntaxProblem, textLines } from './other-parsers.js';

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
/** Bundler's NAME_VERSION, at four spaces: name, version, platform. */
const SPEC = /^ {4}(?! )(\S+?)(?: \(([^-)]*)(?:-([^)]*))?\))?(!)?$/;
const DEPENDENCY = /^ {2}(?! )(\S+?)(?: \(([^)]*)\))?(!)?$/;

interface Spec {
  name: string;
  version: string;
  line: number;
  section: string;
  remote?: string;
}

export function parseGemfileLock(text: string, file: string): ParsedManifest {
  let format = 'Gemfile.lock';
  return guarded(file, format, 'RubyGems', () => {
    const out = new Collector(file, 'RubyGems');
    const specs: Spec[] = [];
    const direct = new Set<string>();
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
          const spec: Spec = { name: m[1], version: m[2], line: lineNo, section };
          if (remote !== undefined) spec.remote = remote;
          specs.push(spec);
        } else if (indent !== 6) {
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
      } else if (section === 'BUNDLED WITH') {
        bundler = line.trim();
      }
    });
    if (bundler !== undefined) format = `Gemfile.lock (Bundler ${bundler})`;
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
      out.add({ name: s.name, version: s.version, direct: direct.has(s.name), scope: 'prod', line: s.line });
    }
    return out.result(format);
  });
}
