import { z } from 'zod';
import { createTenantInput } from '../app/tenancy/create-tenant.ts';

/**
 * Operator commands. The CLI runs them in its own process, or — in embedded mode while a
 * server holds the data directory — sends them to that server's admin socket.
 */
export const adminOpInputs = {
  migrate: z.object({}).strict(),
  'create-tenant': createTenantInput,
  'seed-demo': z.object({}).strict(),
  'audit-verify': z.object({ tenant: z.string().min(1).optional() }).strict(),
  outbox: z.object({ to: z.string().min(1).optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
} as const;

export type AdminOpName = keyof typeof adminOpInputs;
export const adminOpNames = Object.keys(adminOpInputs) as AdminOpName[];

export type AdminOps = { [N in AdminOpName]: (input: z.output<(typeof adminOpInputs)[N]>) => Promise<unknown> };
