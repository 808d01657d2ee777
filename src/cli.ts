// Entry point of the `pavedpath` command (bundled to dist/cli/index.js; package.json's bin).
import { main } from './cli/main.js';

await main();
