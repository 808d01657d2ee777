/**
 * Pipfile.lock (pipfile-spec 6) → PyPI components, on the line of each `"version"`.
 *
 * - `default` is prod; `develop` and Pipenv's other package categories (`docs`, `tests`…) are dev.
 *   A package in two sections at one version is one component (prod when either is).
 * - Versions are written `==1.2.3`; a version that is not `==` one version is an unpinned
 *   requirement.
 * - Editable, `path` and `file` entries (the project itself, local code) are skipped; `git`
 *   entries have no release version and are skipped with a warning.
 * - Direct: Pipfile.lock does not say. With the Pipfile's text, the packages it lists are direct;
 *   without it, no package is marked direct.
 * - Graph: none. Pipfile.lock is a flat list of pins (what depends on what is not recorded), so
 *   components have no `dependsOn`.
 * - Hashes: none. Each entry's `hashes` are those of every distribution file of the release (each
 *   wheel and the sdist), not one for the package: no single one is the component's.
 * - Root: none. Neither Pipfile.lock nor the Pipfile names the project (the packages the Pipfile
 *   lists are the components marked direct).
 */
import { normalisePythonName, type ParsedManifest } from '../component.js';
import {
  Collector,
  failed,
  guarded,
  isTable,
  jsonEntries,
  jsonGet,
  jsonString,
  lineIndex,
  parseJson,
  parseTomlText,
  stripBom,
} from '../parse-helpers.js';

const NOT_PACKAGE_TABLES = new Set(['source', 'requires', 'scripts', 'pipenv']);

/** The normalised names a Pipfile lists in [packages], [dev-packages] and other categories. */
function pipfileNames(pipfile: string): Set<string> | undefined {
  const parsed = parseTomlText(pipfile);
  if (!('data' in parsed)) return undefined;
  const names = new Set<string>();
  for (const [table, value] of Object.entries(parsed.data)) {
    if (NOT_PACKAGE_TABLES.has(table) || !isTable(value)) continue;
    for (const name of Object.keys(value)) names.add(normalisePythonName(name));
  }
  return names;
}

export function parsePipfileLock(text: string, file: string, pipfileText?: string): ParsedManifest {
  const parsed = parseJson(text);
  if (!('root' in parsed)) {
    return failed(
      file,
      'Pipfile.lock',
      'PyPI',
      parsed.line,
      `Pipfile.lock is not valid JSON (column ${parsed.column}): ${parsed.message}`,
      'Pipfile.lock is generated: run `pipenv lock` to write it again rather than editing it by hand',
    );
  }
  const root = parsed.root;
  const spec = jsonGet(jsonGet(root, '_meta'), 'pipfile-spec');
  const format = spec?.type === 'number' ? `Pipfile.lock ${String(spec.value)}` : 'Pipfile.lock';
  return guarded(file, format, 'PyPI', () => {
    const out = new Collector(file, 'PyPI');
    const index = lineIndex(stripBom(text));
    if (root.type !== 'object') {
      return failed(
        file,
        format,
        'PyPI',
        1,
        'Pipfile.lock is not a JSON object with "default" and "develop" sections',
        'Run `pipenv lock` to write it again',
      );
    }
    let declared: Set<string> | undefined;
    if (pipfileText !== undefined) {
      declared = pipfileNames(pipfileText);
      if (declared === undefined) {
        out.warn(
          undefined,
          'the Pipfile given with Pipfile.lock is not valid TOML: no package is marked direct',
          'Fix the Pipfile',
        );
      }
    }
    for (const [section, packages] of jsonEntries(root)) {
      if (section === '_meta' || packages.type !== 'object') continue;
      const scope = section === 'default' ? 'prod' : 'dev';
      for (const [name, entry] of jsonEntries(packages)) {
        const versionNode = jsonGet(entry, 'version');
        const version = jsonString(versionNode);
        const line = index.line((versionNode ?? entry).offset);
        if (version === undefined) {
          const git = jsonString(jsonGet(entry, 'git'));
          if (git !== undefined) {
            out.warn(
              line,
              `${name} comes from git (${git}) and has no version: it is not checked for vulnerabilities`,
              'Depend on a released version from PyPI when one has the change you need',
            );
          }
          continue; // editable, path and file entries: the project's own code
        }
        const pinned = /^===?\s*([^\s,;*]+)$/.exec(version.trim());
        if (!pinned) {
          out.unpinnedRequirement(name, version, line);
          continue;
        }
        out.add({
          name,
          version: pinned[1] ?? version,
          direct: declared?.has(normalisePythonName(name)) ?? false,
          scope,
          line,
        });
      }
    }
    return out.result(format);
  });
}
