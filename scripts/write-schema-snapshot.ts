// Rewrites src/db/schema.snapshot.txt from a fresh migrated PGlite. Run after adding a migration
// (`npm run schema:snapshot`) and review the diff.
import { writeFile } from 'node:fs/promises';
import { describeSchema } from '../src/db/describe-schema.ts';
import { migrate } from '../src/db/migrate.ts';
import { PgliteDatabase } from '../src/db/pglite-database.ts';

const db = await PgliteDatabase.open();
await migrate(db);
await writeFile(new URL('../src/db/schema.snapshot.txt', import.meta.url), await describeSchema(db));
await db.close();
console.log('wrote src/db/schema.snapshot.txt');
