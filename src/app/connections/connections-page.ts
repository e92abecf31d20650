import type { ConnectionDeps } from './connection-deps.ts';

/** The web app's connections page, where the browser lands after consent: `?connected=<vendor>` or `?vendor=<vendor>&error=<code>`. */
export function connectionsPage(deps: Pick<ConnectionDeps, 'connectionSettings'>, outcome: { connected: string } | { vendor: string; error: string }): string {
  return `${deps.connectionSettings.publicUrl}/connections?${new URLSearchParams(outcome).toString()}`;
}
