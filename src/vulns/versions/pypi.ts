/**
 * PEP 440 (https://peps.python.org/pep-0440/), through @renovatebot/pep440, a port of
 * `packaging.version`: epochs (`1!2.0`), pre-releases (`a`, `b`, `rc` and their spellings
 * `alpha`, `c`, `pre`, `preview`), post-releases (`.post1`, `-1`, `rev`), dev releases, local
 * versions (`+ubuntu.1`), implicit zero padding (`1.0 == 1.0.0`) and case-insensitivity.
 * A version that is not PEP 440 (`2004d`, a legacy `LegacyVersion`) cannot be ordered.
 */
import { compare, valid } from '@renovatebot/pep440';
import type { VersionOrder } from './order.js';

export const pypiOrder: VersionOrder<string> = {
  parse(version) {
    const text = version.trim();
    return valid(text) === null ? undefined : text;
  },
  compare,
};
