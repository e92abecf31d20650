// `npm run bench -- <name>`: runs bench/<name>.bench.ts. Each prints its figures and ratios
// against a baseline measured in the same run; none of them fails on a time.
import { readdir } from 'node:fs/promises';

const available = (await readdir(new URL('.', import.meta.url))).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (one of: ${available.join(', ')})`);
  process.exit(2);
}
await import(`./${name}.bench.ts`);
