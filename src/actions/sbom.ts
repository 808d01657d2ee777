// Entry point of actions/sbom (bundled to dist/sbom/index.js).
import { run } from './sbom/main.js';

await run();
