// npmFamilyParserFor: the parser for each JS lockfile name.
import { describe, expect, it } from '@jest/globals';
import { parseBunLock } from '../../../src/inventory/npm/bun-lock.js';
import { NPM_FAMILY_LOCKFILES, npmFamilyParserFor } from '../../../src/inventory/npm/detect.js';
import { parsePackageLock } from '../../../src/inventory/npm/package-lock.js';
import { parsePnpmLock } from '../../../src/inventory/npm/pnpm-lock.js';
import { parseYarnLock } from '../../../src/inventory/npm/yarn-lock.js';

describe('npmFamilyParserFor', () => {
  it('knows the five lockfile names, bare or in a path', () => {
    expect(npmFamilyParserFor('package-lock.json')).toBe(parsePackageLock);
    expect(npmFamilyParserFor('tools/npm-shrinkwrap.json')).toBe(parsePackageLock);
    expect(npmFamilyParserFor('web/app/yarn.lock')).toBe(parseYarnLock);
    expect(npmFamilyParserFor('pnpm-lock.yaml')).toBe(parsePnpmLock);
    expect(npmFamilyParserFor('C:\\src\\bun.lock')).toBe(parseBunLock);
    expect(NPM_FAMILY_LOCKFILES).toEqual([
      'package-lock.json',
      'npm-shrinkwrap.json',
      'yarn.lock',
      'pnpm-lock.yaml',
      'bun.lock',
    ]);
  });

  it('leaves everything else alone', () => {
    for (const name of [
      'bun.lockb',
      'package.json',
      'Package-Lock.json',
      'yarn.lock.bak',
      'pnpm-lock.yml',
      'lock/yarn.lock/x',
      '',
    ]) {
      expect([name, npmFamilyParserFor(name)]).toEqual([name, undefined]);
    }
  });
});
