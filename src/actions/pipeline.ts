// Entry point of the all-in-one action, action.yml at the repository root (bundled to dist/pipeline/index.js).
import { run } from './pipeline/main.js';

await run();
