// Entry point of actions/sast (bundled to dist/sast/index.js).
import { run } from './sast/main.js';

await run();
