/**
 * Paved Path's starter rule pack for opengrep and Semgrep CE: a few rules per language for the
 * CWE classes that matter most in web services (SQL and OS command injection, path traversal,
 * hard-coded secrets, weak hashes, disabled TLS checks, eval, unsafe deserialisation, SSRF, XSS).
 *
 * The rules are our own work (see README.md in this folder): written from the CWE definitions and
 * the OWASP Cheat Sheets, not copied from the Semgrep Registry. They are plain data in Semgrep's
 * rule schema; `starterPackYaml()` writes them as the YAML file the engine reads with `--config`.
 *
 * Every rule is a search-mode rule with one top-level `patterns` (same-function reasoning only:
 * Semgrep CE and opengrep do not follow values across functions or files). The CWE, OWASP and
 * reference metadata come from the knowledge catalogue, so a finding's remediation links match
 * the rest of the report. `metadata.covers` lists the example lines (examples/expected-findings.json)
 * a rule is written to find; the engine ignores it.
 */
import { Document } from 'yaml';
import {
  CHEAT_SHEET_URL_PREFIX,
  CWE_URL_PREFIX,
  TOP10_2021,
  type Top10Category,
  cweEntry,
} from '../../knowledge/cwe-catalogue.js';

/** Bumped whenever a rule is added, removed or changes what it matches. */
export const STARTER_PACK_VERSION = '1.0.0';
/** Every rule id starts with this, then `<language>.<topic>`. */
export const STARTER_RULE_PREFIX = 'pavedpath.';

export type SemgrepSeverity = 'ERROR' | 'WARNING' | 'INFO';
export type StarterLanguage = 'python' | 'javascript' | 'typescript' | 'go' | 'java';
export type Rating = 'HIGH' | 'MEDIUM' | 'LOW';

export interface MetavariableRegex {
  metavariable: string;
  /** PCRE, left-anchored by the engine; ours all start with `^` (after any `(?i)`-style flags). */
  regex: string;
}

/** The pattern operators this pack uses, in Semgrep's syntax. */
export type Clause =
  | { pattern: string }
  | { patterns: Clause[] }
  | { 'pattern-either': Clause[] }
  | { 'pattern-inside': string }
  | { 'pattern-not': string }
  | { 'pattern-not-inside': string }
  | { 'metavariable-regex': MetavariableRegex };

export interface StarterRuleMetadata {
  /** `CWE-<n>: <MITRE name>`, the form Semgrep's own rules use (and SARIF tags carry). */
  cwe: string[];
  /** OWASP Top 10:2021, e.g. `A03:2021 - Injection`. */
  owasp: string[];
  category: 'security';
  /** `vuln`: the match is the problem; `audit`: the match needs a look. */
  subcategory: ['vuln'] | ['audit'];
  confidence: Rating;
  likelihood: Rating;
  impact: Rating;
  /** GitHub code scanning's 0.0–10.0 score, as a string like CodeQL writes it. */
  'security-severity': string;
  references: string[];
  technology: string[];
  /** Example lines this rule is written to find: `examples/<service>/<file>:<line>`. */
  covers?: string[];
}

export interface StarterRule {
  id: string;
  languages: StarterLanguage[];
  severity: SemgrepSeverity;
  message: string;
  options?: { constant_propagation?: boolean };
  patterns: Clause[];
  metadata: StarterRuleMetadata;
}

// ---------------------------------------------------------------------------------------------
// Small builders, so each rule reads like the YAML it becomes.

const p = (pattern: string): Clause => ({ pattern });
const all = (...clauses: Clause[]): Clause => ({ patterns: clauses });
const either = (...clauses: Clause[]): Clause =>
  clauses.length === 1 && clauses[0] ? clauses[0] : { 'pattern-either': clauses };
const inside = (pattern: string): Clause => ({ 'pattern-inside': pattern });
const not = (pattern: string): Clause => ({ 'pattern-not': pattern });
const notInside = (pattern: string): Clause => ({ 'pattern-not-inside': pattern });
const regex = (metavariable: string, re: string): Clause => ({
  'metavariable-regex': { metavariable, regex: re },
});

/** Where the untrusted value goes in a sink pattern. */
const ARG = '%ARG%';

interface Sink {
  /** A pattern with `%ARG%` where the untrusted value is passed. */
  pattern: string;
  where?: Clause[];
}

interface Flow {
  /** Untrusted expressions (request data). */
  sources: readonly string[];
  /** A statement storing `value` in `$NAME`, in the rule's language. */
  store: (value: string) => string;
  sinks: readonly (string | Sink)[];
}

/**
 * Untrusted data reaching a sink in one block: either written straight into the sink's argument,
 * or stored in a variable first (`$NAME = <request data>` … `sink($NAME)`). This is the
 * `pattern-inside` idiom, not taint tracking: a value passed through another function is missed.
 */
function flow(spec: Flow): Clause {
  const sinks = (value: string): Clause[] =>
    spec.sinks.map((sink) => {
      const s: Sink = typeof sink === 'string' ? { pattern: sink } : sink;
      const pattern = p(s.pattern.replace(ARG, value));
      return s.where ? all(pattern, ...s.where) : pattern;
    });
  return either(
    ...spec.sources.flatMap((source) => sinks(`<... ${source} ...>`)),
    all(
      either(...spec.sources.map((source) => inside(`${spec.store(`<... ${source} ...>`)}\n...`))),
      either(...sinks('<... $NAME ...>')),
    ),
  );
}

const pyStore = (value: string): string => `$NAME = ${value}`;
const jsStore = (value: string): string => `$NAME = ${value};`;
const goStore = (value: string): string => `$NAME := ${value}`;

/** `$BINDING` is a Node.js module imported with require() or import. */
function jsModule(binding: string, modules: readonly string[]): Clause {
  return either(
    ...modules.flatMap((m) => [
      inside(`${binding} = require('${m}');\n...`),
      inside(`import ${binding} from '${m}';\n...`),
      inside(`import * as ${binding} from '${m}';\n...`),
    ]),
  );
}

interface Rated {
  confidence: Rating;
  likelihood: Rating;
  impact: Rating;
  score: string;
  technology: string[];
  subcategory?: 'vuln' | 'audit';
  covers?: string[];
}

/** Security metadata for CWEs of the knowledge catalogue (names, OWASP category, cheat sheets). */
function security(cwes: readonly number[], rated: Rated): StarterRuleMetadata {
  const entries = cwes.map((id) => {
    const entry = cweEntry(id);
    if (!entry) throw new Error(`starter pack: CWE-${String(id)} is not in the knowledge catalogue`);
    return entry;
  });
  const top10 = [...new Set(entries.map((e) => e.top10).filter((c): c is Top10Category => c !== undefined))];
  const sheets = [...new Set(entries.flatMap((e) => e.cheatSheets))];
  const metadata: StarterRuleMetadata = {
    cwe: entries.map((e) => `CWE-${String(e.id)}: ${e.name}`),
    owasp: top10.map((c) => `${c}:2021 - ${TOP10_2021[c]}`),
    category: 'security',
    subcategory: [rated.subcategory ?? 'vuln'],
    confidence: rated.confidence,
    likelihood: rated.likelihood,
    impact: rated.impact,
    'security-severity': rated.score,
    references: [
      ...sheets.map((s) => `${CHEAT_SHEET_URL_PREFIX}${s}.html`),
      ...entries.map((e) => `${CWE_URL_PREFIX}${String(e.id)}.html`),
    ],
    technology: rated.technology,
  };
  if (rated.covers) metadata.covers = rated.covers;
  return metadata;
}

const ex = (service: string, file: string, line: number): string =>
  `examples/${service}/${file}:${String(line)}`;

// ---------------------------------------------------------------------------------------------
// Shared expressions. Regexes are PCRE (the engine) and also valid JavaScript once a leading
// `(?i)`/`(?s)`/`(?is)` is turned into flags (the tests compile them); `\x60` is a backquote.

const SQL_VERB = String.raw`(?:select|insert|update|delete|replace|merge|with|create|drop|alter|truncate)`;
/** Python: a SQL literal followed by `+`, `%` or `.format(`, or an f-string with a `{}` field. */
const PY_SQL_BUILT = String.raw`(?is)^(?:[rbu]{0,2}("""|'''|"|')\s*${SQL_VERB}\s(?:(?!\1).)*\1\s*(?:\+|%|\.format\s*\()|[rb]?f[rb]?(?:"""|'''|"|')\s*${SQL_VERB}\s[^{]*\{)`;
/** JavaScript: a SQL literal followed by `+`, or a template literal with a `${}` field. */
const JS_SQL_BUILT = String.raw`(?is)^(?:(["'\x60])\s*${SQL_VERB}\s(?:(?!\1).)*\1\s*\+|\x60\s*${SQL_VERB}\s[^\x60]*\$\{)`;
/** Go: a SQL literal (interpreted or raw) followed by `+`. */
const GO_SQL_CONCAT = String.raw`(?is)^(["\x60])\s*${SQL_VERB}\s(?:(?!\1).)*\1\s*\+`;
/** Go: a SQL format string with a `%s`, `%v` or `%q` verb. */
const GO_SQL_FORMAT = String.raw`(?is)^(["\x60])\s*${SQL_VERB}\s(?:(?!\1).)*%[-+# 0-9.*]*[sqv]`;
/** Java: a SQL literal followed by `+`. */
const JAVA_SQL_CONCAT = String.raw`(?is)^"\s*${SQL_VERB}\s[^"]*"\s*\+`;
/** Java: a SQL format string with a `%s`. */
const JAVA_SQL_FORMAT = String.raw`(?is)^"\s*${SQL_VERB}\s[^"]*%[-+# 0-9.]*s`;

/** Names that hold secrets, minus names of things about secrets (`TOKEN_URL`, `passwordField`). */
const SECRET_NAME = String.raw`(?i)^(?![\w.]*(?:_?url|_?uri|_?path|_?file|_?dir|_?name|_?field|_?header|_?param|_?key_?id|_?env|_?var|_?length|_?len|_?prefix|_?pattern|_?regex|_?type|_?endpoint|_?hash)$)[\w.]*(?:passw(?:or)?d|passphrase|secret|token|api_?key|access_?key|private_?key|credentials?)[\w.]*$`;
/** A literal that looks like a real secret: 8+ characters, no spaces, no template or placeholder. */
const SECRET_VALUE = String.raw`(?i)^["'\x60]?(?!(?:changeme|change_me|password|secret|example|placeholder|dummy|redacted|xxx+|\*+)["'\x60]?$)[^\s"'\x60{}$%<>]{8,}["'\x60]?$`;
const WEAK_HASH = String.raw`(?i)^["'\x60]?(?:md2|md4|md5|sha-?1)["'\x60]?$`;
const SHELL = String.raw`^["'\x60]?(?:/usr)?(?:/bin/)?(?:sh|bash|zsh|dash|ksh|ash)["'\x60]?$`;
const SHELL_FLAG = String.raw`^["'\x60]?-[a-z]*c["'\x60]?$`;

const PY_FILE_SINKS: readonly string[] = [
  `open(${ARG}, ...)`,
  `io.open(${ARG}, ...)`,
  `os.open(${ARG}, ...)`,
  `flask.send_file(${ARG}, ...)`,
  `os.remove(${ARG})`,
  `os.unlink(${ARG})`,
  `shutil.rmtree(${ARG}, ...)`,
];
const PY_REQUEST = 'flask.request.$SRC';
/** Express-style request data: `req.query`, `req.params`, `req.body`, … */
const JS_REQUEST = '$REQ.$SRC';
const JS_REQUEST_WHERE: Clause[] = [
  regex('$REQ', '^(?:req|request)$'),
  regex('$SRC', '^(?:query|params|body|cookies|headers)$'),
];
const GO_REQUEST: readonly string[] = [
  '$R.URL.Query()',
  '$R.FormValue(...)',
  '$R.PostFormValue(...)',
  '$R.PathValue(...)',
  'mux.Vars($R)',
];
const HTTP_VERBS = '^(?:get|post|put|patch|delete|head|options|request)$';

// ---------------------------------------------------------------------------------------------
// CWE-89: SQL built from strings.

const SQL_MESSAGE =
  'SQL text built by joining or formatting strings: a value placed into the query can change its meaning (SQL injection). Keep the SQL constant and pass values as bound parameters (placeholders).';

const sqlRules: StarterRule[] = [
  {
    id: 'pavedpath.python.sql-string-concat',
    languages: ['python'],
    severity: 'ERROR',
    message: `${SQL_MESSAGE} With DB-API drivers: cursor.execute("... WHERE owner = %s", (owner,)), or "?" for sqlite3.`,
    patterns: [
      either(
        all(p('$DB.$EXEC($QUERY, ...)'), not('$DB.$EXEC("...", ...)'), regex('$QUERY', PY_SQL_BUILT)),
        all(p('$VAR = $QUERY\n...\n$DB.$EXEC($VAR, ...)'), regex('$QUERY', PY_SQL_BUILT)),
      ),
      regex('$EXEC', '^(?:execute|executemany|executescript|mogrify|raw|read_sql|read_sql_query)$'),
    ],
    metadata: security([89], {
      confidence: 'HIGH',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '8.8',
      technology: ['python', 'db-api'],
      covers: [ex('python-service', 'db.py', 50)],
    }),
  },
  {
    id: 'pavedpath.javascript.sql-string-concat',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: `${SQL_MESSAGE} With node-postgres: pool.query('... WHERE owner = $1', [owner]); with mysql2: '?' placeholders.`,
    patterns: [
      p('$DB.$EXEC($QUERY, ...)'),
      not('$DB.$EXEC("...", ...)'),
      regex('$EXEC', '^(?:query|execute|exec|raw|run|all|get|each|prepare)$'),
      regex('$QUERY', JS_SQL_BUILT),
    ],
    metadata: security([89], {
      confidence: 'HIGH',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '8.8',
      technology: ['node.js', 'pg', 'mysql', 'sqlite'],
      covers: [ex('node-service', 'src/db.js', 12)],
    }),
  },
  {
    id: 'pavedpath.go.sql-string-concat',
    languages: ['go'],
    severity: 'ERROR',
    message: `${SQL_MESSAGE} With database/sql: db.Query("... WHERE owner = $1", owner) (or "?" for MySQL and SQLite).`,
    patterns: [
      either(
        all(
          p('$DB.$EXEC($QUERY, ...)'),
          not('$DB.$EXEC("...", ...)'),
          regex('$EXEC', '^(?:Query|QueryRow|Exec|Prepare|Raw)$'),
          regex('$QUERY', GO_SQL_CONCAT),
        ),
        all(
          p('$DB.$EXEC($CTX, $QUERY, ...)'),
          not('$DB.$EXEC($CTX, "...", ...)'),
          regex('$EXEC', '^(?:QueryContext|QueryRowContext|ExecContext|PrepareContext)$'),
          regex('$QUERY', GO_SQL_CONCAT),
        ),
        all(
          either(
            p('$DB.$EXEC(fmt.Sprintf($FMT, ...), ...)'),
            p('$Q := fmt.Sprintf($FMT, ...)\n...\n$DB.$EXEC($Q, ...)'),
            p('$Q = fmt.Sprintf($FMT, ...)\n...\n$DB.$EXEC($Q, ...)'),
          ),
          regex('$EXEC', '^(?:Query|QueryRow|Exec|Prepare|Raw)$'),
          regex('$FMT', GO_SQL_FORMAT),
        ),
      ),
    ],
    metadata: security([89], {
      confidence: 'HIGH',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '8.8',
      technology: ['go', 'database/sql'],
      covers: [ex('go-service', 'store.go', 34), ex('go-service', 'store.go', 44)],
    }),
  },
  {
    id: 'pavedpath.java.sql-string-concat',
    languages: ['java'],
    severity: 'ERROR',
    message: `${SQL_MESSAGE} With JDBC: a PreparedStatement with "?" placeholders and setString()/setInt().`,
    patterns: [
      either(
        all(p('$STMT.$EXEC($QUERY, ...)'), not('$STMT.$EXEC("...", ...)'), regex('$QUERY', JAVA_SQL_CONCAT)),
        all(p('$STMT.$EXEC(String.format($FMT, ...), ...)'), regex('$FMT', JAVA_SQL_FORMAT)),
      ),
      regex(
        '$EXEC',
        '^(?:execute|executeQuery|executeUpdate|executeLargeUpdate|addBatch|prepareStatement|prepareCall|createQuery|createNativeQuery|query|queryForList|queryForObject|queryForMap|update)$',
      ),
    ],
    metadata: security([89], {
      confidence: 'HIGH',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '8.8',
      technology: ['java', 'jdbc'],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-78: shell commands with non-literal input.

const SHELL_MESSAGE =
  'A shell runs a command line built from a non-literal value: shell metacharacters in it (; | $() and so on) run other commands (OS command injection). Run the program directly with an argument list and no shell, and allow-list the arguments.';

const commandRules: StarterRule[] = [
  {
    id: 'pavedpath.python.shell-command-injection',
    languages: ['python'],
    severity: 'ERROR',
    message: `${SHELL_MESSAGE} In Python: subprocess.run(["tar", "-czf", "-", "-C", base, name], check=True) without shell=True.`,
    patterns: [
      either(
        all(
          p('subprocess.$FUNC($CMD, ..., shell=True, ...)'),
          not('subprocess.$FUNC("...", ..., shell=True, ...)'),
          regex('$FUNC', '^(?:run|call|check_call|check_output|Popen)$'),
        ),
        all(
          either(
            p('os.system($CMD)'),
            p('os.popen($CMD, ...)'),
            p('subprocess.getoutput($CMD)'),
            p('subprocess.getstatusoutput($CMD)'),
          ),
          not('os.system("...")'),
          not('os.popen("...", ...)'),
          not('subprocess.getoutput("...")'),
          not('subprocess.getstatusoutput("...")'),
        ),
      ),
    ],
    metadata: security([78], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.8',
      technology: ['python'],
      covers: [ex('python-service', 'files.py', 20)],
    }),
  },
  {
    id: 'pavedpath.javascript.shell-command-injection',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: `${SHELL_MESSAGE} In Node.js: child_process.execFile() or spawn() with an argument array instead of exec().`,
    patterns: [
      jsModule('$CP', ['child_process', 'node:child_process']),
      either(p('$CP.exec($CMD, ...)'), p('$CP.execSync($CMD, ...)')),
      not('$CP.exec("...", ...)'),
      not('$CP.execSync("...", ...)'),
    ],
    metadata: security([78], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.8',
      technology: ['node.js'],
      covers: [ex('node-service', 'src/files.js', 27)],
    }),
  },
  {
    id: 'pavedpath.go.shell-command-injection',
    languages: ['go'],
    severity: 'ERROR',
    message: `${SHELL_MESSAGE} In Go: exec.Command("tar", "-czf", "-", "-C", base, name) instead of a shell with -c.`,
    patterns: [
      either(
        all(p('exec.Command("$SHELL", "$FLAG", $CMD, ...)'), not('exec.Command("...", "...", "...", ...)')),
        all(
          p('exec.CommandContext($CTX, "$SHELL", "$FLAG", $CMD, ...)'),
          not('exec.CommandContext($CTX, "...", "...", "...", ...)'),
        ),
      ),
      regex('$SHELL', SHELL),
      regex('$FLAG', SHELL_FLAG),
    ],
    metadata: security([78], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.8',
      technology: ['go'],
      covers: [ex('go-service', 'files.go', 33)],
    }),
  },
  {
    id: 'pavedpath.java.shell-command-injection',
    languages: ['java'],
    severity: 'ERROR',
    message: `${SHELL_MESSAGE} In Java: new ProcessBuilder("tar", "-czf", "-", name) with each argument separate, never "sh -c".`,
    patterns: [
      either(
        all(p('Runtime.getRuntime().exec($CMD, ...)'), not('Runtime.getRuntime().exec("...", ...)')),
        all(
          p('new ProcessBuilder("$SHELL", "$FLAG", $CMD, ...)'),
          not('new ProcessBuilder("...", "...", "...", ...)'),
          regex('$SHELL', SHELL),
          regex('$FLAG', SHELL_FLAG),
        ),
      ),
    ],
    metadata: security([78], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.1',
      technology: ['java'],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-22: file paths from request data.

const PATH_MESSAGE =
  'A file path is built from request data: "../" or an absolute path in it reaches files outside the intended folder (path traversal). Map the input to a known file name, or take its base name and check that the resolved path stays inside the base directory.';

const pathRules: StarterRule[] = [
  {
    id: 'pavedpath.python.path-from-request',
    languages: ['python'],
    severity: 'ERROR',
    message: `${PATH_MESSAGE} In Flask: flask.send_from_directory(base, name) or werkzeug.utils.safe_join(base, name).`,
    patterns: [
      flow({ sources: [PY_REQUEST], store: pyStore, sinks: PY_FILE_SINKS }),
      not('$F(<... os.path.basename(...) ...>, ...)'),
      not('$F(<... werkzeug.utils.secure_filename(...) ...>, ...)'),
      notInside('$NAME = os.path.basename(...)\n...'),
      notInside('$NAME = werkzeug.utils.secure_filename(...)\n...'),
    ],
    metadata: security([22], {
      confidence: 'MEDIUM',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '7.5',
      technology: ['python', 'flask'],
    }),
  },
  {
    id: 'pavedpath.python.path-join-argument',
    languages: ['python'],
    severity: 'WARNING',
    message:
      'A function opens a path that joins a base folder with one of its arguments, unchecked: if a caller passes request data such as "../../etc/passwd", the path leaves the folder (path traversal). Take the base name of the argument (or werkzeug.utils.secure_filename), or resolve the joined path and check that it stays inside the base folder.',
    patterns: [
      inside('def $FUNC(..., $NAME, ...):\n    ...'),
      either(...PY_FILE_SINKS.map((sink) => p(sink.replace(ARG, 'os.path.join(..., $NAME, ...)')))),
      notInside('$NAME = os.path.basename(...)\n...'),
      notInside('$NAME = werkzeug.utils.secure_filename(...)\n...'),
    ],
    metadata: security([22], {
      confidence: 'LOW',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '5.3',
      technology: ['python'],
      subcategory: 'audit',
      covers: [ex('python-service', 'files.py', 13)],
    }),
  },
  {
    id: 'pavedpath.javascript.path-from-request',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: `${PATH_MESSAGE} In Express: res.sendFile(name, { root: base }) rejects paths that leave root.`,
    patterns: [
      flow({
        sources: [JS_REQUEST],
        store: jsStore,
        sinks: [
          {
            pattern: `$FS.$METHOD(${ARG}, ...)`,
            where: [
              regex(
                '$METHOD',
                '^(?:readFile|readFileSync|createReadStream|writeFile|writeFileSync|createWriteStream|appendFile|appendFileSync|open|openSync|unlink|unlinkSync|rm|rmSync|readdir|readdirSync|sendFile|download)$',
              ),
            ],
          },
        ],
      }),
      ...JS_REQUEST_WHERE,
      not('$F(<... path.basename(...) ...>, ...)'),
      notInside('$NAME = path.basename(...);\n...'),
    ],
    metadata: security([22], {
      confidence: 'MEDIUM',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '7.5',
      technology: ['node.js', 'express'],
      covers: [ex('node-service', 'src/files.js', 13)],
    }),
  },
  {
    id: 'pavedpath.go.path-from-request',
    languages: ['go'],
    severity: 'ERROR',
    message: `${PATH_MESSAGE} In Go: filepath.Base(name), then check the joined path with filepath.Rel or an os.Root (Go 1.24).`,
    patterns: [
      flow({
        sources: GO_REQUEST,
        store: goStore,
        sinks: [
          {
            pattern: `os.$FN(${ARG}, ...)`,
            where: [
              regex(
                '$FN',
                '^(?:Open|OpenFile|ReadFile|WriteFile|Create|Remove|RemoveAll|ReadDir|Stat|Lstat|Mkdir|MkdirAll|Chmod)$',
              ),
            ],
          },
          { pattern: `ioutil.$FN(${ARG}, ...)`, where: [regex('$FN', '^(?:ReadFile|WriteFile|ReadDir)$')] },
          `http.ServeFile($W, $REQUEST, ${ARG})`,
        ],
      }),
      not('$F(<... filepath.Base(...) ...>, ...)'),
      notInside('$NAME = filepath.Base(...)\n...'),
    ],
    metadata: security([22], {
      confidence: 'MEDIUM',
      likelihood: 'HIGH',
      impact: 'HIGH',
      score: '7.5',
      technology: ['go', 'net/http'],
      covers: [ex('go-service', 'files.go', 19)],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-798: hard-coded secrets. Constant propagation is off so each secret is reported once, where
// it is written, not again at every use of the constant.

const SECRET_MESSAGE =
  'A credential is written in the source: everyone who can read the repository (or its history, or the built artifact) has it, and rotating it needs a code change. Read it from the environment or a secrets manager at run time, and rotate this one.';

const secretWhere: Clause[] = [regex('$NAME', SECRET_NAME), regex('$VALUE', SECRET_VALUE)];

const secretRules: StarterRule[] = [
  {
    id: 'pavedpath.python.hardcoded-secret',
    languages: ['python'],
    severity: 'ERROR',
    message: `${SECRET_MESSAGE} For example os.environ["ADMIN_PASSWORD"].`,
    options: { constant_propagation: false },
    patterns: [either(p('$NAME = "$VALUE"'), p('$FUNC(..., $NAME="$VALUE", ...)')), ...secretWhere],
    metadata: security([798], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.5',
      technology: ['python'],
      covers: [ex('python-service', 'auth.py', 14)],
    }),
  },
  {
    id: 'pavedpath.javascript.hardcoded-secret',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: `${SECRET_MESSAGE} For example process.env.JWT_SECRET, checked at start-up.`,
    options: { constant_propagation: false },
    patterns: [p('$NAME = "$VALUE"'), ...secretWhere],
    metadata: security([798], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.5',
      technology: ['node.js'],
      covers: [ex('node-service', 'src/auth.js', 8)],
    }),
  },
  {
    id: 'pavedpath.javascript.jwt-hardcoded-secret',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message:
      'JSON Web Tokens are signed or verified with a secret written in the source: anyone who can read the repository can mint valid tokens. Read the secret from the environment or a secrets manager at run time, and rotate this one.',
    options: { constant_propagation: false },
    patterns: [
      jsModule('$JWT', ['jsonwebtoken']),
      either(p('$JWT.sign($PAYLOAD, "$SECRET", ...)'), p('$JWT.verify($TOKEN, "$SECRET", ...)')),
    ],
    metadata: security([798], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.1',
      technology: ['node.js', 'jsonwebtoken'],
    }),
  },
  {
    id: 'pavedpath.go.hardcoded-secret',
    languages: ['go'],
    severity: 'ERROR',
    message: `${SECRET_MESSAGE} For example os.Getenv("JWT_SECRET"), checked at start-up.`,
    options: { constant_propagation: false },
    patterns: [p('$NAME = "$VALUE"'), ...secretWhere],
    metadata: security([798], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.5',
      technology: ['go'],
      covers: [ex('go-service', 'main.go', 15), ex('go-service', 'auth.go', 19)],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-327/328: MD5 and SHA-1.

const HASH_MESSAGE =
  'MD5 and SHA-1 are broken: collisions are cheap, and as password hashes they are fast to brute-force. Store passwords with a slow salted hash (Argon2id, scrypt, bcrypt or PBKDF2); for integrity use SHA-256 or better.';

const hashRules: StarterRule[] = [
  {
    id: 'pavedpath.python.weak-hash',
    languages: ['python'],
    severity: 'WARNING',
    message: `${HASH_MESSAGE} In Python: hashlib.scrypt() or argon2-cffi for passwords. Mark a non-security use with usedforsecurity=False.`,
    patterns: [
      either(
        p('hashlib.md5(...)'),
        p('hashlib.sha1(...)'),
        all(p('hashlib.new("$ALG", ...)'), regex('$ALG', WEAK_HASH)),
      ),
      not('hashlib.$F(..., usedforsecurity=False, ...)'),
    ],
    metadata: security([328, 327], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'MEDIUM',
      score: '5.9',
      technology: ['python', 'hashlib'],
      covers: [ex('python-service', 'auth.py', 19)],
    }),
  },
  {
    id: 'pavedpath.javascript.weak-hash',
    languages: ['javascript', 'typescript'],
    severity: 'WARNING',
    message: `${HASH_MESSAGE} In Node.js: crypto.scrypt() or an Argon2/bcrypt package for passwords.`,
    patterns: [p('$CRYPTO.createHash("$ALG", ...)'), regex('$ALG', WEAK_HASH)],
    metadata: security([328, 327], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'MEDIUM',
      score: '5.9',
      technology: ['node.js', 'crypto'],
      covers: [ex('node-service', 'src/auth.js', 12)],
    }),
  },
  {
    id: 'pavedpath.go.weak-hash',
    languages: ['go'],
    severity: 'WARNING',
    message: `${HASH_MESSAGE} In Go: golang.org/x/crypto/argon2 or bcrypt for passwords, crypto/sha256 otherwise.`,
    patterns: [either(p('md5.New()'), p('md5.Sum(...)'), p('sha1.New()'), p('sha1.Sum(...)'))],
    metadata: security([328, 327], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'MEDIUM',
      score: '5.9',
      technology: ['go', 'crypto'],
      covers: [ex('go-service', 'auth.go', 31)],
    }),
  },
  {
    id: 'pavedpath.java.weak-hash',
    languages: ['java'],
    severity: 'WARNING',
    message: `${HASH_MESSAGE} In Java: MessageDigest.getInstance("SHA-256") for integrity; Argon2 or PBKDF2 (SecretKeyFactory "PBKDF2WithHmacSHA256") for passwords.`,
    patterns: [
      either(
        all(p('MessageDigest.getInstance("$ALG", ...)'), regex('$ALG', WEAK_HASH)),
        all(p('DigestUtils.$HASH(...)'), regex('$HASH', '^(?:md2|md5|sha1|sha)(?:Hex)?$')),
      ),
    ],
    metadata: security([328, 327], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'MEDIUM',
      score: '5.9',
      technology: ['java'],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-295: TLS certificate checks turned off.

const TLS_MESSAGE =
  "TLS certificate verification is turned off: anyone on the network path can impersonate the server and read or change the traffic. Keep verification on; for a private CA, trust that CA's certificate instead.";

const tlsRules: StarterRule[] = [
  {
    id: 'pavedpath.python.tls-verification-disabled',
    languages: ['python'],
    severity: 'ERROR',
    message: `${TLS_MESSAGE} With requests: verify="/path/to/ca-bundle.pem".`,
    patterns: [
      either(
        p('requests.$METHOD(..., verify=False, ...)'),
        p('httpx.$METHOD(..., verify=False, ...)'),
        p('ssl._create_unverified_context(...)'),
        p('$CONTEXT.verify_mode = ssl.CERT_NONE'),
      ),
    ],
    metadata: security([295], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.4',
      technology: ['python', 'requests'],
      covers: [ex('python-service', 'webhooks.py', 15)],
    }),
  },
  {
    id: 'pavedpath.javascript.tls-verification-disabled',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: `${TLS_MESSAGE} In Node.js: pass the CA with the "ca" option, or NODE_EXTRA_CA_CERTS.`,
    patterns: [
      either(
        p('new $CLASS(..., {..., rejectUnauthorized: false, ...}, ...)'),
        p('$FUNC(..., {..., rejectUnauthorized: false, ...}, ...)'),
        p('$OPTIONS = {..., rejectUnauthorized: false, ...}'),
        p('$OPTIONS.rejectUnauthorized = false'),
        p("process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'"),
      ),
    ],
    metadata: security([295], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.4',
      technology: ['node.js', 'https'],
      covers: [ex('node-service', 'src/webhooks.js', 7)],
    }),
  },
  {
    id: 'pavedpath.go.tls-verification-disabled',
    languages: ['go'],
    severity: 'ERROR',
    message: `${TLS_MESSAGE} In Go: set tls.Config.RootCAs to a pool holding the CA.`,
    patterns: [
      either(p('tls.Config{..., InsecureSkipVerify: true, ...}'), p('$CONFIG.InsecureSkipVerify = true')),
    ],
    metadata: security([295], {
      confidence: 'HIGH',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.4',
      technology: ['go', 'crypto/tls'],
      covers: [ex('go-service', 'webhook.go', 20)],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-95: code evaluated from a non-literal string.

const EVAL_MESSAGE =
  'Code is evaluated from a string that is not a literal: if any part of it comes from a user, they run code in the service (eval injection). Parse the input as data instead (JSON, a small expression parser, a lookup table).';

const evalRules: StarterRule[] = [
  {
    id: 'pavedpath.python.eval-injection',
    languages: ['python'],
    severity: 'ERROR',
    message: `${EVAL_MESSAGE} In Python: ast.literal_eval() for literals, json.loads() for data.`,
    patterns: [
      either(
        all(p('eval($CODE, ...)'), not('eval("...", ...)')),
        all(p('exec($CODE, ...)'), not('exec("...", ...)')),
      ),
    ],
    metadata: security([95], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.1',
      technology: ['python'],
    }),
  },
  {
    id: 'pavedpath.javascript.eval-injection',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: `${EVAL_MESSAGE} In JavaScript: JSON.parse() for data; never eval(), new Function() or vm with request data (vm is not a sandbox).`,
    patterns: [
      either(
        all(p('eval($CODE)'), not('eval("...")')),
        all(p('new Function(..., $CODE)'), not('new Function(..., "...")')),
        all(
          jsModule('$VM', ['vm', 'node:vm']),
          either(
            p('$VM.runInThisContext($CODE, ...)'),
            p('$VM.runInNewContext($CODE, ...)'),
            p('$VM.runInContext($CODE, ...)'),
          ),
          not('$VM.$RUN("...", ...)'),
        ),
      ),
    ],
    metadata: security([95], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.1',
      technology: ['node.js'],
      covers: [ex('node-service', 'src/notes.js', 48)],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-502: deserialisers that can build arbitrary objects.

const DESERIALISE_MESSAGE =
  'This deserialiser can build arbitrary objects, and with them run code, when the data is crafted (unsafe deserialisation). Never use it on data a user can touch (cookies, request bodies, uploads, shared caches); use a data-only format such as JSON and validate it.';

const deserialiseRules: StarterRule[] = [
  {
    id: 'pavedpath.python.unsafe-deserialization',
    languages: ['python'],
    severity: 'ERROR',
    message: `${DESERIALISE_MESSAGE} For YAML: yaml.safe_load().`,
    patterns: [
      either(
        p('pickle.loads(...)'),
        p('pickle.load(...)'),
        p('pickle.Unpickler(...)'),
        p('dill.loads(...)'),
        p('dill.load(...)'),
        p('shelve.open(...)'),
        p('jsonpickle.decode(...)'),
        p('marshal.loads(...)'),
        p('marshal.load(...)'),
        p('yaml.unsafe_load(...)'),
        p('yaml.unsafe_load_all(...)'),
        all(
          either(p('yaml.load(...)'), p('yaml.load_all(...)')),
          not('yaml.$LOAD(..., Loader=yaml.SafeLoader, ...)'),
          not('yaml.$LOAD(..., Loader=yaml.CSafeLoader, ...)'),
          not('yaml.$LOAD(..., Loader=yaml.BaseLoader, ...)'),
          not('yaml.$LOAD($DOC, yaml.SafeLoader)'),
          not('yaml.$LOAD($DOC, yaml.CSafeLoader)'),
        ),
      ),
    ],
    metadata: security([502], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.1',
      technology: ['python', 'pickle', 'pyyaml'],
      covers: [ex('python-service', 'auth.py', 45), ex('python-service', 'importer.py', 15)],
    }),
  },
  {
    id: 'pavedpath.java.unsafe-deserialization',
    languages: ['java'],
    severity: 'ERROR',
    message: `${DESERIALISE_MESSAGE} If Java serialisation must stay, set an ObjectInputFilter that allow-lists the classes.`,
    patterns: [
      either(
        p('(ObjectInputStream $IN).readObject()'),
        p('(ObjectInputStream $IN).readUnshared()'),
        p('new XMLDecoder(...)'),
      ),
    ],
    metadata: security([502], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '8.1',
      technology: ['java'],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-918: server-side requests to URLs from request data.

const SSRF_MESSAGE =
  'The service fetches a URL taken from request data: a user can make it call internal addresses (cloud metadata at 169.254.169.254, admin ports, localhost) on their behalf (SSRF). Allow-list the hosts (or map a key to a fixed URL), and refuse private and link-local addresses after DNS resolution.';

const ssrfRules: StarterRule[] = [
  {
    id: 'pavedpath.python.ssrf',
    languages: ['python'],
    severity: 'ERROR',
    message: SSRF_MESSAGE,
    patterns: [
      flow({
        sources: [PY_REQUEST],
        store: pyStore,
        sinks: [
          { pattern: `requests.$METHOD(${ARG}, ...)`, where: [regex('$METHOD', HTTP_VERBS)] },
          { pattern: `httpx.$METHOD(${ARG}, ...)`, where: [regex('$METHOD', HTTP_VERBS)] },
          `urllib.request.urlopen(${ARG}, ...)`,
        ],
      }),
    ],
    metadata: security([918], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.5',
      technology: ['python', 'flask', 'requests'],
    }),
  },
  {
    id: 'pavedpath.javascript.ssrf',
    languages: ['javascript', 'typescript'],
    severity: 'ERROR',
    message: SSRF_MESSAGE,
    patterns: [
      flow({
        sources: [JS_REQUEST],
        store: jsStore,
        sinks: [
          `fetch(${ARG}, ...)`,
          `axios(${ARG}, ...)`,
          { pattern: `axios.$METHOD(${ARG}, ...)`, where: [regex('$METHOD', HTTP_VERBS)] },
          {
            pattern: `$HTTP.$METHOD(${ARG}, ...)`,
            where: [regex('$HTTP', '^(?:http|https)$'), regex('$METHOD', '^(?:get|request)$')],
          },
        ],
      }),
      ...JS_REQUEST_WHERE,
    ],
    metadata: security([918], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.5',
      technology: ['node.js', 'express'],
    }),
  },
  {
    id: 'pavedpath.go.ssrf',
    languages: ['go'],
    severity: 'ERROR',
    message: SSRF_MESSAGE,
    patterns: [
      flow({
        sources: GO_REQUEST,
        store: goStore,
        sinks: [
          `http.Get(${ARG})`,
          `http.Head(${ARG})`,
          `http.Post(${ARG}, ...)`,
          `http.PostForm(${ARG}, ...)`,
          `http.NewRequest($METHOD, ${ARG}, ...)`,
          `http.NewRequestWithContext($CTX, $METHOD, ${ARG}, ...)`,
        ],
      }),
    ],
    metadata: security([918], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'HIGH',
      score: '7.5',
      technology: ['go', 'net/http'],
    }),
  },
];

// ---------------------------------------------------------------------------------------------
// CWE-79: request data written into HTML.

const xssRules: StarterRule[] = [
  {
    id: 'pavedpath.javascript.xss-response',
    languages: ['javascript', 'typescript'],
    severity: 'WARNING',
    message:
      'Request data is written into the response body: Express sends a string as text/html, so markup in it runs in the browser (reflected XSS). Render through a template engine that escapes, send JSON with res.json(), or set a non-HTML type.',
    patterns: [
      flow({
        sources: [JS_REQUEST],
        store: jsStore,
        sinks: [
          {
            pattern: `$RES.$SEND(${ARG})`,
            where: [regex('$RES', '^(?:res|response)$'), regex('$SEND', '^(?:send|write|end)$')],
          },
        ],
      }),
      ...JS_REQUEST_WHERE,
    ],
    metadata: security([79], {
      confidence: 'MEDIUM',
      likelihood: 'MEDIUM',
      impact: 'MEDIUM',
      score: '6.1',
      technology: ['node.js', 'express'],
    }),
  },
  {
    id: 'pavedpath.javascript.xss-html-sink',
    languages: ['javascript', 'typescript'],
    severity: 'WARNING',
    message:
      'A non-literal string is parsed as HTML in the page: if any part of it comes from a user, its markup runs (DOM-based XSS). Use textContent or DOM methods for text, or sanitise with a vetted library (DOMPurify) first.',
    patterns: [
      either(
        all(p('$EL.innerHTML = $HTML'), not('$EL.innerHTML = "..."')),
        all(p('$EL.outerHTML = $HTML'), not('$EL.outerHTML = "..."')),
        all(p('$EL.insertAdjacentHTML($WHERE, $HTML)'), not('$EL.insertAdjacentHTML($WHERE, "...")')),
        all(p('document.write($HTML)'), not('document.write("...")')),
      ),
    ],
    metadata: security([79], {
      confidence: 'LOW',
      likelihood: 'MEDIUM',
      impact: 'MEDIUM',
      score: '6.1',
      technology: ['browser', 'dom'],
      subcategory: 'audit',
    }),
  },
];

/** Every rule of the pack, grouped by CWE class. */
export const STARTER_RULES: readonly StarterRule[] = [
  ...sqlRules,
  ...commandRules,
  ...pathRules,
  ...secretRules,
  ...hashRules,
  ...tlsRules,
  ...evalRules,
  ...deserialiseRules,
  ...ssrfRules,
  ...xssRules,
];

/** The pack as a Semgrep/opengrep rule file (`{ rules: [...] }`), for `--config <file>`. */
export function starterPackYaml(): string {
  const doc = new Document({ rules: STARTER_RULES }, { aliasDuplicateObjects: false });
  doc.commentBefore = [
    ` Paved Path starter rules ${STARTER_PACK_VERSION} for opengrep / Semgrep CE (Apache-2.0).`,
    ' Generated from src/sast/rules/starter-pack.ts: edit that file, not this one.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
