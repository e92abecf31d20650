import type { Logger } from '../../app/ports.ts';

type Handler = (message: unknown) => void;

export interface Subscription {
  /** Removes the handler; true when it was the channel's last one, so the transport can let go. */
  remove(): boolean;
}

/** Serializes a message once for transport, so every PubSub adapter rejects the same messages. */
export function encodeMessage(channel: string, message: unknown): string {
  const json = JSON.stringify(message);
  if (json === undefined) throw new TypeError(`message for channel "${channel}" is not JSON-serializable`);
  return json;
}

/**
 * The handlers subscribed on this node, by channel. Each handler gets its own parsed copy of
 * a message on a later tick, and whatever it throws or rejects with is reported, never passed
 * to the publisher, the transport or the other handlers.
 */
export class Subscribers {
  readonly #byChannel = new Map<string, Set<Handler>>();
  readonly #report: (err: unknown, channel: string) => void;

  constructor(logger: Pick<Logger, 'error'> | undefined) {
    this.#report = logger
      ? (err, channel) => logger.error({ err, channel }, 'pubsub handler failed')
      : (err, channel) => process.emitWarning(`pubsub handler failed on channel "${channel}": ${String(err)}`);
  }

  add(channel: string, handler: Handler): Subscription {
    // Wrapped so the same function subscribed twice is two subscriptions, each removed on its own.
    const entry: Handler = (message) => handler(message);
    let handlers = this.#byChannel.get(channel);
    if (!handlers) this.#byChannel.set(channel, (handlers = new Set()));
    handlers.add(entry);
    return {
      remove: () => {
        const current = this.#byChannel.get(channel);
        if (!current?.delete(entry) || current.size > 0) return false;
        this.#byChannel.delete(channel);
        return true;
      },
    };
  }

  deliver(channel: string, json: string): void {
    for (const handler of this.#byChannel.get(channel) ?? []) {
      void Promise.resolve()
        .then(() => {
          // Skipped when unsubscribed between arrival and this tick.
          if (this.#byChannel.get(channel)?.has(handler)) return handler(JSON.parse(json));
        })
        .catch((err: unknown) => this.#report(err, channel));
    }
  }

  clear(): void {
    this.#byChannel.clear();
  }
}
