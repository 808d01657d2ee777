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
 */
import type { ParsedManifest } from './component.js';
import {
  Collector,
  failed,
  guarded,
  jsonEntries,
  jsonGet,
  jsonString,
  lineIndex,
  parseJson,
  stripBom,
} from './other-parsers.js';

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
    for (const [, packages] of jsonEntries(frameworks)) {
      for (const [name, entry] of jsonEntries(packages)) {
        const type = jsonString(jsonGet(entry, 'type'));
        if (type === 'Project') continue;
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
        out.add({ name, version: resolved, direct: type === 'Direct', scope: 'prod', line });
      }
    }
    return out.result(format);
  });
}
