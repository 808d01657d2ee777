/**
 * go.mod → components (Go modules).
 *
 * - Every `require` (single line or block) is a component; `// indirect` marks it not direct. Go
 *   has no dev scope: everything is prod.
 * - Versions: `version` is OSV's form, without Go's `v` (the Go vulnerability database and GHSA
 *   write `1.9.1`, and so does OSV's Go ecosystem); `+incompatible` is kept. The purl keeps the
 *   module version as Go writes it (`pkg:golang/github.com/gin-gonic/gin@v1.9.0`).
 * - `replace old [v] => new v2`: the build uses `new` at `v2`, so the component is `new@v2`, on the
 *   replace line. A replacement by a local directory (`=> ../api`) means the module is built from
 *   the project's own tree: it is not a registry component and is left out, silently (it is not
 *   a problem: monorepos do this on purpose).
 * - `exclude m v`: a require of an excluded version is left out with a warning, because the go
 *   command uses the next higher version, which go.mod does not name.
 * - `retract`, `module`, `go`, `toolchain`, `godebug`, `tool` and `ignore` are read for syntax only.
 *   (The toolchain is not a module: Go's own vulnerabilities are not reported from go.mod.)
 * - Syntax errors (an unknown directive, a malformed require, an unclosed block, a version that is
 *   not canonical semver) are errors, as the go command makes them.
 *
 * - Root: the `module` path (a module has no version of its own in go.mod); its dependencies are
 *   the direct requires. go.mod records no graph between the modules it requires, so components
 *   have no `dependsOn` (`go mod graph` needs the modules' own go.mod files).
 * - Hashes: none. go.sum's `h1:` values are Go's dirhash (a SHA-256 over the sorted file list of
 *   the module's zip, each file's own SHA-256), not the hash of a file anyone downloads: they are
 *   not reported as the component's hash.
 *
 * `confirmWithGoSum` checks the components against go.sum and warns about any that go.sum lacks.
 */
import type { Component, ParsedManifest } from './component.js';
import { Collector, guarded, problem, SyntaxProblem, textLines } from './parse-helpers.js';

const FORMAT = 'go.mod';

const DIRECTIVES = new Set([
  'module',
  'go',
  'toolchain',
  'godebug',
  'require',
  'exclude',
  'replace',
  'retract',
  'tool',
  'ignore',
]);
const BLOCK_DIRECTIVES = new Set(['require', 'exclude', 'replace', 'retract', 'godebug', 'tool', 'ignore']);

/** Go's canonical module version: semver with a `v` (golang.org/x/mod/semver, with patch). */
const GO_VERSION =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

interface Token {
  text: string;
  column: number;
}

interface LexedLine {
  tokens: Token[];
  comment?: string;
}

function lexLine(line: string, lineNo: number): LexedLine {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (line.startsWith('//', i)) {
      return { tokens, comment: line.slice(i + 2).trim() };
    } else if ('()[],'.includes(c)) {
      tokens.push({ text: c, column: i + 1 });
      i++;
    } else if (c === '"' || c === '`') {
      const start = i;
      let j = i + 1;
      let value = '';
      while (j < line.length && line[j] !== c) {
        if (c === '"' && line[j] === '\\' && j + 1 < line.length) {
          value += line[j + 1] ?? '';
          j += 2;
        } else {
          value += line[j] ?? '';
          j++;
        }
      }
      if (j >= line.length) {
        throw new SyntaxProblem(
          lineNo,
          `column ${start + 1}: the quoted string is not closed`,
          `Close the string with ${c} on the same line`,
        );
      }
      tokens.push({ text: value, column: start + 1 });
      i = j + 1;
    } else {
      const start = i;
      while (i < line.length && !/[\s()[\],]/.test(line[i] ?? '') && !line.startsWith('//', i)) i++;
      tokens.push({ text: line.slice(start, i), column: start + 1 });
    }
  }
  return { tokens };
}

/** Go's IsDirectoryPath: a replacement that is a folder, not a module. */
function isLocalPath(path: string): boolean {
  return (
    path === '.' ||
    path === '..' ||
    /^\.\.?[/\\]/.test(path) ||
    path.startsWith('/') ||
    /^[A-Za-z]:[/\\]/.test(path) ||
    path.startsWith('\\\\')
  );
}

interface Require {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

interface Replace {
  old: string;
  oldVersion?: string;
  new: string;
  newVersion?: string;
  line: number;
}

function checkVersion(token: Token, lineNo: number, what: string): string {
  if (!GO_VERSION.test(token.text)) {
    throw new SyntaxProblem(
      lineNo,
      `column ${token.column}: ${what} version "${token.text}" is not a canonical module version (v1.2.3)`,
      'Write the full version with its v, or run `go mod tidy` to resolve it',
    );
  }
  return token.text;
}

function usage(lineNo: number, verb: string, form: string): never {
  throw new SyntaxProblem(
    lineNo,
    `usage: ${verb} ${form}`,
    `Write the ${verb} directive as \`${verb} ${form}\``,
  );
}

export function parseGoMod(text: string, file: string): ParsedManifest {
  return guarded(file, FORMAT, 'Go', () => {
    const out = new Collector(file, 'Go');
    const requires: Require[] = [];
    const replaces: Replace[] = [];
    const excludes = new Set<string>();
    let goVersion: string | undefined;
    let modulePath: string | undefined;
    let block: { verb: string; line: number } | undefined;

    const entry = (verb: string, args: Token[], comment: string | undefined, lineNo: number) => {
      const words = args.map((t) => t.text);
      switch (verb) {
        case 'module':
        case 'toolchain':
        case 'tool':
        case 'ignore':
          if (words.length !== 1) usage(lineNo, verb, verb === 'module' ? 'module/path' : 'value');
          if (verb === 'module') modulePath = words[0];
          return;
        case 'go':
          if (words.length !== 1 || !/^\d+(\.\d+)*([a-z]+\d*)?$/.test(words[0] ?? '')) {
            usage(lineNo, 'go', '1.23');
          }
          goVersion = words[0];
          return;
        case 'godebug':
          if (words.length !== 1 || !(words[0] ?? '').includes('=')) usage(lineNo, 'godebug', 'key=value');
          return;
        case 'retract':
          if (words.length === 0) usage(lineNo, 'retract', 'v1.2.3');
          return;
        case 'require': {
          const [path, version] = args;
          if (args.length !== 2 || path === undefined || version === undefined) {
            usage(lineNo, 'require', 'module/path v1.2.3');
          }
          const indirect =
            comment !== undefined && (comment === 'indirect' || comment.startsWith('indirect;'));
          requires.push({
            path: path.text,
            version: checkVersion(version, lineNo, 'the'),
            indirect,
            line: lineNo,
          });
          return;
        }
        case 'exclude': {
          const [path, version] = args;
          if (args.length !== 2 || path === undefined || version === undefined) {
            usage(lineNo, 'exclude', 'module/path v1.2.3');
          }
          excludes.add(`${path.text}@${checkVersion(version, lineNo, 'the excluded')}`);
          return;
        }
        case 'replace': {
          const arrow = words.indexOf('=>');
          if (arrow !== 1 && arrow !== 2) {
            usage(lineNo, 'replace', 'module/path [v1.2.3] => other/path v1.4.5');
          }
          const left = args.slice(0, arrow);
          const right = args.slice(arrow + 1);
          const [oldPath, oldVersion] = left;
          const [newPath, newVersion] = right;
          if (oldPath === undefined || newPath === undefined || right.length > 2) {
            usage(lineNo, 'replace', 'module/path [v1.2.3] => other/path v1.4.5');
          }
          const r: Replace = { old: oldPath.text, new: newPath.text, line: lineNo };
          if (oldVersion !== undefined) r.oldVersion = checkVersion(oldVersion, lineNo, 'the replaced');
          if (newVersion !== undefined) {
            r.newVersion = checkVersion(newVersion, lineNo, 'the replacement');
          } else if (!isLocalPath(newPath.text)) {
            throw new SyntaxProblem(
              lineNo,
              `column ${newPath.column}: the replacement "${newPath.text}" has no version and is not a folder path`,
              'Give the replacement module a version, or write a folder path starting with ./ or ../',
            );
          }
          replaces.push(r);
          return;
        }
      }
    };

    textLines(text).forEach((raw, i) => {
      const lineNo = i + 1;
      const { tokens, comment } = lexLine(raw, lineNo);
      if (tokens.length === 0) return;
      if (block !== undefined) {
        if (tokens.length === 1 && tokens[0]?.text === ')') {
          block = undefined;
          return;
        }
        entry(block.verb, tokens, comment, lineNo);
        return;
      }
      const [verbToken, ...args] = tokens;
      if (verbToken === undefined) return;
      const verb = verbToken.text;
      if (!DIRECTIVES.has(verb)) {
        throw new SyntaxProblem(
          lineNo,
          `unknown directive: ${verb}`,
          'go.mod directives are module, go, toolchain, godebug, require, exclude, replace, retract, tool and ignore: check the spelling',
        );
      }
      if (args[0]?.text === '(') {
        if (!BLOCK_DIRECTIVES.has(verb)) {
          throw new SyntaxProblem(
            lineNo,
            `${verb} cannot be a block`,
            `Write one ${verb} line without parentheses`,
          );
        }
        if (args.length === 2 && args[1]?.text === ')') return;
        if (args.length !== 1) {
          throw new SyntaxProblem(
            lineNo,
            `column ${args[1]?.column ?? 1}: nothing may follow the ( that opens a ${verb} block`,
            'Put each entry of the block on its own line',
          );
        }
        block = { verb, line: lineNo };
        return;
      }
      entry(verb, args, comment, lineNo);
    });
    if (block !== undefined) {
      throw new SyntaxProblem(
        block.line,
        `the ${block.verb} block opened here is not closed`,
        'Add a line with a single ) after the last entry of the block',
      );
    }

    const direct: Component[] = [];
    for (const req of requires) {
      if (excludes.has(`${req.path}@${req.version}`)) {
        out.warn(
          req.line,
          `${req.path} ${req.version} is required but also excluded: the go command uses the next higher version, which go.mod does not name, so this module is not reviewed`,
          'Run `go mod tidy` to record the version the build uses',
        );
        continue;
      }
      const replace =
        replaces.find((r) => r.old === req.path && r.oldVersion === req.version) ??
        replaces.find((r) => r.old === req.path && r.oldVersion === undefined);
      let name = req.path;
      let version = req.version;
      let line = req.line;
      if (replace !== undefined) {
        if (replace.newVersion === undefined) continue; // a folder of the project: not a registry module
        name = replace.new;
        version = replace.newVersion;
        line = replace.line;
      }
      const component = out.add({
        name,
        version: version.slice(1),
        purlVersion: version,
        direct: !req.indirect,
        scope: 'prod',
        line,
      });
      if (!req.indirect) direct.push(component);
    }
    if (modulePath !== undefined) out.setRoot(modulePath, undefined, direct);
    return out.result(goVersion === undefined ? FORMAT : `${FORMAT} (go ${goVersion})`);
  });
}

/**
 * go.sum confirms go.mod: each component should have a line for its module and version (the
 * module's own hash or its go.mod hash). Adds a warning for each one go.sum lacks, and for lines
 * of go.sum that are not `module version hash`. Returns a new ParsedManifest.
 */
export function confirmWithGoSum(
  parsed: ParsedManifest,
  goSumText: string,
  goSumFile = 'go.sum',
): ParsedManifest {
  const known = new Set<string>();
  const problems = [...parsed.problems];
  textLines(goSumText).forEach((line, i) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') return;
    const [mod, version, hash] = fields;
    if (fields.length !== 3 || mod === undefined || version === undefined || hash?.includes(':') !== true) {
      problems.push(
        problem(
          'warning',
          goSumFile,
          i + 1,
          'this line of go.sum is not "module version hash"',
          'Run `go mod tidy` to rewrite go.sum',
        ),
      );
      return;
    }
    known.add(`${mod}@${version.replace(/\/go\.mod$/, '')}`);
  });
  if (parsed.problems.some((p) => p.level === 'error')) return { ...parsed, problems };
  for (const c of parsed.components) {
    if (known.has(`${c.name}@v${c.version}`)) continue;
    problems.push(
      problem(
        'warning',
        parsed.file,
        c.line,
        `${c.name} v${c.version} is required in go.mod but ${goSumFile} has no checksum for it`,
        'Run `go mod tidy` and commit go.sum, so builds verify what they download',
      ),
    );
  }
  return { ...parsed, problems };
}
