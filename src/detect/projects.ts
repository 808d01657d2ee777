/**
 * The projects of a repository, for monorepos: each folder that holds a project marker (go.mod,
 * package.json, pyproject.toml, …) and is not inside another such folder is one project, with the
 * languages of its files. A repository with no marker, or with one at its root, is one project.
 * Pure: paths in, projects out; the discover action turns them into an Actions matrix.
 */
import { detectLanguages, markerFolders, type Language } from './languages.js';

export interface Project {
  /** Repository-relative folder with `/`; '.' for the root. */
  path: string;
  /** A name for job titles and artifact names: the folder path with '/' as '-', or the root's. */
  name: string;
  languages: Language[];
}

/** How `projects[].name` is made safe for an artifact name (letters, digits, `-`, `_`, `.`). */
function safeName(folder: string, rootName: string): string {
  if (folder === '') return rootName;
  return folder.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || rootName;
}

/**
 * Top-level project folders (not nested in another project) with their languages; projects whose
 * files are of no language Paved Path detects are left out. `rootName` names a root project.
 */
export function discoverProjects(files: readonly string[], rootName = 'root'): Project[] {
  const normalised = files.map((f) => f.replace(/\\/g, '/').replace(/^\.\//, ''));
  const roots = new Set(markerFolders(normalised));
  if (roots.has('')) {
    const languages = detectLanguages(normalised).map((l) => l.language);
    return languages.length > 0 ? [{ path: '.', name: rootName, languages }] : [];
  }
  const sorted = [...roots].sort();
  const top = sorted.filter(
    (folder) => !sorted.some((other) => other !== folder && folder.startsWith(`${other}/`)),
  );
  const projects: Project[] = [];
  for (const folder of top) {
    const inside = normalised
      .filter((f) => f.startsWith(`${folder}/`))
      .map((f) => f.slice(folder.length + 1));
    const languages = detectLanguages(inside).map((l) => l.language);
    if (languages.length > 0) projects.push({ path: folder, name: safeName(folder, rootName), languages });
  }
  return projects;
}
