import { z } from 'zod';
import { isoDate } from '../../../domain/ingest/iso-format.ts';
import { oauthClient } from '../oauth-client.ts';
import type { DocumentPage, ListWindow, PageRequest, VendorAdapter, VendorConfig, VendorDeps, VendorDocument } from '../vendor-adapter.ts';
import { revokeAccess, vendorBaseUrls, vendorHttp, vendorUrl } from '../vendor-http.ts';
import { fetchedDocument, readResponse } from '../vendor-pages.ts';
import { OURA, OURA_PAGING, OURA_PATHS, OURA_PKCE, OURA_RESOURCES, OURA_SCOPES, isOuraResource, ouraPage, ouraPersonalInfo, type OuraResource } from './oura-api.ts';
import { mapOuraDocument } from './oura-samples.ts';
import { readOuraWebhook } from './oura-webhook.ts';

const DAY_MS = 86_400_000;
const withId = z.object({ id: z.string().min(1) });
const withTimestamp = z.object({ timestamp: z.string().min(1) });

export function createOuraAdapter(config: VendorConfig, deps: VendorDeps): VendorAdapter {
  const { api, auth } = vendorBaseUrls(OURA, config);
  const http = vendorHttp(OURA, deps);
  const oauth = oauthClient(
    OURA,
    { authorizationEndpoint: vendorUrl(auth, OURA_PATHS.authorize), tokenEndpoint: vendorUrl(api, OURA_PATHS.token), scopes: OURA_SCOPES, pkce: OURA_PKCE },
    config,
    http,
  );

  function document(resource: OuraResource, item: unknown): VendorDocument {
    // Heart rate readings have no id; one reading per instant makes the timestamp one.
    const id = resource === 'heartrate' ? readResponse(OURA, item, withTimestamp, 'a heartrate reading without timestamp').timestamp : readResponse(OURA, item, withId, `a ${resource} document without id`).id;
    return fetchedDocument(OURA, resource, id, item, http.nowMs());
  }

  return {
    vendor: OURA,
    resources: Object.keys(OURA_RESOURCES),
    ...oauth,

    revoke: (tokens) => revokeAccess(http, vendorUrl(api, OURA_PATHS.revoke, { access_token: tokens.accessToken }), { method: 'POST' }),

    async accountId(accessToken) {
      return readResponse(OURA, await http.getJson(vendorUrl(api, OURA_PATHS.personalInfo), accessToken), ouraPersonalInfo, 'personal_info without id').id;
    },

    async listPage(accessToken, request: PageRequest): Promise<DocumentPage> {
      const resource = knownResource(request.resource);
      const query = { ...windowQuery(resource, request.window), [OURA_PAGING.cursorParameter]: request.cursor };
      const page = readResponse(OURA, await http.getJson(vendorUrl(api, OURA_PATHS.collection(resource), query), accessToken), ouraPage, `a ${resource} page`);
      return { documents: page.data.map((item) => document(resource, item)), ...(page.next_token && { nextCursor: page.next_token }) };
    },

    async fetchDocument(accessToken, resourceName, id) {
      const resource = knownResource(resourceName);
      if (!OURA_RESOURCES[resource].fetchable) throw new TypeError(`oura: ${resource} has no single-document route; list it instead`);
      const item = await http.getJsonIfFound(vendorUrl(api, OURA_PATHS.document(resource, id)), accessToken);
      return item === undefined ? undefined : document(resource, item);
    },

    verifyWebhook: (delivery) => readOuraWebhook(delivery, config.clientSecret, http.nowMs()),
    toSamples: mapOuraDocument,
  };
}

function knownResource(resource: string): OuraResource {
  if (!isOuraResource(resource)) throw new TypeError(`oura: unknown resource ${JSON.stringify(resource)}`);
  return resource;
}

/**
 * Daily resources are asked by date: the window widens by a day each way so the person's local
 * days at both ends are covered whatever their offset (documents come back by id, so overlap is harmless).
 */
function windowQuery(resource: OuraResource, window: ListWindow): Record<string, string> {
  if (OURA_RESOURCES[resource].window === 'datetimes') {
    return { start_datetime: window.from.toISOString(), end_datetime: window.to.toISOString() };
  }
  return { start_date: isoDate(window.from.getTime() - DAY_MS), end_date: isoDate(window.to.getTime() + DAY_MS) };
}
