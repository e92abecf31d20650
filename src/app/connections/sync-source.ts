import type { RawSample } from '../../domain/ingest/index.ts';
import type { VendorClient, VendorDocument } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';

export interface PageRequest {
  resource: string;
  window: { from: Date; to: Date };
  cursor?: string;
  /** The revision time given to every document the run reads (see connection_syncs.fetched_at). */
  fetchedAt: string;
}

export interface SourcePage {
  samples: RawSample[];
  documents: number;
  /** Documents without the documented shape, left out. */
  skipped: number;
  /** Absent on the last page. */
  nextCursor?: string;
}

/** Where a connection's data comes from: a vendor's API, or the built-in simulator. */
export interface SyncSource {
  readonly resources: readonly string[];
  /** The vendor whose access token `page` needs; none for the simulator. */
  readonly client: VendorClient | undefined;
  page(accessToken: string | undefined, request: PageRequest): Promise<SourcePage>;
}

/** One page of a vendor's listing, as samples. */
export function vendorSource(deps: Pick<ConnectionDeps, 'vendors' | 'logger'>, client: VendorClient): SyncSource {
  return {
    resources: client.resources,
    client,
    async page(accessToken, request) {
      if (accessToken === undefined) throw new Error(`${client.vendor} needs an access token`);
      const page = await client.listPage(accessToken, request);
      const { samples, skipped } = samplesOfDocuments(deps, client, page.documents, request.fetchedAt);
      return { samples, documents: page.documents.length, skipped, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) };
    },
  };
}

/**
 * The samples of vendor documents, each stamped with `fetchedAt` (so the same page read twice
 * is the same batch). A document without the documented shape is left out and counted; the
 * rest of the page still counts.
 */
export function samplesOfDocuments(
  deps: Pick<ConnectionDeps, 'vendors' | 'logger'>,
  client: VendorClient,
  documents: readonly VendorDocument[],
  fetchedAt: string,
): { samples: RawSample[]; skipped: number } {
  const samples: RawSample[] = [];
  let skipped = 0;
  for (const document of documents) {
    try {
      samples.push(...client.toSamples({ ...document, fetchedAt }));
    } catch (error) {
      if (deps.vendors.failureOf(error, 1)?.code !== 'invalid_document') throw error;
      skipped += 1;
      deps.logger.warn({ vendor: client.vendor, resource: document.resource, err: (error as Error).message }, 'a vendor document without the documented shape was left out');
    }
  }
  return { samples, skipped };
}
