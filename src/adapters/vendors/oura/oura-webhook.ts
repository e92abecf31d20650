import type { VendorNotice, WebhookDelivery } from '../vendor-adapter.ts';
import { parseEvent, verifySignedDelivery } from '../webhook-signature.ts';
import { OURA, OURA_SIGNATURE, ouraEvent } from './oura-api.ts';

/** A verified Oura notification; it names the document, which is then fetched. */
export function readOuraWebhook(delivery: WebhookDelivery, clientSecret: string, nowMs: number): VendorNotice {
  const event = parseEvent(OURA, verifySignedDelivery(OURA, delivery, OURA_SIGNATURE, clientSecret, nowMs), ouraEvent);
  return {
    vendor: OURA,
    vendorUserId: event.user_id,
    resource: event.data_type,
    documentId: event.object_id,
    action: event.event_type === 'delete' ? 'delete' : 'upsert',
  };
}
