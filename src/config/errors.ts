/**
 * A problem in the config file: where (1-based line and column), which key, what is wrong and how
 * to fix it. Shaped like the SARIF loader's Diagnostic (`key` is its `jsonPath`), so the edge can
 * report both the same way.
 */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  /** The key's path, e.g. `ignore[2].expires`; absent for YAML syntax errors and the document root. */
  key?: string;
  message: string;
  hint: string;
}

/** `.github/pavedpath.yml:4:12: ignore[0].expires: "2027-13-01" is not a date. Write …` */
export function formatConfigError(error: ConfigError): string {
  const key = error.key === undefined ? '' : `${error.key}: `;
  return `${error.file}:${error.line}:${error.column}: ${key}${error.message}. ${error.hint}`;
}
