// A loopback proxy between Vitalis and a fake vendor: it passes everything on, and a test can
// make it answer a request itself (a 429, a stall) or revise a document on its way back.
import { json, startFakeServer, type FakeRequest, type FakeResponse } from '../../fakes/fake-http-server.ts';

export interface VendorProxy {
  readonly url: string;
  /** Every request that reached the proxy, in order. */
  readonly requests: FakeRequest[];
  /** Answers a request instead of the vendor when it returns a response. */
  intercept: ((request: FakeRequest) => FakeResponse | undefined) | undefined;
  /** Changes a JSON body the vendor answered. */
  revise: ((request: FakeRequest, body: unknown) => unknown) | undefined;
  close(): Promise<void>;
}

export async function startVendorProxy(target: string): Promise<VendorProxy> {
  const proxy: Pick<VendorProxy, 'intercept' | 'revise'> = { intercept: undefined, revise: undefined };
  const server = await startFakeServer(async (request) => {
    const intercepted = proxy.intercept?.(request);
    if (intercepted) return intercepted;
    const forwarded = await fetch(`${target}${request.url.pathname}${request.url.search}`, {
      method: request.method,
      headers: Object.fromEntries(['authorization', 'content-type', 'x-client-id', 'x-client-secret'].flatMap((h) => (request.headers[h] ? [[h, String(request.headers[h])]] : []))),
      ...(request.rawBody.length > 0 && { body: request.body }),
    });
    const text = await forwarded.text();
    if (!text) return { status: forwarded.status };
    const body = JSON.parse(text) as unknown;
    const retryAfter = forwarded.headers.get('retry-after');
    return json(forwarded.status, proxy.revise ? proxy.revise(request, body) : body, retryAfter ? { 'retry-after': retryAfter } : {});
  });
  return Object.assign(proxy, { url: server.url, requests: server.requests, close: () => server.close() });
}
