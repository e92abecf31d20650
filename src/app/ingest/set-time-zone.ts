import { isValidTimeZone } from '../../domain/ingest/index.ts';
import { AppError } from '../errors.ts';
import { announceSettingsChanged } from './announce-settings-changed.ts';
import type { PersonContext, IngestDeps } from './ingest-deps.ts';
import { notFound } from './ingest-deps.ts';

/**
 * Sets the person's IANA time zone (stored in its canonical spelling): it places timestamps
 * without an offset (Fitbit) on the person's local days from then on, and "today" of every view.
 */
export async function setTimeZone(deps: Pick<IngestDeps, 'tx' | 'ingest' | 'pubsub' | 'logger'>, ctx: PersonContext, timeZone: string): Promise<{ timeZone: string }> {
  if (!isValidTimeZone(timeZone)) throw new AppError('validation_failed', `Unknown time zone "${timeZone}"; use an IANA name such as Europe/Berlin.`);
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  const updated = await deps.tx.withTenant(ctx, (sql) => deps.ingest.people.setTimeZone(sql, ctx.userId, canonical));
  if (!updated) throw notFound();
  await announceSettingsChanged(deps, { tenantId: ctx.tenantId, userId: ctx.userId, setting: 'time_zone' });
  return { timeZone: canonical };
}
