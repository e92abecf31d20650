import type { z } from 'zod';
import type { ListWindow, VendorAdapter, VendorDocument } from './vendor-adapter.ts';
import { VendorResponseInvalid } from './vendor-errors.ts';

/** A 2xx body checked against the documented shape; `what` names it in the error. */
export function readResponse<T>(vendor: string, body: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new VendorResponseInvalid(vendor, what);
  return parsed.data;
}

/** A document as fetched at `nowMs`, which stands as its revision time where the vendor keeps none. */
export function fetchedDocument(vendor: string, resource: string, id: string, body: unknown, nowMs: number): VendorDocument {
  return { vendor, resource, id, fetchedAt: new Date(nowMs).toISOString(), body };
}

/**
 * Every document of `resource` in the window, following the vendor's page tokens to the end.
 * For a first sync or a test; a job that must survive a rate limit mid-way pages itself and
 * keeps the cursor.
 */
export async function listAllDocuments(adapter: VendorAdapter, accessToken: string, resource: string, window: ListWindow): Promise<VendorDocument[]> {
  const documents: VendorDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listPage(accessToken, { resource, window, ...(cursor !== undefined && { cursor }) });
    documents.push(...page.documents);
    if (page.nextCursor !== undefined && page.nextCursor === cursor) throw new VendorResponseInvalid(adapter.vendor, 'a page token that does not advance');
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return documents;
}
