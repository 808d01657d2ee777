// The hashes JS lockfiles record: SRI integrity values and Yarn 1's resolved#sha1.
import { describe, expect, it } from '@jest/globals';
import { integrityHashes, mergeHashes, resolvedSha1 } from '../../../src/inventory/npm/hashes.js';

const b64 = (byte: number, length: number): string => Buffer.alloc(length, byte).toString('base64');
const hex = (byte: number, length: number): string => byte.toString(16).padStart(2, '0').repeat(length);

describe('integrityHashes', () => {
  it('reads one SRI hash as hex', () => {
    expect(integrityHashes(`sha512-${b64(0xab, 64)}`)).toEqual([{ alg: 'SHA-512', content: hex(0xab, 64) }]);
    expect(integrityHashes(`sha256-${b64(1, 32)}`)).toEqual([{ alg: 'SHA-256', content: hex(1, 32) }]);
  });

  it('reads every hash of a multi-hash value, ignoring options and malformed ones', () => {
    expect(
      integrityHashes(`  sha1-${b64(2, 20)}  sha512-${b64(3, 64)}?opt=1 md5-${b64(4, 16)} sha384-short `),
    ).toEqual([
      { alg: 'SHA-1', content: hex(2, 20) },
      { alg: 'SHA-512', content: hex(3, 64) },
    ]);
  });

  it('gives nothing for what is not an SRI string', () => {
    expect(integrityHashes(undefined)).toEqual([]);
    expect(integrityHashes(42)).toEqual([]);
    expect(integrityHashes('')).toEqual([]);
    expect(integrityHashes('sha512-a')).toEqual([]);
    expect(integrityHashes('10/abcdef')).toEqual([]);
  });
});

describe('resolvedSha1', () => {
  it('reads the 40-hex fragment of a Yarn 1 resolved URL, lower case', () => {
    expect(resolvedSha1(`https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#${'AB'.repeat(20)}`)).toEqual([
      { alg: 'SHA-1', content: 'ab'.repeat(20) },
    ]);
  });

  it('gives nothing without one', () => {
    expect(resolvedSha1(undefined)).toEqual([]);
    expect(resolvedSha1('https://registry.yarnpkg.com/a/-/a-1.0.0.tgz')).toEqual([]);
    expect(
      resolvedSha1('https://codeload.github.com/o/r/tar.gz/0123456789abcdef0123456789abcdef01234567'),
    ).toEqual([]);
  });
});

describe('mergeHashes', () => {
  it('keeps distinct hashes, strongest algorithm first, and copies them', () => {
    const into = [{ alg: 'SHA-1' as const, content: 'b' }];
    const more = [
      { alg: 'SHA-512' as const, content: 'a' },
      { alg: 'SHA-1' as const, content: 'b' },
    ];
    mergeHashes(into, more);
    expect(into).toEqual([
      { alg: 'SHA-512', content: 'a' },
      { alg: 'SHA-1', content: 'b' },
    ]);
    expect(into[0]).not.toBe(more[0]);
  });
});
