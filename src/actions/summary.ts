// Entry point of actions/summary (bundled to dist/summary/index.js).
import { run } from './summary/main.js';

await run();
