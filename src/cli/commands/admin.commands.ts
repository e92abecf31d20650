import type { Command } from 'commander';
import type { TenantChainVerdict } from '../../app/audit/verify-all-chains.ts';
import type { OutboxMessage, Tenant } from '../../app/ports.ts';
import type { SeedDemoResult } from '../../app/tenancy/seed-demo.ts';
import type { Config } from '../../config.ts';
import type { AdminOpName } from '../../contracts/admin-ops.ts';
import { runAdminOp } from '../run-admin-op.ts';

type Print = (result: unknown) => string;

type Options = Record<string, unknown>;

async function runAndPrint(program: Command, loadConfig: () => Config, name: AdminOpName, input: unknown, options: Options, print: Print) {
  const result = await runAdminOp(loadConfig(), name, input);
  const json = program.opts().json === true || options.json === true;
  process.stdout.write(`${json ? JSON.stringify(result, null, 2) : print(result)}\n`);
  return result;
}

function action(program: Command, loadConfig: () => Config, name: AdminOpName, toInput: (options: Options) => unknown, print: Print) {
  return async (options: Options): Promise<void> => {
    await runAndPrint(program, loadConfig, name, toInput(options), options, print);
  };
}

export function registerAdminCommands(program: Command, loadConfig: () => Config): void {
  program
    .command('migrate')
    .description('apply pending database migrations (also done at every start)')
    .action(
      action(program, loadConfig, 'migrate', () => ({}), (r) => {
        const applied = (r as { applied: string[] }).applied;
        return applied.length ? `applied ${applied.join(', ')}` : 'database is up to date';
      }),
    );

  program
    .command('create-tenant')
    .description('create a tenant (a team, clinic or white-label partner), optionally with its first admin')
    .requiredOption('--slug <slug>', 'short name used in URLs: lowercase letters, digits, hyphens')
    .requiredOption('--name <name>', 'display name')
    .option('--type <type>', 'personal | team | white_label', 'team')
    .option('--admin-email <email>', 'email of the first admin')
    .option('--admin-name <name>', 'name of the first admin')
    .option('--json', 'print JSON')
    .action(
      action(
        program,
        loadConfig,
        'create-tenant',
        (o) => ({
          slug: o.slug,
          name: o.name,
          type: o.type,
          ...(o.adminEmail ? { admin: { email: o.adminEmail, name: o.adminName ?? o.adminEmail } } : {}),
        }),
        (r) => {
          const t = r as Tenant;
          return `created tenant ${t.slug} (${t.type}) with id ${t.id}`;
        },
      ),
    );

  program
    .command('seed-demo')
    .description('create the demo tenant: a team, a clinician and athletes with simulated data (running it again changes nothing)')
    .option('--days <n>', 'days of simulated data per athlete', (v) => Number(v), 90)
    .option('--json', 'print JSON')
    .action(
      action(program, loadConfig, 'seed-demo', (o) => ({ days: o.days }), (r) => {
        const s = r as SeedDemoResult;
        const people = s.people.map((p) => `  ${p.role.padEnd(9)} ${p.email}`).join('\n');
        const data = s.created ? ` with ${s.samples} simulated samples` : '';
        return `${s.created ? 'created' : 'already there:'} tenant ${s.tenant.slug} (${s.tenant.id})${data}\n${people}`;
      }),
    );

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain of every tenant (or one); exits 1 if any chain is broken')
    .option('--tenant <slug>', 'only this tenant')
    .option('--json', 'print JSON')
    .action(async (options: Options) => {
      const input = options.tenant ? { tenant: options.tenant } : {};
      const verdicts = (await runAndPrint(program, loadConfig, 'audit-verify', input, options, (r) =>
        (r as TenantChainVerdict[])
          .map((v) => (v.ok ? `ok      ${v.slug}: ${v.entries} entries` : `BROKEN  ${v.slug}: at entry ${v.brokenAtSeq} — ${v.reason}`))
          .join('\n') || 'no tenants',
      )) as TenantChainVerdict[];
      if (verdicts.some((v) => !v.ok)) process.exitCode = 1;
    });

  program
    .command('outbox')
    .description('list mail in the embedded outbox, newest first, with the links in each message')
    .option('--to <email>', 'only mail to this address')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action(
      action(program, loadConfig, 'outbox', (o) => ({ ...(o.to ? { to: o.to } : {}), limit: o.limit }), (r) =>
        (r as OutboxMessage[])
          .map((m) => [`${m.createdAt}  to ${m.to}  "${m.subject}"`, ...m.links.map((l) => `    ${l}`)].join('\n'))
          .join('\n') || 'the outbox is empty',
      ),
    );
}
