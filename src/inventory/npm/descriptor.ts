/**
 * npm package names and descriptors as lockfiles write them: `name@range`, `@scope/name@range`,
 * and the alias form `alias@npm:real@range`.
 */

/**
 * `name@range` → its name and range. The name is everything before the first `@` that is not the
 * scope's leading one; a descriptor without a range gives range ''.
 */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  if (at === -1) return { name: descriptor, range: '' };
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/**
 * The package behind an `npm:` alias (`npm:real@^1.0.0` → real, ^1.0.0), or undefined when the
 * range is not an alias. Yarn Berry writes plain registry ranges as `npm:^1.0.0` and tags as
 * `npm:latest`, which name no other package: only `npm:<name>@<range>` is an alias here.
 */
export function npmAlias(range: string): { name: string; range: string } | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const rest = range.slice(4);
  if (rest.indexOf('@', 1) === -1) return undefined;
  const { name, range: inner } = splitDescriptor(rest);
  if (name === '' || /^[\^~<>=*|\s]/.test(name)) return undefined;
  return { name, range: inner };
}

/** The last package name in a node_modules path (`node_modules/a/node_modules/@s/b` → `@s/b`). */
export function nameFromNodeModulesPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i === -1 ? path : path.slice(i + 'node_modules/'.length);
}

/**
 * The package names in a slash-separated path of names, a scoped name taking two segments:
 * `a/@s/b/c` → [a, @s/b, c]. Bun keys its packages this way.
 */
export function splitNamePath(path: string): string[] {
  const parts = path.split('/');
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.startsWith('@') && i + 1 < parts.length) {
      names.push(`${part}/${parts[i + 1] ?? ''}`);
      i++;
    } else {
      names.push(part);
    }
  }
  return names;
}
