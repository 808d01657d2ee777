/**
 * The remediation catalogue: for each CWE of research §1 (../shared/research/remediation-and-
 * compliance.md), its MITRE name, a one-line fix in our own words, and where to read more: the
 * OWASP Cheat Sheets the research checked as existing, the CWE page and the OWASP ASVS 4.0.3
 * requirements. Plain data, bundled with the code (no file reads).
 *
 * Links are built only from URL patterns the research gives: the CWE page
 * (https://cwe.mitre.org/data/definitions/<N>.html), the cheat sheet site
 * (https://cheatsheetseries.owasp.org/cheatsheets/<File>.html) and the ASVS 4.0.3 sources on
 * GitHub (https://github.com/OWASP/ASVS/tree/master/4.0/en; V14 has its own file there).
 */

/** OWASP Top 10:2021 categories, as the research names them. */
export const TOP10_2021 = {
  A01: 'Broken Access Control',
  A02: 'Cryptographic Failures',
  A03: 'Injection',
  A04: 'Insecure Design',
  A05: 'Security Misconfiguration',
  A06: 'Vulnerable and Outdated Components',
  A07: 'Identification and Authentication Failures',
  A08: 'Software and Data Integrity Failures',
  A09: 'Security Logging and Monitoring Failures',
  A10: 'SSRF',
} as const;
export type Top10Category = keyof typeof TOP10_2021;

/**
 * An ASVS 4.0.3 requirement. `basis: 'cwe'`: ASVS's own table lists this CWE for it;
 * `basis: 'text'`: the nearest match by requirement text (the research's judgement, not ASVS's).
 */
export interface AsvsRequirement {
  id: string;
  basis: 'cwe' | 'text';
}

export interface CweEntry {
  id: number;
  /** The MITRE CWE title. */
  name: string;
  /** One line, imperative, in our own words: what to do about it. */
  fix: string;
  /** The OWASP Top 10:2021 category whose list of mapped CWEs holds this CWE, if any. */
  top10?: Top10Category;
  /** OWASP Cheat Sheet file names (without `.html`), most relevant first. */
  cheatSheets: readonly string[];
  asvs: readonly AsvsRequirement[];
}

export interface KnowledgeLink {
  title: string;
  url: string;
}

export const CWE_URL_PREFIX = 'https://cwe.mitre.org/data/definitions/';
export const CHEAT_SHEET_URL_PREFIX = 'https://cheatsheetseries.owasp.org/cheatsheets/';
export const ASVS_403_URL = 'https://github.com/OWASP/ASVS/tree/master/4.0/en';
/** The one ASVS 4.0.3 chapter file the research names (V14 Configuration). */
export const ASVS_403_V14_URL = 'https://github.com/OWASP/ASVS/blob/master/4.0/en/0x22-V14-Config.md';

const cwe = (...ids: string[]): AsvsRequirement[] => ids.map((id) => ({ id, basis: 'cwe' }));
const text = (...ids: string[]): AsvsRequirement[] => ids.map((id) => ({ id, basis: 'text' }));
/** "6.2.3–6.2.7" → 6.2.3, 6.2.4, …, 6.2.7 (ranges as the research writes them). */
const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}.${from + i}`);

/** Research §1, in its order. */
export const CWE_CATALOGUE: readonly CweEntry[] = [
  {
    id: 20,
    name: 'Improper Input Validation',
    fix: 'Validate every input on the server against an allow-list of type, length, range and format.',
    top10: 'A03',
    cheatSheets: ['Input_Validation_Cheat_Sheet'],
    asvs: cwe('5.1.3', '5.1.4', '13.2.2', '13.3.1'),
  },
  {
    id: 22,
    name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
    fix: 'Never build file paths from user input: map it to known names, or resolve the path and check it stays under an allowed base directory.',
    top10: 'A01',
    cheatSheets: ['Input_Validation_Cheat_Sheet', 'File_Upload_Cheat_Sheet'],
    asvs: cwe('12.3.1'),
  },
  {
    id: 78,
    name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
    fix: 'Call a library API instead of a shell; if a command must run, pass an argument array with no shell and allow-list the arguments.',
    top10: 'A03',
    cheatSheets: ['OS_Command_Injection_Defense_Cheat_Sheet'],
    asvs: cwe('5.3.8', '12.3.5'),
  },
  {
    id: 79,
    name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
    fix: 'Encode output for its context (auto-escaping templates), sanitise any HTML with a vetted library, and add a Content Security Policy.',
    top10: 'A03',
    cheatSheets: [
      'Cross_Site_Scripting_Prevention_Cheat_Sheet',
      'DOM_based_XSS_Prevention_Cheat_Sheet',
      'Content_Security_Policy_Cheat_Sheet',
    ],
    // 5.2.1 (sanitise HTML) is listed by ASVS under CWE-116.
    asvs: [...cwe('5.3.3'), ...text('5.2.1')],
  },
  {
    id: 89,
    name: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
    fix: 'Pass user input as query parameters (prepared statements), never concatenate it into SQL.',
    top10: 'A03',
    cheatSheets: ['SQL_Injection_Prevention_Cheat_Sheet', 'Query_Parameterization_Cheat_Sheet'],
    asvs: cwe('5.3.4', '5.3.5'),
  },
  {
    id: 90,
    name: "Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')",
    fix: "Escape values placed in LDAP filters and DNs with the framework's LDAP encoder, and allow-list the input.",
    top10: 'A03',
    cheatSheets: ['LDAP_Injection_Prevention_Cheat_Sheet'],
    asvs: cwe('5.3.7'),
  },
  {
    id: 94,
    name: "Improper Control of Generation of Code ('Code Injection')",
    fix: 'Do not build or evaluate code or templates from input; if users must supply templates, run the engine in a sandbox.',
    top10: 'A03',
    cheatSheets: ['Injection_Prevention_Cheat_Sheet'],
    asvs: cwe('5.2.5', '5.2.8'),
  },
  {
    id: 95,
    name: "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')",
    fix: 'Remove eval(), exec() and new Function() on input; parse data with JSON.parse or another safe parser.',
    top10: 'A03',
    cheatSheets: ['Injection_Prevention_Cheat_Sheet', 'Nodejs_Security_Cheat_Sheet'],
    asvs: cwe('5.2.4', '5.5.4'),
  },
  {
    id: 113,
    name: "Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')",
    fix: "Reject or strip CR and LF in every value written to an HTTP header, and set headers through the framework's API.",
    top10: 'A03',
    cheatSheets: ['HTTP_Headers_Cheat_Sheet'],
    asvs: [],
  },
  {
    id: 117,
    name: 'Improper Output Neutralization for Logs',
    fix: 'Encode or strip CR, LF and delimiters in user data before logging it; prefer structured logging.',
    top10: 'A09',
    cheatSheets: ['Logging_Cheat_Sheet'],
    asvs: cwe('7.3.1'),
  },
  {
    id: 190,
    name: 'Integer Overflow or Wraparound',
    fix: 'Check ranges before arithmetic and narrowing conversions, or use overflow-checking integer helpers.',
    cheatSheets: ['C-Based_Toolchain_Hardening_Cheat_Sheet'],
    asvs: cwe('5.4.3'),
  },
  {
    id: 200,
    name: 'Exposure of Sensitive Information to an Unauthorized Actor',
    fix: 'Return only the fields the caller needs, classify sensitive data, and turn off debug and profiling endpoints in production.',
    top10: 'A01',
    cheatSheets: ['Error_Handling_Cheat_Sheet', 'User_Privacy_Protection_Cheat_Sheet'],
    asvs: cwe('7.3.3', '8.3.4', '14.3.3'),
  },
  {
    id: 209,
    name: 'Generation of Error Message Containing Sensitive Information',
    fix: 'Show clients a generic error; keep the details, with a correlation id, in server logs only.',
    top10: 'A04',
    cheatSheets: ['Error_Handling_Cheat_Sheet'],
    asvs: text('7.4.1'),
  },
  {
    id: 250,
    name: 'Execution with Unnecessary Privileges',
    fix: 'Run as a dedicated non-root account and drop every privilege and capability the program does not need.',
    cheatSheets: ['Docker_Security_Cheat_Sheet', 'NodeJS_Docker_Cheat_Sheet'],
    asvs: cwe('1.2.1'),
  },
  {
    id: 287,
    name: 'Improper Authentication',
    fix: 'Use a vetted authentication framework, check authentication server-side on every request, and require MFA for sensitive access.',
    top10: 'A07',
    cheatSheets: ['Authentication_Cheat_Sheet', 'Multifactor_Authentication_Cheat_Sheet'],
    asvs: cwe('2.3.3', ...range('2.7', 1, 3), '2.8.4', '2.8.5', '2.10.1', '9.2.3'),
  },
  {
    id: 295,
    name: 'Improper Certificate Validation',
    fix: 'Keep TLS certificate and hostname verification on: never set verify=False, InsecureSkipVerify or rejectUnauthorized: false.',
    top10: 'A07',
    cheatSheets: ['Transport_Layer_Security_Cheat_Sheet', 'Pinning_Cheat_Sheet'],
    asvs: cwe('1.9.2', '9.2.1'),
  },
  {
    id: 306,
    name: 'Missing Authentication for Critical Function',
    fix: 'Require authentication on every sensitive function and endpoint, and deny by default.',
    top10: 'A07',
    cheatSheets: ['Authentication_Cheat_Sheet', 'Authorization_Cheat_Sheet'],
    asvs: cwe('1.2.2', '1.2.3', '1.2.4', '3.7.1', '14.5.4'),
  },
  {
    id: 319,
    name: 'Cleartext Transmission of Sensitive Information',
    fix: 'Send sensitive data only over encrypted channels (HTTPS, SSH, SFTP, LDAPS) and enable HSTS.',
    top10: 'A02',
    cheatSheets: ['Transport_Layer_Security_Cheat_Sheet', 'HTTP_Strict_Transport_Security_Cheat_Sheet'],
    asvs: cwe('1.9.1', '8.3.1', '9.1.1', '9.2.2'),
  },
  {
    id: 321,
    name: 'Use of Hard-coded Cryptographic Key',
    fix: 'Load keys at run time from a KMS, HSM or secret store, and rotate any key that was ever committed.',
    top10: 'A02',
    cheatSheets: ['Key_Management_Cheat_Sheet', 'Secrets_Management_Cheat_Sheet'],
    asvs: text('6.4.1'),
  },
  {
    id: 798,
    name: 'Use of Hard-coded Credentials',
    fix: 'Move the secret to a secret manager or CI secrets, then revoke and rotate the exposed credential.',
    top10: 'A07',
    cheatSheets: ['Secrets_Management_Cheat_Sheet'],
    asvs: cwe('2.10.4', '3.5.2', '6.4.1'),
  },
  {
    id: 326,
    name: 'Inadequate Encryption Strength',
    fix: 'Use current key sizes (RSA keys of at least 2048 bits) and modern algorithms.',
    top10: 'A02',
    cheatSheets: ['Cryptographic_Storage_Cheat_Sheet', 'Key_Management_Cheat_Sheet'],
    asvs: cwe(...range('6.2', 3, 7), '9.1.2', '9.1.3'),
  },
  {
    id: 327,
    name: 'Use of a Broken or Risky Cryptographic Algorithm',
    fix: "Replace DES, 3DES, RC4, ECB, MD5 and SHA-1 with vetted primitives such as AES-GCM and SHA-256 from the platform's standard library.",
    top10: 'A02',
    cheatSheets: ['Cryptographic_Storage_Cheat_Sheet', 'TLS_Cipher_String_Cheat_Sheet'],
    asvs: cwe('6.2.2', '8.3.7'),
  },
  {
    id: 328,
    name: 'Use of Weak Hash',
    fix: 'Use SHA-256 or stronger for integrity; hash passwords with Argon2id, scrypt, bcrypt or PBKDF2.',
    top10: 'A02',
    cheatSheets: ['Password_Storage_Cheat_Sheet', 'Cryptographic_Storage_Cheat_Sheet'],
    asvs: text(...range('2.4', 1, 5)),
  },
  {
    id: 330,
    name: 'Use of Insufficiently Random Values',
    fix: "Generate tokens, keys and ids with the OS's secure generator (secrets, crypto.randomBytes, crypto/rand, SecureRandom).",
    top10: 'A02',
    cheatSheets: ['Cryptographic_Storage_Cheat_Sheet'],
    asvs: cwe('2.3.1', '2.6.2', '2.9.2'),
  },
  {
    id: 338,
    name: 'Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)',
    fix: 'Replace math/rand, Math.random and the like with a cryptographically secure generator for anything security-related.',
    top10: 'A02',
    cheatSheets: ['Cryptographic_Storage_Cheat_Sheet'],
    asvs: cwe('6.3.1', '6.3.2', '6.3.3'),
  },
  {
    id: 352,
    name: 'Cross-Site Request Forgery (CSRF)',
    fix: "Use the framework's anti-CSRF tokens, set SameSite on cookies, and never change state on GET.",
    top10: 'A01',
    cheatSheets: ['Cross-Site_Request_Forgery_Prevention_Cheat_Sheet'],
    asvs: cwe('4.2.2', '13.2.3'),
  },
  {
    id: 377,
    name: 'Insecure Temporary File',
    fix: 'Create temporary files with the secure API (mkstemp, tempfile.NamedTemporaryFile, os.CreateTemp), never at predictable paths.',
    top10: 'A01',
    // The research finds no dedicated cheat sheet (Input Validation only mentions temporary files).
    cheatSheets: [],
    asvs: [],
  },
  {
    id: 400,
    name: 'Uncontrolled Resource Consumption',
    fix: 'Set limits: timeouts, request, body and upload sizes, decompression ratios and page sizes.',
    cheatSheets: ['Denial_of_Service_Cheat_Sheet'],
    asvs: cwe('12.1.1'),
  },
  {
    id: 770,
    name: 'Allocation of Resources Without Limits or Throttling',
    fix: 'Rate-limit requests and set quotas per user and per resource.',
    cheatSheets: ['Denial_of_Service_Cheat_Sheet'],
    asvs: cwe('8.1.4', '11.1.3', '11.1.4', '12.1.3', '13.4.1'),
  },
  {
    id: 416,
    name: 'Use After Free',
    fix: 'Null pointers after freeing them and keep ownership clear; test with AddressSanitizer and fuzzing, or use a memory-safe language.',
    cheatSheets: ['C-Based_Toolchain_Hardening_Cheat_Sheet'],
    asvs: text('5.4.1'),
  },
  {
    id: 787,
    name: 'Out-of-bounds Write',
    fix: 'Use bounds-checked APIs, build with hardening flags (FORTIFY_SOURCE, stack protector), and test with AddressSanitizer and fuzzing.',
    cheatSheets: ['C-Based_Toolchain_Hardening_Cheat_Sheet'],
    asvs: text('5.4.1'),
  },
  {
    id: 434,
    name: 'Unrestricted Upload of File with Dangerous Type',
    fix: 'Allow-list extensions and check the content type; rename uploads, store them outside the web root, and limit their size.',
    top10: 'A04',
    cheatSheets: ['File_Upload_Cheat_Sheet'],
    asvs: cwe('12.2.1', '12.5.2', '13.1.5'),
  },
  {
    id: 502,
    name: 'Deserialization of Untrusted Data',
    fix: 'Never deserialize untrusted data with native formats (pickle, Java serialization, full YAML load); use JSON with a schema, safe loaders or signed data.',
    top10: 'A08',
    cheatSheets: ['Deserialization_Cheat_Sheet'],
    asvs: cwe('1.5.2', '5.5.1', '5.5.3'),
  },
  {
    id: 601,
    name: "URL Redirection to Untrusted Site ('Open Redirect')",
    fix: 'Redirect only to allow-listed destinations, or to relative paths or ids that you map yourself.',
    top10: 'A01',
    cheatSheets: ['Unvalidated_Redirects_and_Forwards_Cheat_Sheet'],
    asvs: cwe('5.1.5'),
  },
  {
    id: 611,
    name: 'Improper Restriction of XML External Entity Reference',
    fix: 'Turn off DTDs and external entities in the XML parser (in Python, parse with defusedxml).',
    top10: 'A05',
    cheatSheets: ['XML_External_Entity_Prevention_Cheat_Sheet'],
    asvs: cwe('5.5.2'),
  },
  {
    id: 643,
    name: "Improper Neutralization of Data within XPath Expressions ('XPath Injection')",
    fix: 'Use parameterised or precompiled XPath with variable resolvers, and allow-list the input.',
    top10: 'A03',
    cheatSheets: ['Injection_Prevention_Cheat_Sheet'],
    asvs: cwe('5.3.10'),
  },
  {
    id: 676,
    name: 'Use of Potentially Dangerous Function',
    fix: "Replace unsafe functions (strcpy, gets, sprintf, Go's unsafe) with bounded, safe alternatives.",
    cheatSheets: ['C-Based_Toolchain_Hardening_Cheat_Sheet', 'Secure_Code_Review_Cheat_Sheet'],
    asvs: text('5.4.1', '5.4.2'),
  },
  {
    id: 732,
    name: 'Incorrect Permission Assignment for Critical Resource',
    fix: 'Create files and directories with least-privilege modes (0600/0700 or 0640/0750), never world-writable.',
    cheatSheets: ['Authorization_Cheat_Sheet'],
    asvs: cwe('4.3.3'),
  },
  {
    id: 829,
    name: 'Inclusion of Functionality from Untrusted Control Sphere',
    fix: 'Load code only from fixed, trusted sources: never pick a module or script from input, and pin what you load (SRI for CDN scripts, commit SHAs for actions).',
    top10: 'A08',
    cheatSheets: [
      'Third_Party_Javascript_Management_Cheat_Sheet',
      'Vulnerable_Dependency_Management_Cheat_Sheet',
      'Software_Supply_Chain_Security_Cheat_Sheet',
    ],
    asvs: cwe('5.3.9', '12.3.6', '14.2.3', '14.2.4'),
  },
  {
    id: 915,
    name: 'Improperly Controlled Modification of Dynamically-Determined Object Attributes',
    fix: 'Bind only allow-listed fields (DTOs or explicit field lists), never a whole request body onto a model.',
    top10: 'A08',
    cheatSheets: ['Mass_Assignment_Cheat_Sheet'],
    asvs: cwe('5.1.2'),
  },
  {
    id: 918,
    name: 'Server-Side Request Forgery (SSRF)',
    fix: 'Allow-list destination hosts and schemes, block internal and metadata addresses after DNS resolution, and turn off redirects.',
    top10: 'A10',
    cheatSheets: ['Server_Side_Request_Forgery_Prevention_Cheat_Sheet'],
    asvs: cwe('5.2.6', '12.6.1'),
  },
  {
    id: 943,
    name: 'Improper Neutralization of Special Elements in Data Query Logic',
    fix: "Build queries with the driver's typed query builders, and reject operator objects ($where, $ne) in user input.",
    cheatSheets: ['NoSQL_Security_Cheat_Sheet', 'Injection_Prevention_Cheat_Sheet'],
    asvs: text('5.3.4'),
  },
  {
    id: 1321,
    name: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')",
    fix: 'Use Map or Object.create(null), block __proto__, constructor and prototype keys when merging, or freeze prototypes.',
    cheatSheets: ['Prototype_Pollution_Prevention_Cheat_Sheet'],
    asvs: [],
  },
  {
    id: 1333,
    name: 'Inefficient Regular Expression Complexity',
    fix: 'Avoid nested or overlapping quantifiers, bound the input length, or use a linear-time engine such as RE2.',
    cheatSheets: ['Nodejs_Security_Cheat_Sheet', 'Input_Validation_Cheat_Sheet'],
    asvs: [],
  },
  {
    id: 1104,
    name: 'Use of Unmaintained Third Party Components',
    fix: 'Replace or upgrade unmaintained packages, and track every component in an SBOM.',
    top10: 'A06',
    cheatSheets: ['Vulnerable_Dependency_Management_Cheat_Sheet', 'Dependency_Graph_SBOM_Cheat_Sheet'],
    // 14.2.1 (components up to date) is listed by ASVS under CWE-1026.
    asvs: [...cwe('1.14.3'), ...text('14.2.1')],
  },
  {
    id: 1395,
    name: 'Dependency on Vulnerable Third-Party Component',
    fix: 'Upgrade to the first patched version; for a transitive dependency, override its version.',
    cheatSheets: ['Vulnerable_Dependency_Management_Cheat_Sheet', 'NPM_Security_Cheat_Sheet'],
    asvs: text('14.2.1'),
  },
  {
    id: 614,
    name: "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
    fix: 'Set the Secure attribute on session cookies, together with HttpOnly and SameSite.',
    top10: 'A05',
    cheatSheets: ['Session_Management_Cheat_Sheet'],
    asvs: cwe('3.4.1'),
  },
  {
    id: 532,
    name: 'Insertion of Sensitive Information into Log File',
    fix: 'Never log secrets, tokens or personal data; mask them before they reach the log.',
    top10: 'A09',
    cheatSheets: ['Logging_Cheat_Sheet'],
    asvs: cwe('7.1.1', '7.1.2', '8.3.5'),
  },
  {
    id: 916,
    name: 'Use of Password Hash With Insufficient Computational Effort',
    fix: 'Hash passwords with Argon2id, scrypt, bcrypt or PBKDF2 at the recommended cost.',
    top10: 'A02',
    cheatSheets: ['Password_Storage_Cheat_Sheet'],
    asvs: cwe(...range('2.4', 1, 5)),
  },
];

/**
 * MITRE names of CWEs that the rule maps (research §2, gosec's `cwe/data.go`) produce but the
 * catalogue does not cover: used for link titles only.
 */
export const OTHER_CWE_NAMES: Readonly<Record<number, string>> = {
  88: "Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')",
  93: "Improper Neutralization of CRLF Sequences ('CRLF Injection')",
  118: "Incorrect Access of Indexable Resource ('Range Error')",
  242: 'Use of Inherently Dangerous Function',
  276: 'Incorrect Default Permissions',
  310: 'Cryptographic Issues',
  322: 'Key Exchange without Entity Authentication',
  367: 'Time-of-check Time-of-use (TOCTOU) Race Condition',
  409: 'Improper Handling of Highly Compressed Data (Data Amplification)',
  444: "Inconsistent Interpretation of HTTP Requests ('HTTP Request Smuggling')",
  499: 'Serializable Class Containing Sensitive Data',
  703: 'Improper Check or Handling of Exceptional Conditions',
  1204: 'Generation of Weak Initialization Vector (IV)',
};

/**
 * CWEs outside the catalogue whose MITRE parent (ChildOf) is in it, so its guidance applies:
 * Bandit tags its hard-coded password checks (B105-B107) CWE-259, a child of CWE-798.
 */
export const CATALOGUED_PARENT: Readonly<Record<number, number>> = { 259: 798 };

const BY_ID: ReadonlyMap<number, CweEntry> = new Map(CWE_CATALOGUE.map((e) => [e.id, e]));

/** The catalogue entry of a CWE, or of its catalogued parent (CATALOGUED_PARENT). */
export function cweGuidance(id: number): CweEntry | undefined {
  const parent = CATALOGUED_PARENT[id];
  return BY_ID.get(id) ?? (parent === undefined ? undefined : BY_ID.get(parent));
}
const OTHER_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(OTHER_CWE_NAMES).map(([id, name]) => [Number(id), name]),
);

export function cweEntry(id: number): CweEntry | undefined {
  return BY_ID.get(id);
}

export function cweName(id: number): string | undefined {
  return BY_ID.get(id)?.name ?? OTHER_NAMES.get(id);
}

/** The MITRE page of a CWE, or undefined for an id that is not a positive integer. */
export function cweUrl(id: number): string | undefined {
  return Number.isSafeInteger(id) && id > 0 ? `${CWE_URL_PREFIX}${id}.html` : undefined;
}

export function cweLink(id: number): KnowledgeLink | undefined {
  const url = cweUrl(id);
  if (url === undefined) return undefined;
  const name = cweName(id);
  return { title: name === undefined ? `CWE-${id}` : `CWE-${id}: ${name}`, url };
}

export function cheatSheetLink(file: string): KnowledgeLink {
  const title = `OWASP ${file.replace(/_/g, ' ').replace(/ Cheat Sheet$/, '')} Cheat Sheet`;
  return { title, url: `${CHEAT_SHEET_URL_PREFIX}${file}.html` };
}

/** At most this many requirement ids in a link title; the rest are "…". */
const ASVS_IDS_IN_TITLE = 4;

/**
 * One link to the ASVS 4.0.3 requirements of an entry: to the V14 chapter when every requirement
 * is in V14 (the one chapter file the research names), else to the 4.0.3 sources.
 */
export function asvsLink(entry: CweEntry): KnowledgeLink | undefined {
  if (entry.asvs.length === 0) return undefined;
  const ids = entry.asvs.map((r) => r.id);
  const shown = ids.slice(0, ASVS_IDS_IN_TITLE).join(', ') + (ids.length > ASVS_IDS_IN_TITLE ? ', …' : '');
  const nearest = entry.asvs.every((r) => r.basis === 'text') ? ' (closest match)' : '';
  const url = ids.every((id) => id.startsWith('14.')) ? ASVS_403_V14_URL : ASVS_403_URL;
  return { title: `OWASP ASVS 4.0.3 ${shown}${nearest}`, url };
}

/** Every link of an entry, most specific first: cheat sheets, the CWE page, ASVS. */
export function entryLinks(entry: CweEntry): KnowledgeLink[] {
  const links = entry.cheatSheets.map(cheatSheetLink);
  const page = cweLink(entry.id);
  if (page) links.push(page);
  const asvs = asvsLink(entry);
  if (asvs) links.push(asvs);
  return links;
}
