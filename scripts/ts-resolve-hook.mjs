// Imported for its effect: lets Node (22.15 or later, with type stripping) run the TypeScript
// sources directly, as scripts/docs.mjs, scripts/screenshot-report.mjs and the test drivers in
// test/support do. The sources import './x.js' where the file is x.ts (the compiler's convention),
// so a relative './x.js' that does not resolve is tried again as './x.ts'.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (/^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});
