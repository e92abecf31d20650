import { spawn } from 'node:child_process';
import type { LoadResult } from './load-generator.ts';

/** Runs the load generator in a child process (see load-generator.ts) and returns its figures. */
export function runLoad(spec: { url: string; headers?: Record<string, string>; connections: number; seconds: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./load-generator.ts', import.meta.url).pathname, JSON.stringify({ headers: {}, ...spec })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}
