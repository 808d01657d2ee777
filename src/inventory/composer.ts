/**
 * composer.lock → Packagist components, on the line of each package's `"version"`.
 *
 * - `packages` are prod, `packages-dev` dev.
 * - Versions: a leading `v` is dropped (`v5.4.47` → `5.4.47`), the form the Packagist advisories
 *   in OSV use (GHSA writes `1.9.1`; OSV's own Packagist comparison strips the `v` too). The purl
 *   keeps the version as composer.lock writes it. Branch versions (`dev-main`, `2.x-dev`) are
 *   components with a warning: they name a commit, not a release.
 * - Licences: composer's `license` array means any one of them: `["MIT", "GPL-2.0-only"]` →
 *   `MIT OR GPL-2.0-only`. Entries that are not SPDX are left out of the expression.
 * - Direct: with composer.json's text, the packages its `require` and `require-dev` name. Without
 *   it, the packages no other locked package requires (a lower bound).
 * - Path repositories (`dist.type` "path") are the project's own code: skipped.
 * - Hashes: `dist.shasum`, the SHA-1 of the dist archive, when it is not empty (it often is:
 *   GitHub's zipballs have none).
 * - Graph: each package's `require` resolved to locked packages: the package of that name, else
 *   the locked packages that `replace` it, else those that `provide` it (a virtual package such as
 *   `psr/log-implementation`: every locked provider satisfies it). Platform requirements (`php`,
 *   `ext-*`, `lib-*`, `composer-plugin-api`…: the names without a `/`) are not packages; a
 *   package's `require-dev` is not installed. Requirements no locked package satisfies are left out.
 * - Root: with composer.json's text and its `name`, the project (and its `version` when it gives
 *   one); its dependencies are what `require` and `require-dev` resolve to. Without composer.json,
 *   or without a name in it (a project need not have one), no root: composer.lock does not name
 *   the project.
 */
import parseSpdx from 'spdx-expression-parse';
import type { Component, ParsedManifest, Scope } from './component.js';
import {
  Collector,
  failed,
  guarded,
  hexHash,
  jsonEntries,
  jsonGet,
  type JsonNode,
  jsonItems,
  jsonString,
  lineIndex,
  parseJson,
  stripBom,
} from './parse-helpers.js';

function spdxOr(licenses: readonly string[]): string | undefined {
  const valid = licenses.filter((l) => {
    try {
      parseSpdx(l);
      return true;
    } catch {
      return false;
    }
  });
  if (valid.length === 0) return undefined;
  if (valid.length === 1) return valid[0];
  return valid.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(' OR ');
}

interface ComposerJson {
  name?: string;
  version?: string;
  /** The names `require` and `require-dev` list, as written. */
  requires: string[];
}

function readComposerJson(text: string): ComposerJson | undefined {
  const parsed = parseJson(text);
  if (!('root' in parsed) || parsed.root.type !== 'object') return undefined;
  const out: ComposerJson = {
    requires: ['require', 'require-dev'].flatMap((key) =>
      jsonEntries(jsonGet(parsed.root, key)).map(([name]) => name),
    ),
  };
  const name = jsonString(jsonGet(parsed.root, 'name'));
  if (name !== undefined && name !== '') out.name = name;
  const version = jsonString(jsonGet(parsed.root, 'version'));
  if (version !== undefined && version !== '') out.version = version;
  return out;
}

/** A platform package (`php`, `ext-json`, `lib-icu`, `composer-plugin-api`): no vendor part. */
function isPlatform(name: string): boolean {
  return !name.includes('/');
}

interface LockedPackage {
  name: string;
  version: string;
  scope: Scope;
  node: JsonNode;
  line: number;
}

export function parseComposerLock(text: string, file: string, composerJsonText?: string): ParsedManifest {
  const format = 'composer.lock';
  const parsed = parseJson(text);
  if (!('root' in parsed)) {
    return failed(
      file,
      format,
      'Packagist',
      parsed.line,
      `composer.lock is not valid JSON (column ${parsed.column}): ${parsed.message}`,
      'composer.lock is generated: run `composer update --lock` to write it again rather than editing it by hand',
    );
  }
  const root = parsed.root;
  return guarded(file, format, 'Packagist', () => {
    const out = new Collector(file, 'Packagist');
    const index = lineIndex(stripBom(text));
    if (
      root.type !== 'object' ||
      (jsonGet(root, 'packages') === undefined && jsonGet(root, 'packages-dev') === undefined)
    ) {
      return failed(
        file,
        format,
        'Packagist',
        1,
        'composer.lock has no "packages" list',
        'Run `composer update --lock` to write composer.lock again',
      );
    }
    const packages: LockedPackage[] = [];
    const pathPackages = new Set<string>();
    for (const [key, scope] of [
      ['packages', 'prod'],
      ['packages-dev', 'dev'],
    ] as const) {
      for (const node of jsonItems(jsonGet(root, key))) {
        const name = jsonString(jsonGet(node, 'name'));
        const versionNode = jsonGet(node, 'version');
        const version = jsonString(versionNode);
        const line = index.line((versionNode ?? node).offset);
        if (name === undefined || version === undefined) {
          out.warn(
            line,
            `an entry of "${key}" has no ${name === undefined ? 'name' : 'version'}: it is skipped`,
            'Run `composer update --lock` to write composer.lock again',
          );
          continue;
        }
        if (jsonString(jsonGet(jsonGet(node, 'dist'), 'type')) === 'path') {
          pathPackages.add(name.toLowerCase());
          continue;
        }
        packages.push({ name, version, scope, node, line });
      }
    }

    let direct: Set<string> | undefined;
    let composerJson: ComposerJson | undefined;
    if (composerJsonText !== undefined) {
      composerJson = readComposerJson(composerJsonText);
      if (composerJson !== undefined) direct = new Set(composerJson.requires.map((n) => n.toLowerCase()));
      else {
        out.warn(
          undefined,
          'the composer.json given with composer.lock is not valid JSON: direct dependencies are estimated from composer.lock',
          'Fix composer.json',
        );
      }
    }
    if (direct === undefined) {
      const required = new Set<string>();
      for (const p of packages) {
        for (const [name] of jsonEntries(jsonGet(p.node, 'require'))) required.add(name.toLowerCase());
      }
      direct = new Set(packages.map((p) => p.name.toLowerCase()).filter((n) => !required.has(n)));
    }

    const components = new Map<LockedPackage, Component>();
    for (const p of packages) {
      const isBranch = p.version.startsWith('dev-') || p.version.endsWith('-dev');
      if (isBranch) {
        const ref = jsonString(jsonGet(jsonGet(p.node, 'source'), 'reference'));
        out.warn(
          p.line,
          `${p.name} is locked to the branch ${p.version}${ref === undefined ? '' : ` at ${ref}`}, not a release: vulnerability matching is approximate`,
          'Require a tagged release when one has the change you need',
        );
      }
      const licenses = jsonItems(jsonGet(p.node, 'license'))
        .map(jsonString)
        .filter((l): l is string => l !== undefined);
      const single = jsonString(jsonGet(p.node, 'license'));
      const license = spdxOr(single === undefined ? licenses : [single]);
      const version = !isBranch && /^v\d/.test(p.version) ? p.version.slice(1) : p.version;
      const hash = hexHash('SHA-1', jsonString(jsonGet(jsonGet(p.node, 'dist'), 'shasum')));
      const component = out.add({
        name: p.name,
        version,
        purlVersion: p.version,
        direct: direct.has(p.name.toLowerCase()),
        scope: p.scope,
        line: p.line,
        license,
        hashes: hash === undefined ? [] : [hash],
      });
      components.set(p, component);
    }

    // Requirement name (lower case) → the locked packages that satisfy it.
    const named = new Map<string, Component[]>();
    const replacing = new Map<string, Component[]>();
    const providing = new Map<string, Component[]>();
    const register = (map: Map<string, Component[]>, name: string, c: Component) =>
      map.set(name.toLowerCase(), [...(map.get(name.toLowerCase()) ?? []), c]);
    for (const [p, c] of components) {
      register(named, p.name, c);
      for (const [name] of jsonEntries(jsonGet(p.node, 'replace'))) register(replacing, name, c);
      for (const [name] of jsonEntries(jsonGet(p.node, 'provide'))) register(providing, name, c);
    }
    const satisfying = (requirement: string): Component[] => {
      const key = requirement.toLowerCase();
      if (isPlatform(requirement) || pathPackages.has(key)) return [];
      return named.get(key) ?? replacing.get(key) ?? providing.get(key) ?? [];
    };
    out.recordsGraph();
    for (const [p, c] of components) {
      for (const [requirement] of jsonEntries(jsonGet(p.node, 'require'))) {
        for (const target of satisfying(requirement)) out.link(c, target);
      }
    }
    if (composerJson?.name !== undefined) {
      out.setRoot(composerJson.name, composerJson.version, composerJson.requires.flatMap(satisfying));
    }
    return out.result(format);
  });
}
