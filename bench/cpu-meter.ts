// CPU time spent by this process and by the Postgres backends serving one database, for a
// figure that does not move with whatever else the machine runs. Backends are read from
// /proc/<pid>/stat, so only a Postgres on this (Linux) host is measured; elsewhere only the
// process is. Backends come and go with the pool: they are sampled every 100 ms, and a backend
// gone before its last sample loses at most that much.
import { readFileSync } from 'node:fs';
import pg from 'pg';

export interface CpuSeconds {
  node: number;
  /** undefined when the backends' CPU cannot be read (Postgres elsewhere). */
  postgres: number | undefined;
}

const TICKS_PER_SECOND = 100;

/** undefined when there is no such process here (Postgres on another host, or the backend gone). */
function backendSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export async function cpuMeter(adminUrl: string, database: string): Promise<{ read(): Promise<CpuSeconds>; close(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows: own } = await admin.query<{ pid: number }>('select pg_backend_pid() as pid');
  const local = backendSeconds(own[0]!.pid) !== undefined;
  const latest = new Map<number, number>();
  let polling: Promise<void> = Promise.resolve();
  const poll = async () => {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    for (const { pid } of rows) {
      const seconds = backendSeconds(pid);
      if (seconds !== undefined) latest.set(pid, seconds);
    }
  };
  const timer = setInterval(() => {
    polling = polling.then(poll, poll);
  }, 100);
  return {
    async read() {
      polling = polling.then(poll, poll);
      await polling;
      const usage = process.cpuUsage();
      const postgres = [...latest.values()].reduce((sum, s) => sum + s, 0);
      return { node: (usage.user + usage.system) / 1e6, postgres: local ? postgres : undefined };
    },
    async close() {
      clearInterval(timer);
      await polling.catch(() => undefined);
      await admin.end();
    },
  };
}
