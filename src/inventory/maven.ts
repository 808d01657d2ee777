/**
 * Maven pom.xml → Maven components: the dependencies the POM declares, each on the line of its
 * `<dependency>`.
 *
 * - Read: `<dependencies>` of the project and of its profiles. Not read: plugins and their
 *   dependencies, and `<dependencyManagement>` entries, except to give a declared dependency
 *   without a version its managed version and scope.
 * - `${property}` references resolve from `<properties>`, `project.version` (or the parent's
 *   version when the project has none), `project.groupId`, `project.artifactId` and
 *   `project.parent.version`/`groupId`.
 * - Parent POMs: when their texts are given (nearest first), their properties and managed
 *   versions apply as Maven would inherit them. Otherwise a dependency whose version comes from the
 *   parent (or from an imported BOM) has no version here: a warning says the effective version
 *   needs the parent POM, and there is no component. Same for a property that does not resolve.
 * - Scope: `test` and `provided` are dev; compile, runtime, system (and none) are prod.
 * - Versions: a range (`[1.0,2.0)`, `(,1.5]`) is an UnpinnedRequirement; `[1.2.3]` pins 1.2.3.
 * - A dependency on a sibling module (the project's groupId at the project's version) is the
 *   project's own code: skipped.
 * - Every declared dependency is direct (transitive ones need the dependency tree).
 * - Malformed XML, or a root element other than `<project>`, is an error.
 * - Root: the project, `groupId:artifactId` at its version (groupId and version from `<parent>`
 *   when the project does not repeat them, `${…}` resolved; no version when it does not resolve).
 *   Its dependencies: the components, which are all declared ones. A POM records no graph between
 *   its dependencies, so components have no `dependsOn`; nor hashes.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ParsedManifest, Scope } from './component.js';
import { Collector, guarded, lineIndex, type LineIndex, stripBom, SyntaxProblem } from './parse-helpers.js';

const FORMAT = 'pom.xml';
const MAX_DEPTH = 200;

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
  offset?: number;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

function toElements(nodes: unknown, depth: number): XmlElement[] {
  if (depth > MAX_DEPTH) {
    throw new SyntaxProblem(
      undefined,
      `the XML is nested more than ${MAX_DEPTH} elements deep`,
      'A pom.xml is never this deep: check the file',
    );
  }
  if (!Array.isArray(nodes)) return [];
  const out: XmlElement[] = [];
  for (const node of nodes as unknown[]) {
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string | symbol, unknown>;
    for (const key of Object.keys(record)) {
      if (key === ':@' || key === '#text') continue;
      const children = toElements(record[key], depth + 1);
      const text = Array.isArray(record[key])
        ? (record[key] as unknown[])
            .map((c) =>
              typeof c === 'object' && c !== null && Object.hasOwn(c, '#text')
                ? String((c as Record<string, unknown>)['#text'])
                : '',
            )
            .join('')
        : '';
      const element: XmlElement = { name: key, children, text };
      const meta = record[META] as { startIndex?: number } | undefined;
      if (typeof meta?.startIndex === 'number') element.offset = meta.startIndex;
      out.push(element);
    }
  }
  return out;
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

function textOf(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c === undefined ? undefined : c.text.trim();
}

type ParsedXml =
  { project: XmlElement; lines: LineIndex } | { line: number; column?: number; message: string };

function parsePomDocument(text: string): ParsedXml {
  const body = stripBom(text);
  const parser = new XMLParser({
    preserveOrder: true,
    captureMetaData: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Element names become object keys: keep the three that would touch prototypes out of the way.
    transformTagName: (name) => (RESERVED.has(name) ? `#${name}` : name),
  });
  let tree: unknown;
  try {
    // Validation (`true`) is what reports malformed XML with its line and column. It is marked
    // deprecated in favour of the fast-xml-validator package, which is not a dependency here.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    tree = parser.parse(body, true);
  } catch (error) {
    // With validation on, fast-xml-parser reports `message:line:column`.
    const reason = error instanceof Error ? error.message : String(error);
    const m = /^([\s\S]*):(\d+):(\d+|undefined)$/.exec(reason);
    if (!m) return { line: 1, message: reason };
    const result: ParsedXml = { line: Number(m[2]), message: (m[1] ?? reason).replace(/\.$/, '') };
    if (m[3] !== 'undefined') result.column = Number(m[3]);
    return result;
  }
  const roots = toElements(tree, 0);
  const project = roots[0];
  if (project?.name !== 'project') {
    return {
      line: 1,
      message: `the root element is <${project?.name ?? 'nothing'}>, not <project>: this is not a Maven POM`,
    };
  }
  return { project, lines: lineIndex(body) };
}

interface Managed {
  version?: string;
  scope?: string;
}

interface Model {
  properties: Map<string, string>;
  managed: Map<string, Managed>;
  importsBoms: boolean;
}

/** What a POM contributes to inheritance: properties and managed dependencies (unresolved). */
function modelOf(project: XmlElement): Model {
  const properties = new Map<string, string>();
  for (const p of child(project, 'properties')?.children ?? []) properties.set(p.name, p.text.trim());
  const managed = new Map<string, Managed>();
  let importsBoms = false;
  for (const d of children(child(child(project, 'dependencyManagement'), 'dependencies'), 'dependency')) {
    const scope = textOf(d, 'scope');
    if (scope === 'import') {
      importsBoms = true;
      continue;
    }
    const key = `${textOf(d, 'groupId') ?? ''}:${textOf(d, 'artifactId') ?? ''}`;
    const m: Managed = {};
    const version = textOf(d, 'version');
    if (version !== undefined) m.version = version;
    if (scope !== undefined) m.scope = scope;
    if (!managed.has(key)) managed.set(key, m);
  }
  return { properties, managed, importsBoms };
}

/** `${name}` references resolved; undefined (with the first missing name) when one does not. */
function resolver(properties: Map<string, string>) {
  return (value: string): { value: string } | { missing: string } => {
    let current = value;
    for (let round = 0; round < 10 && current.includes('${'); round++) {
      let missing: string | undefined;
      current = current.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
        const v = properties.get(name);
        if (v === undefined) missing ??= name;
        return v ?? whole;
      });
      if (missing !== undefined) return { missing };
    }
    return current.includes('${')
      ? { missing: /\$\{([^}]+)\}/.exec(current)?.[1] ?? current }
      : { value: current };
  };
}

/** A pinned version, or the range as written. `[1.2.3]` is pinned; `1.2.3` (a soft requirement) too. */
function versionOf(spec: string): { version: string } | { range: string } {
  const exact = /^\[\s*([^,\s[\]()]+)\s*\]$/.exec(spec);
  if (exact) return { version: exact[1] ?? spec };
  if (/[[\](),]/.test(spec)) return { range: spec };
  return { version: spec };
}

export function parsePomXml(text: string, file: string, parentPoms: readonly string[] = []): ParsedManifest {
  return guarded(file, FORMAT, 'Maven', () => {
    const doc = parsePomDocument(text);
    if (!('project' in doc)) {
      throw new SyntaxProblem(
        doc.line,
        `pom.xml is not valid XML${doc.column === undefined ? '' : ` (column ${doc.column})`}: ${doc.message}`,
        'Fix the XML here: every element needs its closing tag, and & and < in text must be written &amp; and &lt;',
      );
    }
    const { project, lines } = doc;
    const out = new Collector(file, 'Maven');

    // Inheritance: the project first, then each parent given (nearest first).
    const models = [modelOf(project)];
    parentPoms.forEach((parentText, i) => {
      const parent = parsePomDocument(parentText);
      if ('project' in parent) models.push(modelOf(parent.project));
      else {
        out.warn(
          undefined,
          `parent POM ${i + 1} given with ${file} is not valid XML (line ${parent.line}: ${parent.message}): it is not used`,
          'Fix the parent POM',
        );
      }
    });
    const properties = new Map<string, string>();
    for (const m of [...models].reverse()) for (const [k, v] of m.properties) properties.set(k, v);
    const parentEl = child(project, 'parent');
    const builtIn: [string, string | undefined][] = [
      ['project.version', textOf(project, 'version') ?? textOf(parentEl, 'version')],
      ['project.groupId', textOf(project, 'groupId') ?? textOf(parentEl, 'groupId')],
      ['project.artifactId', textOf(project, 'artifactId')],
      ['project.parent.version', textOf(parentEl, 'version')],
      ['project.parent.groupId', textOf(parentEl, 'groupId')],
      ['project.parent.artifactId', textOf(parentEl, 'artifactId')],
    ];
    for (const [k, v] of builtIn) {
      if (v === undefined) continue;
      properties.set(k, v);
      if (k === 'project.version' || k === 'project.groupId') {
        properties.set(k.replace('project.', 'pom.'), v);
      }
    }
    if (!properties.has('version') && properties.has('project.version')) {
      properties.set('version', properties.get('project.version') ?? '');
    }
    const resolve = resolver(properties);
    const resolvedOrUndefined = (value: string | undefined): string | undefined => {
      if (value === undefined) return undefined;
      const r = resolve(value);
      return 'value' in r && r.value !== '' ? r.value : undefined;
    };
    const projectVersion = properties.get('project.version');
    const projectGroup = properties.get('project.groupId');
    const managed = (key: string): Managed | undefined => {
      for (const m of models) {
        for (const [rawKey, entry] of m.managed) {
          const r = resolve(rawKey);
          if ('value' in r && r.value === key) return entry;
        }
      }
      return undefined;
    };
    const importsBoms = models.some((m) => m.importsBoms);
    const hasParent = parentEl !== undefined;

    const declared = [
      ...children(child(project, 'dependencies'), 'dependency'),
      ...children(child(project, 'profiles'), 'profile').flatMap((p) =>
        children(child(p, 'dependencies'), 'dependency'),
      ),
    ];
    for (const dep of declared) {
      const line = dep.offset === undefined ? undefined : lines.line(dep.offset);
      const group = resolve(textOf(dep, 'groupId') ?? '');
      const artifact = resolve(textOf(dep, 'artifactId') ?? '');
      if (!('value' in group) || !('value' in artifact) || group.value === '' || artifact.value === '') {
        const missing =
          'missing' in group ? group.missing : 'missing' in artifact ? artifact.missing : undefined;
        out.warn(
          line,
          missing === undefined
            ? 'a <dependency> without a groupId or artifactId is skipped'
            : `a <dependency> whose coordinates use \${${missing}}, which this POM does not define, is skipped`,
          'Write the groupId and artifactId of every dependency',
        );
        continue;
      }
      const name = `${group.value}:${artifact.value}`;
      const entry = managed(name);
      const rawVersion = textOf(dep, 'version') ?? entry?.version;
      const scopeText = textOf(dep, 'scope') ?? entry?.scope ?? 'compile';
      const scope: Scope = scopeText === 'test' || scopeText === 'provided' ? 'dev' : 'prod';
      if (rawVersion === undefined || rawVersion === '') {
        const from = hasParent
          ? importsBoms
            ? 'the parent POM or an imported BOM'
            : 'the parent POM'
          : importsBoms
            ? 'an imported BOM'
            : undefined;
        out.warn(
          line,
          from === undefined
            ? `${name} has no version and no <dependencyManagement> entry gives one: it is not checked`
            : `${name} has no version here: it is managed by ${from}, which is not available, so the effective version needs the parent POM and ${name} is not checked`,
          from === undefined
            ? 'Give the dependency a <version>'
            : 'Review the parent POM as well (or pin the version here); `mvn help:effective-pom` shows the version Maven uses',
        );
        continue;
      }
      const version = resolve(rawVersion);
      if (!('value' in version)) {
        out.warn(
          line,
          `${name} has version ${rawVersion}, and \${${version.missing}} is not defined in this POM${hasParent ? ' (it may come from the parent POM, which is not available)' : ''}: it is not checked`,
          'Define the property in <properties>, or review the parent POM as well',
        );
        continue;
      }
      if (group.value === projectGroup && version.value === projectVersion) continue; // a sibling module
      const pinned = versionOf(version.value);
      if ('range' in pinned) {
        out.unpinnedRequirement(name, pinned.range, line ?? 1);
        continue;
      }
      out.add({ name, version: pinned.version, direct: true, scope, line });
    }
    const rootGroup = resolvedOrUndefined(projectGroup);
    const rootArtifact = resolvedOrUndefined(properties.get('project.artifactId'));
    if (rootGroup !== undefined && rootArtifact !== undefined) {
      out.setRoot(`${rootGroup}:${rootArtifact}`, resolvedOrUndefined(projectVersion), out.components);
    }
    return out.result(FORMAT);
  });
}
