import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const VITALIS_BIN = fileURLToPath(new URL('../../bin/vitalis.js', import.meta.url));

/** The environment of a child Vitalis: no inherited database/Redis unless given. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...overrides };
  return env;
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  logs: string[];
  exited: Promise<number | null>;
}

/** Starts `vitalis serve` and resolves once it logs that it is running. */
export async function startServer(env: NodeJS.ProcessEnv, args: string[] = [], timeoutMs = 60_000): Promise<RunningServer> {
  const child = spawn(process.execPath, [VITALIS_BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${logs.join('\n')}`)), timeoutMs);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'Vitalis is running' && entry.url) {
            clearTimeout(timer);
            resolve(entry.url.replace('0.0.0.0', '127.0.0.1'));
          }
        } catch {
          // not a JSON log line
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${logs.join('\n')}`));
    });
  });
  return { child, url, logs, exited };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawn(process.execPath, [VITALIS_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}
