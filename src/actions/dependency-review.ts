// Entry point of actions/dependency-review (bundled to dist/dependency-review/index.js).
import { run } from './dependency-review/main.js';

await run();
