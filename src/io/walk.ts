/**
 * The files of a folder tree, as repository-relative paths with `/`, not descending into folders
 * that `skipDirectory` rejects (node_modules is never read, however large). Symbolic links are
 * not followed (a link to `/` or a cycle cannot make the walk run away).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function listFiles(root: string, skipDirectory: (relative: string) => boolean): string[] {
  const out: string[] = [];
  const stack = [''];
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing in it can be reviewed
    }
    for (const entry of entries) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipDirectory(relative)) stack.push(relative);
      } else if (entry.isFile()) out.push(relative);
    }
  }
  return out.sort();
}
