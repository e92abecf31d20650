import type { VendorNotice, WebhookDelivery } from '../vendor-adapter.ts';
import { parseEvent, verifySignedDelivery } from '../webhook-signature.ts';
import { WHOOP, WHOOP_SIGNATURE, whoopEvent } from './whoop-api.ts';

/** A verified WHOOP notification (`sleep.updated`, `recovery.deleted`, ...); it names the document, which is then fetched. */
export function readWhoopWebhook(delivery: WebhookDelivery, clientSecret: string, nowMs: number): VendorNotice {
  const event = parseEvent(WHOOP, verifySignedDelivery(WHOOP, delivery, WHOOP_SIGNATURE, clientSecret, nowMs), whoopEvent);
  const [resource = '', change] = event.type.split('.');
  return {
    vendor: WHOOP,
    vendorUserId: String(event.user_id),
    resource,
    documentId: String(event.id),
    action: change === 'deleted' ? 'delete' : 'upsert',
  };
}
