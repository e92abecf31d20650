import { access } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { ImportStatus } from '../../app/imports/import-status.ts';
import { runImport } from '../../app/imports/run-import.ts';
import type { Config } from '../../config.ts';
import { adminOpInputs } from '../../contracts/admin-ops.ts';
import { createAdminOps } from '../../composition/admin-ops.ts';
import { runAdminOp, serverHoldsDataDir, withLocalServices } from '../run-admin-op.ts';

type Started = ImportStatus & { tenantId: string; userId: string };
type Options = Record<string, unknown>;

const POLL_MS = 500;
const SHOWN_SKIPS = 10;

/**
 * `vitalis import <file> --user <email>`: with a server holding the embedded data directory, or
 * scaled out, the file is handed to the running workers and followed; with nothing running, it
 * is read in this process. Either way a progress bar on a terminal, then a summary.
 */
export function registerImportCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('import <file>')
    .description('import an Apple Health export (export.zip/export.xml), a Fitbit CSV or a generic CSV for a person')
    .requiredOption('--user <email>', 'the person the data belongs to')
    .option('--tenant <slug>', 'their tenant (needed when they belong to several)')
    .option('--format <format>', 'apple-health | fitbit | csv (detected when left out)')
    .option('--person-id <id>', 'Fitbit: the Id whose rows to import, for a file holding several people')
    .option('--date-format <order>', 'CSV: mdy or dmy, for dates like 4/12/2016')
    .option('--columns <json>', 'CSV: {"<header>": {"metric": "<id>", "unit": "<unit>"} | "ignore"}')
    .option('--json', 'print JSON')
    .action(async (file: string, options: Options) => {
      const absolute = path.resolve(file);
      await access(absolute).catch(() => {
        throw new Error(`cannot read ${file}`);
      });
      const input = adminOpInputs['import-start'].parse({
        path: absolute,
        email: options.user,
        ...(options.tenant !== undefined && { tenant: options.tenant }),
        ...(options.format !== undefined && { format: options.format }),
        ...(options.personId !== undefined && { personId: options.personId }),
        ...(options.dateFormat !== undefined && { dateFormat: options.dateFormat }),
        ...(options.columns !== undefined && { columns: options.columns }),
      });
      const config = loadConfig();
      const bar = progressBar(path.basename(file));
      const finished = await importFile(config, input, (status) => bar.update(status.progress)).finally(() => bar.stop());
      const json = program.opts().json === true || options.json === true;
      process.stdout.write(`${json ? JSON.stringify(finished, null, 2) : summary(finished)}\n`);
      if (finished.state === 'failed') process.exitCode = 1;
    });
}

async function importFile(config: Config, input: unknown, onProgress: (status: ImportStatus) => void): Promise<ImportStatus> {
  if (config.DATABASE_URL || (await serverHoldsDataDir(config))) {
    const started = (await runAdminOp(config, 'import-start', input)) as Started;
    return follow(config, started, onProgress);
  }
  return withLocalServices(config, async (services) => {
    const ops = createAdminOps(services);
    const started = (await ops['import-start'](adminOpInputs['import-start'].parse(input))) as Started;
    await runImport(services.imports, { tenantId: started.tenantId, userId: started.userId, importId: started.id }, { onProgress: (p) => onProgress({ ...started, progress: p.progress, state: p.state }) });
    return (await ops['import-status']({ id: started.id, tenantId: started.tenantId, userId: started.userId })) as ImportStatus;
  });
}

async function follow(config: Config, started: Started, onProgress: (status: ImportStatus) => void): Promise<ImportStatus> {
  for (;;) {
    const status = (await runAdminOp(config, 'import-status', { id: started.id, tenantId: started.tenantId, userId: started.userId })) as ImportStatus;
    onProgress(status);
    if (status.state === 'succeeded' || status.state === 'failed') return status;
    await sleep(POLL_MS);
  }
}

function progressBar(name: string): { update(percent: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${name} [{bar}] {percentage}%`, stream: process.stderr, hideCursor: true, clearOnComplete: true });
  bar.start(100, 0);
  return { update: (percent) => bar.update(percent), stop: () => bar.stop() };
}

function summary(status: ImportStatus): string {
  const total = Object.values(status.counts).reduce((a, b) => a + b, 0);
  const perMetric = Object.entries(status.counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, n]) => `  ${metric.padEnd(24)} ${n}`);
  const lines = [
    status.state === 'succeeded' ? `imported ${total} samples from ${status.fileName ?? 'the file'} (${status.format})` : `import failed: ${status.error ?? 'unknown error'}`,
    ...perMetric,
  ];
  if (status.skippedTotal > 0) {
    lines.push(`skipped ${status.skippedTotal}:`);
    lines.push(...status.skipped.slice(0, SHOWN_SKIPS).map((s) => `  line ${s.line}: ${s.reason}`));
    if (status.skippedTotal > SHOWN_SKIPS) lines.push(`  … (vitalis import --json lists the first ${status.skipped.length})`);
  }
  return lines.join('\n');
}
