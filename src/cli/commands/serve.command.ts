import { Option, type Command } from 'commander';
import type { Config } from '../../config.ts';
import { serve, type Role } from '../../main.ts';

export function registerServeCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('serve')
    .description('run Vitalis: HTTP API, web app and job workers (embedded by default; scaled out with DATABASE_URL and REDIS_URL)')
    .addOption(new Option('--role <role>', 'what this node runs').choices(['api', 'worker', 'all']).default('all'))
    .action(async (options: { role: Role }) => {
      await serve(loadConfig(), options.role);
    });
}
