import type { Command } from 'commander';
import type { RotationReport } from '../../app/keys/rotate-keys.ts';
import type { Config } from '../../config.ts';
import { runAdminOp } from '../run-admin-op.ts';

/**
 * `vitalis keys rotate`: after a new version is added to ENCRYPTION_KEYS (and a running server
 * restarted with it), every secret at rest sealed by an older key is sealed again with the
 * newest; then the older versions may leave ENCRYPTION_KEYS.
 */
export function registerKeysCommand(program: Command, loadConfig: () => Config): void {
  const keys = program.command('keys').description('the key ring that seals secrets at rest (ENCRYPTION_KEYS)');
  keys
    .command('rotate')
    .description('re-seal every secret at rest (vendor tokens, TOTP secrets) with the newest key of ENCRYPTION_KEYS')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, unknown>) => {
      const report = (await runAdminOp(loadConfig(), 'keys-rotate', {})) as RotationReport;
      const json = program.opts().json === true || options.json === true;
      const lines = [
        ...Object.entries(report.resealed).map(([set, count]) => `re-sealed ${count} ${set}`),
        `${report.current} sealed with the newest key already`,
        ...(report.skipped > 0 ? [`${report.skipped} changed meanwhile (sealed anew, with the newest key)`] : []),
      ];
      process.stdout.write(`${json ? JSON.stringify(report, null, 2) : lines.join('\n')}\n`);
    });
}
