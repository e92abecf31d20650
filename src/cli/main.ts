import { Command, CommanderError, Option } from 'commander';
import { ZodError } from 'zod';
import { isAppError } from '../app/errors.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { registerAdminCommands } from './commands/admin.commands.ts';
import { registerImportCommand } from './commands/import.command.ts';
import { registerJobsCommand } from './commands/jobs.command.ts';
import { registerKeysCommand } from './commands/keys.command.ts';
import { registerServeCommand } from './commands/serve.command.ts';

/** One readable line for any failure; the stack only with DEBUG=vitalis. */
export function describeFailure(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  if (isAppError(error) || error instanceof ConfigError) return error.message;
  if (error instanceof Error) return error.message.split('\n')[0]!;
  return String(error);
}

export function buildCli(): Command {
  const program = new Command('vitalis')
    .description('Vitalis — your health data from everywhere, in one place you control.')
    .version('0.1.0')
    .addOption(new Option('--json', 'print machine-readable JSON').default(false))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program, loadConfig);
  registerAdminCommands(program, loadConfig);
  registerImportCommand(program, loadConfig);
  registerKeysCommand(program, loadConfig);
  registerJobsCommand(program, loadConfig);
  return program;
}

async function main(): Promise<void> {
  try {
    await buildCli().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`vitalis: ${describeFailure(error)}\n`);
    process.exitCode = 1;
  }
}

await main();
