import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';

/** JSON logs; credentials are never written, whatever a caller logs. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service: 'vitalis' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
          '*.refreshToken',
          '*.accessToken',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
