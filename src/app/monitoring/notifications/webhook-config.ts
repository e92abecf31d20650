import { AppError } from '../../errors.ts';
import type { WebhookConfig } from '../monitoring-ports.ts';

export interface WebhookView {
  url: string;
  minSeverity: WebhookConfig['minSeverity'];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const webhookView = (config: WebhookConfig): WebhookView => ({ url: config.url, minSeverity: config.minSeverity, enabled: config.enabled, createdAt: config.createdAt, updatedAt: config.updatedAt });

/**
 * Plain http is for loopback only (a receiver on the same host); anything leaving the host goes
 * over https. Redirects are not followed when delivering.
 */
export function checkWebhookUrl(url: string): void {
  const parsed = new URL(url);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return;
  throw new AppError('validation_failed', 'The webhook URL must use https (plain http only to localhost).');
}
