import { queueMail } from '../identity/send-mail.ts';
import type { PersonRef } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import { vendorName } from './vendor-names.ts';

/**
 * The vendor no longer honours the grant (revoked in the vendor's app, a refresh token used
 * up): the connection waits for the person to connect again, and they are told once, by mail.
 */
export async function markNeedsReauth(deps: ConnectionDeps, person: PersonRef, connectionId: string, vendor: string): Promise<void> {
  const contact = await deps.tx.withTenant(person, async (sql) => {
    const changed = await deps.connections.connections.setStatus(sql, connectionId, 'needs_reauth', 'reauthorization_required', deps.clock.now());
    return changed ? deps.connections.connections.ownerContact(sql, connectionId) : undefined;
  });
  if (!contact) return;
  deps.logger.info({ tenantId: person.tenantId, connectionId, vendor }, 'connection needs the person to connect again');
  const name = vendorName(vendor);
  await queueMail(deps.queue, {
    tenantId: person.tenantId,
    message: {
      to: contact.email,
      subject: `Reconnect your ${name} account`,
      text: [
        `Hi ${contact.name},`,
        '',
        `${name} no longer lets Vitalis read your data, so nothing new arrives from it. This happens when access`,
        `is removed in ${name}'s app or settings, or when it has not been used for a long time.`,
        '',
        `Connect it again to carry on where it stopped: ${deps.connectionSettings.publicUrl}/connections`,
      ].join('\n'),
    },
  });
}
