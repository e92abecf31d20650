import type { SamplePartitions, Sql, Transactions } from '../app/ports.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Months before this go to the DEFAULT partition: nobody's wearable data is older, and a typo'd year must not add partitions. */
export const EARLIEST_PARTITIONED_MONTH = '2000-01';

export function monthOf(isoInstant: string): string {
  return isoInstant.slice(0, 7);
}

function nextMonth(month: string): string {
  const [, year, mm] = MONTH.exec(month)!;
  const m = Number(mm);
  return m === 12 ? `${Number(year) + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** `samples_y2024m03` for March 2024. */
export function partitionName(parent: string, month: string): string {
  const [, year, mm] = MONTH.exec(month)!;
  return `${parent}_y${year}m${mm}`;
}

/**
 * As the owner: the partition of `parent` for one month (UTC), unless it exists. Rows of that
 * month already in the DEFAULT partition (`<parent>_default`) move into it first, so the
 * attach never fails on them. The new table is built apart and attached, which locks the
 * parent only against other DDL, not against reads and writes; an advisory lock keeps two
 * nodes from making the same month at once. Its RLS refuses the app role every direct access:
 * rows are reached through the parent, whose policies apply.
 */
export async function createMonthPartition(sql: Sql, parent: string, month: string): Promise<boolean> {
  if (!MONTH.test(month)) throw new Error(`not a month: ${month}`);
  if (!/^[a-z_][a-z0-9_]*$/.test(parent)) throw new Error(`not a table name: ${parent}`);
  const name = partitionName(parent, month);
  await sql.query(`select pg_advisory_xact_lock(hashtextextended('partition:' || $1, 0))`, [name]);
  const [found] = await sql.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [name]);
  if (found?.exists) return false;
  const from = `${month}-01 00:00:00+00`;
  const to = `${nextMonth(month)}-01 00:00:00+00`;
  await sql.query(`create table ${name} (like ${parent} including defaults including constraints)`);
  await sql.query(`alter table ${name} enable row level security`);
  await sql.query(`alter table ${name} force row level security`);
  await sql.query(`create policy ${name}_select on ${name} for select to vitalis_app using (false)`);
  await sql.query(`create policy ${name}_insert on ${name} for insert to vitalis_app with check (false)`);
  await sql.query(`create policy ${name}_update on ${name} for update to vitalis_app using (false) with check (false)`);
  await sql.query(`create policy ${name}_delete on ${name} for delete to vitalis_app using (false)`);
  // Before the move: no writer may route a row of this month into the DEFAULT partition until the attach.
  await sql.query(`lock table ${parent}_default in access exclusive mode`);
  await sql.query(
    `with moved as (delete from ${parent}_default where start_at >= $1 and start_at < $2 returning *)
     insert into ${name} select * from moved`,
    [from, to],
  );
  await sql.query(`alter table ${parent} attach partition ${name} for values from ('${from}') to ('${to}')`);
  return true;
}

/**
 * Monthly partitions of `samples`, made on demand by the write path before its transaction
 * (DDL needs the owner, so it runs in a named system transaction). Months known to exist are
 * remembered for the life of the process.
 */
export function createSamplePartitions(tx: Transactions): SamplePartitions {
  const known = new Set<string>();
  return {
    async ensure(months) {
      const missing = [...new Set(months)].filter((m) => !known.has(m) && m >= EARLIEST_PARTITIONED_MONTH && MONTH.test(m)).sort();
      if (missing.length === 0) return;
      await tx.withSystem(`ingest: monthly partitions of samples for ${missing.join(', ')}`, async (sql) => {
        for (const month of missing) await createMonthPartition(sql, 'samples', month);
      });
      for (const month of missing) known.add(month);
    },
  };
}
