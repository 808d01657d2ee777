/** `node generate-sarif-cli.mjs SIZE_MB FILE`: writes a generated SARIF log of about SIZE_MB. */
import { writeFileSync } from 'node:fs';
import { generateSarif } from './generate-sarif.js';

const [sizeMb, file] = process.argv.slice(2);
if (!sizeMb || !file) throw new Error('usage: generate-sarif-cli SIZE_MB FILE');
const { text, results } = generateSarif(Number(sizeMb) * 1024 * 1024);
writeFileSync(file, text);
process.stdout.write(`generated ${file}: ${(text.length / 1048576).toFixed(1)} MB, ${results} results\n`);
