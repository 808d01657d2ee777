/**
 * NuGet packages.lock.json (version 1 and 2) → NuGet components, on the line of each
 * `"resolved"` version.
 *
 * - One lockfile has a section per target framework (and runtime identifier): a package at one
 *   version is one component however many frameworks list it (NuGet names compare without case).
 * - Direct when any framework lists it as `Direct`; `Transitive` and `CentralTransitive` are not.
 *   `Project` entries are other projects of the solution: skipped.
 * - Scope: prod for all; the lockfile does not say which references are development-only.
 * - CRLF line ends and a byte-order mark are fine.
 * - Hashes: `contentHash` is the base64 SHA-512 of the .nupkg file (the hash NuGet also keeps in
 *   the package's .nupkg.metadata), written here in hex.
 * - Graph: each entry's `dependencies` (name → the version range its nuspec asks for) resolved to
 *   the package of that name in the same section, or for a runtime section (`net8.0/linux-x64`),
 *   in its framework's section (`net8.0`), which holds the packages the runtime section does not
 *   repeat. A package in several sections depends on the union of what each section gives it.
 *   Links to `Project` entries (other projects of the solution, not components) are left out.
 * - Root: none. packages.lock.json does not name its project (the .csproj beside it does, and
 *   this parser has only the lockfile); its dependencies, the `Direct` entries, are the components
 *   marked direct.
 */
import { type Component, hashFromIntegrity, type ParsedManifest } from './component.js';
import {
  Collector,
  failed,
  guarded,
  type JsonNode,
  jsonEntries,
  jsonGet,
  jsonString,
  lineIndex,
  parseJson,
  stripBom,
} from './parse-helpers.js';

export function parseNugetLock(text: string, file: string): ParsedManifest {
  const parsed = parseJson(text);
  if (!('root' in parsed)) {
    return failed(
      file,
      'packages.lock.json',
      'NuGet',
      parsed.line,
      `packages.lock.json is not valid JSON (column ${parsed.column}): ${parsed.message}`,
      'packages.lock.json is generated: run `dotnet restore --force-evaluate` to write it again',
    );
  }
  const root = parsed.root;
  const versionNode = jsonGet(root, 'version');
  const version = versionNode?.type === 'number' ? (versionNode.value as number) : undefined;
  const format = version === undefined ? 'packages.lock.json' : `packages.lock.json v${version}`;
  return guarded(file, format, 'NuGet', () => {
    const out = new Collector(file, 'NuGet');
    const index = lineIndex(stripBom(text));
    const frameworks = jsonGet(root, 'dependencies');
    if (frameworks?.type !== 'object') {
      return failed(
        file,
        format,
        'NuGet',
        1,
        'packages.lock.json has no "dependencies" object',
        'Run `dotnet restore --force-evaluate` to write it again',
      );
    }
    if (version !== 1 && version !== 2) {
      out.warn(
        index.line(versionNode?.offset ?? 0),
        `packages.lock.json version ${String(version)} is not one Paved Path knows (1 or 2): read as version 2`,
        'Check the components, and tell us if some are missing',
      );
    }
    const sections = new Map<string, Map<string, { entry: JsonNode; component?: Component }>>();
    for (const [section, packages] of jsonEntries(frameworks)) {
      const entries = new Map<string, { entry: JsonNode; component?: Component }>();
      sections.set(section, entries);
      for (const [name, entry] of jsonEntries(packages)) {
        const type = jsonString(jsonGet(entry, 'type'));
        if (type === 'Project') {
          entries.set(name.toLowerCase(), { entry });
          continue;
        }
        const resolvedNode = jsonGet(entry, 'resolved');
        const resolved = jsonString(resolvedNode);
        const line = index.line((resolvedNode ?? entry).offset);
        if (resolved === undefined) {
          out.warn(
            line,
            `${name} has no "resolved" version: it is skipped`,
            'Run `dotnet restore --force-evaluate` to write the lockfile again',
          );
          continue;
        }
        const contentHash = jsonString(jsonGet(entry, 'contentHash'));
        const hash = contentHash === undefined ? undefined : hashFromIntegrity(`sha512-${contentHash}`);
        const component = out.add({
          name,
          version: resolved,
          direct: type === 'Direct',
          scope: 'prod',
          line,
          hashes: hash === undefined ? [] : [hash],
        });
        entries.set(name.toLowerCase(), { entry, component });
      }
    }
    out.recordsGraph();
    for (const [section, entries] of sections) {
      const framework = sections.get(section.split('/')[0] ?? section);
      for (const { entry, component } of entries.values()) {
        if (component === undefined) continue;
        for (const [dependency] of jsonEntries(jsonGet(entry, 'dependencies'))) {
          const key = dependency.toLowerCase();
          const target = (entries.get(key) ?? framework?.get(key))?.component;
          if (target !== undefined) out.link(component, target);
        }
      }
    }
    return out.result(format);
  });
}
