import { Redis } from 'ioredis';
import type { Logger, PubSub, Unsubscribe } from '../../app/ports.ts';
import { encodeMessage, Subscribers } from './subscribers.ts';

export interface RedisPubSubOptions {
  /** Prepended to every channel, so deployments and tests sharing a Redis never hear each other. */
  prefix?: string;
  /** Where handler failures go (default: a process warning). */
  logger?: Pick<Logger, 'error'>;
}

/**
 * Pub/sub across nodes. A connection in subscriber mode can't publish, hence two; the
 * subscriber holds one Redis subscription per channel with handlers on this node.
 */
export class RedisPubSub implements PubSub {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #subscribers: Subscribers;
  #closed?: Promise<void>;

  constructor(redisUrl: string, options: RedisPubSubOptions = {}) {
    this.#prefix = options.prefix ?? 'vitalis:pubsub:';
    this.#subscribers = new Subscribers(options.logger);
    this.#publisher = new Redis(redisUrl);
    this.#subscriber = new Redis(redisUrl);
    this.#subscriber.on('message', (channel: string, json: string) => {
      if (channel.startsWith(this.#prefix)) this.#subscribers.deliver(channel.slice(this.#prefix.length), json);
    });
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.#publisher.publish(this.#prefix + channel, encodeMessage(channel, message));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<Unsubscribe> {
    const subscription = this.#subscribers.add(channel, handler);
    try {
      // Also sent for later handlers: it resolves only once Redis confirms, and repeating it is harmless.
      await this.#subscriber.subscribe(this.#prefix + channel);
    } catch (error) {
      subscription.remove();
      throw error;
    }
    return async () => {
      if (subscription.remove() && !this.#closed) await this.#subscriber.unsubscribe(this.#prefix + channel);
    };
  }

  async ping(): Promise<void> {
    await Promise.all([this.#publisher.ping(), this.#subscriber.ping()]);
  }

  async close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#subscribers.clear();
      await Promise.all([this.#publisher.quit(), this.#subscriber.quit()]);
    })();
    return this.#closed;
  }
}
