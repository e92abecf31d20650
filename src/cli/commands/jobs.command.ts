import type { Command } from 'commander';
import type { DeadJobView } from '../../composition/admin-ops.ts';
import type { Config } from '../../config.ts';
import { runAdminOp } from '../run-admin-op.ts';

/**
 * `vitalis jobs dead` and `vitalis jobs retry`: background jobs (notifications, mail, imports,
 * syncs) that failed every attempt stay put as dead letters; once the cause is fixed (a mail
 * server back, a vendor reachable again), the operator gives them their attempts again.
 */
export function registerJobsCommand(program: Command, loadConfig: () => Config): void {
  const jobs = program.command('jobs').description('background jobs that failed every attempt (dead letters)');
  const print = (options: Record<string, unknown>, result: unknown, text: string) => {
    const json = program.opts().json === true || options.json === true;
    process.stdout.write(`${json ? JSON.stringify(result, null, 2) : text}\n`);
  };

  jobs
    .command('dead')
    .description('list dead jobs, newest first, with their last error')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action(async (options: Record<string, unknown>) => {
      const dead = (await runAdminOp(loadConfig(), 'jobs-dead', { limit: options.limit })) as DeadJobView[];
      const lines = dead.map((job) => `${job.id}  ${job.name}  tenant ${job.tenantId}  after ${job.attempts} attempts: ${job.error}`);
      print(options, dead, lines.join('\n') || 'no dead jobs');
    });

  jobs
    .command('retry')
    .description('give dead jobs all their attempts again, due now')
    .argument('[ids...]', 'the dead jobs to retry (see `vitalis jobs dead`)')
    .option('--all', 'every dead job')
    .option('--json', 'print JSON')
    .action(async (ids: string[], options: Record<string, unknown>) => {
      const input = { ...(ids.length > 0 ? { ids } : {}), all: options.all === true };
      const { retried } = (await runAdminOp(loadConfig(), 'jobs-retry', input)) as { retried: string[] };
      print(options, { retried }, retried.length > 0 ? `queued again: ${retried.join(', ')}` : 'no dead job matched');
    });
}
