// Entry point of actions/discover (bundled to dist/discover/index.js).
import { run } from './discover/main.js';

await run();
