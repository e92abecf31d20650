import { request } from 'node:http';
import { AppError, errorCodes, type ErrorCode } from '../app/errors.ts';

/** Sends an operator command to the running embedded server over its admin socket. */
export function callAdminSocket(socketPath: string, name: string, input: unknown): Promise<unknown> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        path: `/admin/ops/${encodeURIComponent(name)}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const parsed = JSON.parse(text || '{}') as { result?: unknown; code?: string; detail?: string; errors?: unknown };
          if (res.statusCode === 200) return resolve(parsed.result);
          const code = (errorCodes as readonly string[]).includes(parsed.code ?? '') ? (parsed.code as ErrorCode) : 'internal';
          const detail = parsed.errors ? `${parsed.detail} ${JSON.stringify(parsed.errors)}` : parsed.detail;
          reject(new AppError(code, detail ?? `the server answered ${res.statusCode}`));
        });
      },
    );
    req.on('error', (error) => reject(new Error(`could not reach the running server at ${socketPath}: ${error.message}`)));
    req.end(body);
  });
}
