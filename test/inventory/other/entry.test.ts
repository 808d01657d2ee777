// other-parsers.ts is the orchestrator's entry: it imports the parsers, which import their helpers
// from parse-helpers.ts (no cycle back). Loaded first (as here, alone), every parser must work.
import { expect, it } from '@jest/globals';
import { otherParserFor } from '../../../src/inventory/other-parsers.js';

it('every parser works when other-parsers.ts is the first module loaded', () => {
  const samples: [string, string, string][] = [
    ['go.mod', 'go.mod', 'module x\nrequire a.b/c v1.0.0\n'],
    ['requirements.txt', 'requirements.txt', 'a==1\n'],
    [
      'poetry.lock',
      'poetry.lock',
      '[[package]]\nname = "a"\nversion = "1"\n\n[metadata]\nlock-version = "2.0"\n',
    ],
    [
      'uv.lock',
      'uv.lock',
      'version = 1\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "r" }\n',
    ],
    ['Pipfile.lock', 'Pipfile.lock', '{"default": {"a": {"version": "==1"}}}'],
    [
      'Cargo.lock',
      'Cargo.lock',
      '[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    ],
    ['Gemfile.lock', 'Gemfile.lock', 'GEM\n  specs:\n    a (1.0)\n'],
    ['composer.lock', 'composer.lock', '{"packages": [{"name": "a/b", "version": "1.0.0"}]}'],
    ['gradle.lockfile', 'gradle.lockfile', 'a:b:1.0=runtimeClasspath\n'],
    [
      'pom.xml',
      'pom.xml',
      '<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>1</version></dependency></dependencies></project>',
    ],
    [
      'packages.lock.json',
      'packages.lock.json',
      '{"version": 1, "dependencies": {"net8.0": {"A": {"type": "Direct", "resolved": "1.0.0"}}}}',
    ],
  ];
  for (const [name, file, text] of samples) {
    const parsed = otherParserFor(name, file)?.(text, file);
    expect([name, parsed?.problems]).toEqual([name, []]);
    expect([name, parsed?.components.length]).toEqual([name, 1]);
  }
});
