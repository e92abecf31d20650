import type { WebhookSender } from '../../app/monitoring/monitoring-ports.ts';

/**
 * Outgoing webhooks over fetch: a 10-second limit per try, redirects not followed (a redirect
 * is an answer, not a delivery: it could point anywhere), the response body left unread.
 */
export function fetchWebhookSender(timeoutMs = 10_000): WebhookSender {
  return {
    async post(url, body, headers) {
      const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      return { status: response.status };
    },
  };
}
