/**
 * A problem the user can fix (a bad input, a missing file): reported as one clear message, with
 * no stack trace. Anything else is a bug in Paved Path and is reported with its stack in debug.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}
