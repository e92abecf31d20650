import { z } from 'zod';
import { oauthClient } from '../oauth-client.ts';
import type { DocumentPage, PageRequest, VendorAdapter, VendorConfig, VendorDeps, VendorDocument } from '../vendor-adapter.ts';
import { revokeAccess, vendorBaseUrls, vendorHttp, vendorUrl } from '../vendor-http.ts';
import { fetchedDocument, readResponse } from '../vendor-pages.ts';
import {
  WHOOP,
  WHOOP_PAGING,
  WHOOP_PATHS,
  WHOOP_PKCE,
  WHOOP_REFRESH_PARAMETERS,
  WHOOP_RESOURCES,
  WHOOP_SCOPES,
  isWhoopResource,
  whoopPage,
  whoopProfile,
  type WhoopResource,
} from './whoop-api.ts';
import { mapWhoopDocument } from './whoop-samples.ts';
import { readWhoopWebhook } from './whoop-webhook.ts';

const withId = z.object({ id: z.union([z.string().min(1), z.number().int()]) });
const withSleepId = z.object({ sleep_id: z.string().min(1) });
const withCycleId = z.object({ cycle_id: z.number().int() });

export function createWhoopAdapter(config: VendorConfig, deps: VendorDeps): VendorAdapter {
  const { api, auth } = vendorBaseUrls(WHOOP, config);
  const http = vendorHttp(WHOOP, deps);
  const oauth = oauthClient(
    WHOOP,
    {
      authorizationEndpoint: vendorUrl(auth, WHOOP_PATHS.authorize),
      tokenEndpoint: vendorUrl(auth, WHOOP_PATHS.token),
      scopes: WHOOP_SCOPES,
      pkce: WHOOP_PKCE,
      refreshParameters: WHOOP_REFRESH_PARAMETERS,
    },
    config,
    http,
  );

  const document = (resource: WhoopResource, id: string, body: unknown) => fetchedDocument(WHOOP, resource, id, body, http.nowMs());
  const idOf = (resource: WhoopResource, item: unknown) => String(readResponse(WHOOP, item, withId, `a ${resource} without id`).id);
  const one = (resource: WhoopResource, id: string, accessToken: string) =>
    http.getJsonIfFound(vendorUrl(api, `${WHOOP_RESOURCES[resource]}/${encodeURIComponent(id)}`), accessToken);

  /**
   * A recovery has no time of its own, so it travels with the sleep it was scored from, under
   * the sleep's id (v2 webhooks name a recovery by it). Without `recovery` it is looked up
   * through the sleep's cycle. Undefined once either is gone.
   */
  async function recoveryDocument(accessToken: string, sleepId: string, recovery?: unknown): Promise<VendorDocument | undefined> {
    const sleep = await one('sleep', sleepId, accessToken);
    if (sleep === undefined) return undefined;
    if (recovery === undefined) {
      const { cycle_id } = readResponse(WHOOP, sleep, withCycleId, 'a sleep without cycle_id');
      recovery = await http.getJsonIfFound(vendorUrl(api, WHOOP_PATHS.cycleRecovery(cycle_id)), accessToken);
    }
    return recovery === undefined ? undefined : document('recovery', sleepId, { recovery, sleep });
  }

  async function recoveryPage(accessToken: string, records: readonly unknown[]): Promise<VendorDocument[]> {
    const documents: VendorDocument[] = [];
    // One at a time: WHOOP's per-minute budget is small and a page holds at most 25.
    for (const recovery of records) {
      const { sleep_id } = readResponse(WHOOP, recovery, withSleepId, 'a recovery without sleep_id');
      const found = await recoveryDocument(accessToken, sleep_id, recovery);
      if (found) documents.push(found);
    }
    return documents;
  }

  return {
    vendor: WHOOP,
    resources: Object.keys(WHOOP_RESOURCES),
    ...oauth,

    revoke: (tokens) => revokeAccess(http, vendorUrl(api, WHOOP_PATHS.revoke), { method: 'DELETE', headers: { authorization: `Bearer ${tokens.accessToken}` } }),

    async accountId(accessToken) {
      return String(readResponse(WHOOP, await http.getJson(vendorUrl(api, WHOOP_PATHS.profile), accessToken), whoopProfile, 'a profile without user_id').user_id);
    },

    async listPage(accessToken, request: PageRequest): Promise<DocumentPage> {
      const resource = knownResource(request.resource);
      const query = {
        start: request.window.from.toISOString(),
        end: request.window.to.toISOString(),
        limit: String(WHOOP_PAGING.limit),
        [WHOOP_PAGING.cursorParameter]: request.cursor,
      };
      const page = readResponse(WHOOP, await http.getJson(vendorUrl(api, WHOOP_RESOURCES[resource], query), accessToken), whoopPage, `a ${resource} page`);
      const documents = resource === 'recovery' ? await recoveryPage(accessToken, page.records) : page.records.map((item) => document(resource, idOf(resource, item), item));
      return { documents, ...(page.next_token && { nextCursor: page.next_token }) };
    },

    async fetchDocument(accessToken, resourceName, id) {
      const resource = knownResource(resourceName);
      if (resource === 'recovery') return recoveryDocument(accessToken, id);
      const item = await one(resource, id, accessToken);
      return item === undefined ? undefined : document(resource, idOf(resource, item), item);
    },

    verifyWebhook: (delivery) => readWhoopWebhook(delivery, config.clientSecret, http.nowMs()),
    toSamples: mapWhoopDocument,
  };
}

function knownResource(resource: string): WhoopResource {
  if (!isWhoopResource(resource)) throw new TypeError(`whoop: unknown resource ${JSON.stringify(resource)}`);
  return resource;
}
