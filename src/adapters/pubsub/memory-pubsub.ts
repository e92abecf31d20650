import type { Logger, PubSub, Unsubscribe } from '../../app/ports.ts';
import { encodeMessage, Subscribers } from './subscribers.ts';

export interface InProcessPubSubOptions {
  /** Where handler failures go (default: a process warning). */
  logger?: Pick<Logger, 'error'>;
}

/** Pub/sub within one process, for embedded mode. Messages travel as JSON, as they would through Redis. */
export class InProcessPubSub implements PubSub {
  readonly #subscribers: Subscribers;

  constructor(options: InProcessPubSubOptions = {}) {
    this.#subscribers = new Subscribers(options.logger);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    const json = encodeMessage(channel, message);
    // A later macrotask, so handlers never run inside the publisher's own call or its continuation.
    setImmediate(() => this.#subscribers.deliver(channel, json));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<Unsubscribe> {
    const subscription = this.#subscribers.add(channel, handler);
    return async () => {
      subscription.remove();
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#subscribers.clear();
  }
}
