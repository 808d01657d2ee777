import { describe, expect, it } from '@jest/globals';
import { checkLicense, parseLicensePolicy } from '../../src/inventory/licenses.js';

const policy = (allow: string[], deny: string[] = []) => parseLicensePolicy(allow, deny).policy;

describe('licence policy', () => {
  it('allow-list: OR lets the user choose, AND needs both', () => {
    const p = policy(['MIT', 'Apache-2.0']);
    expect(checkLicense('MIT', p)).toEqual({ ok: true });
    expect(checkLicense('MIT OR GPL-3.0-only', p)).toEqual({ ok: true });
    expect(checkLicense('MIT AND GPL-3.0-only', p)).toMatchObject({ ok: false, reason: 'not-allowed' });
    expect(checkLicense('(Apache-2.0 OR MIT) AND BSD-3-Clause', p)).toMatchObject({ ok: false });
    expect(checkLicense('GPL-3.0-only', p)).toMatchObject({
      ok: false,
      message: 'GPL-3.0-only is not in allow-licenses (MIT, Apache-2.0)',
    });
  });
  it('plus ranges and exceptions', () => {
    expect(checkLicense('GPL-3.0', policy(['GPL-2.0+']))).toEqual({ ok: true });
    expect(
      checkLicense('GPL-2.0 WITH Classpath-exception-2.0', policy(['GPL-2.0 WITH Classpath-exception-2.0'])),
    ).toEqual({
      ok: true,
    });
  });
  it('deny-list: denied only when every choice needs a denied licence', () => {
    const p = policy([], ['GPL-3.0-only']);
    expect(checkLicense('MIT', p)).toEqual({ ok: true });
    expect(checkLicense('MIT OR GPL-3.0-only', p)).toEqual({ ok: true });
    expect(checkLicense('MIT AND GPL-3.0-only', p)).toMatchObject({ ok: false, reason: 'denied' });
    expect(checkLicense('GPL-3.0-only', p)).toMatchObject({ ok: false, reason: 'denied' });
  });
  it('an unknown or unparseable licence is unknown, never a pass', () => {
    const p = policy(['MIT']);
    expect(checkLicense(undefined, p).ok).toBe('unknown');
    expect(checkLicense('SEE LICENSE IN LICENSE.md', p).ok).toBe('unknown');
    expect(checkLicense('whatever', policy([]))).toEqual({ ok: true }); // no policy: nothing to check
  });
  it('refuses policy entries that are not single SPDX ids, naming the input', () => {
    const { policy: p, errors } = parseLicensePolicy(
      ['MIT', 'MIT OR ISC', 'Not-A-Licence!'],
      ['GPL-3.0-only'],
    );
    expect(p.allow).toEqual(['MIT']);
    expect(errors.map((e) => [e.input, e.entry])).toEqual([
      ['allow-licenses', 'MIT OR ISC'],
      ['allow-licenses', 'Not-A-Licence!'],
    ]);
    expect(errors[1]?.message).toContain('https://spdx.org/licenses/');
  });
});
