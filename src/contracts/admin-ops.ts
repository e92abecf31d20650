import { z } from 'zod';
import { createTenantInput } from '../app/tenancy/create-tenant.ts';
import { importFields } from './imports.ts';

/**
 * Operator commands. The CLI runs them in its own process, or — in embedded mode while a
 * server holds the data directory — sends them to that server's admin socket.
 */
export const adminOpInputs = {
  migrate: z.object({}).strict(),
  'create-tenant': createTenantInput,
  'seed-demo': z.object({ days: z.number().int().min(0).max(730).default(90) }).strict(),
  'audit-verify': z.object({ tenant: z.string().min(1).optional() }).strict(),
  outbox: z.object({ to: z.string().min(1).optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  /** A file on this machine, imported for a person (`vitalis import`). */
  'import-start': importFields
    .omit({ fileName: true })
    .extend({ path: z.string().min(1), email: z.string().min(1), tenant: z.string().min(1).optional() })
    .strict(),
  'import-status': z.object({ id: z.string().uuid(), tenantId: z.string().uuid(), userId: z.string().uuid() }).strict(),
  /** Re-seal every secret at rest with the newest key of ENCRYPTION_KEYS (`vitalis keys rotate`). */
  'keys-rotate': z.object({}).strict(),
  /** Background jobs that spent all their attempts, newest first (`vitalis jobs dead`). */
  'jobs-dead': z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  /** Dead jobs given all their attempts again: those named, or every one (`vitalis jobs retry`). */
  'jobs-retry': z
    .object({ ids: z.array(z.string().min(1)).min(1).optional(), all: z.boolean().default(false) })
    .strict()
    .refine((input) => (input.ids !== undefined) !== input.all, { message: 'name the dead jobs to retry, or say --all' }),
} as const;

export type AdminOpName = keyof typeof adminOpInputs;
export const adminOpNames = Object.keys(adminOpInputs) as AdminOpName[];

export type AdminOps = { [N in AdminOpName]: (input: z.output<(typeof adminOpInputs)[N]>) => Promise<unknown> };
