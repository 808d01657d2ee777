// Entry point of actions/pr-comment (bundled to dist/pr-comment/index.js).
import { run } from './pr-comment/main.js';

await run();
