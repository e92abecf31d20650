import { events } from '../../../contracts/events.ts';
import type { Logger, PubSub, TenantContext, Transactions, Unsubscribe } from '../../ports.ts';
import { LIVE_EVENTS_CHANNEL } from '../monitoring-deps.ts';
import type { LiveEvent, LiveEventRepo } from '../monitoring-ports.ts';

/** Events read per query: a reader far behind catches up in pages. */
const PAGE = 500;

export interface LiveFeedDeps {
  tx: Transactions;
  liveEvents: LiveEventRepo;
  pubsub: PubSub;
  logger: Logger;
}

export interface LiveSubscriber {
  /** The reader's identity: every read of the log runs as them, so row-level security picks what they see. */
  ctx: TenantContext & { userId: string };
  /** Resume after this seq (Last-Event-ID); absent: from now on. */
  after?: number;
  send(events: readonly LiveEvent[]): void;
  /** A read failed: the connection should end (the client resumes from its last id). */
  fail(error: unknown): void;
}

export interface LiveReader {
  /** Looks for new events now (also the heartbeat's safety net for a lost announcement). */
  wake(): void;
  close(): void;
}

/**
 * This node's stream connections. One subscription to the announcements of every tenant's
 * live event log; on each, every reader of that tenant reads the log after the last event it
 * sent, as its own person, so each gets exactly the events it may see, in order and without
 * gaps, whichever node appended them. A reader reads one page at a time, and announcements
 * arriving meanwhile make it read once more.
 */
export class LiveFeed {
  readonly #deps: LiveFeedDeps;
  readonly #byTenant = new Map<string, Set<Reader>>();
  #unsubscribe: Unsubscribe | undefined;

  constructor(deps: LiveFeedDeps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    this.#unsubscribe = await this.#deps.pubsub.subscribe(LIVE_EVENTS_CHANNEL, (message) => {
      const { tenantId } = events[LIVE_EVENTS_CHANNEL].parse(message);
      for (const reader of this.#byTenant.get(tenantId) ?? []) reader.wake();
    });
  }

  async open(subscriber: LiveSubscriber): Promise<LiveReader> {
    const { tenantId } = subscriber.ctx;
    const after = subscriber.after ?? (await this.#deps.tx.withTenant(subscriber.ctx, (sql) => this.#deps.liveEvents.lastSeq(sql, tenantId)));
    const reader = new Reader(this.#deps, subscriber, after, () => this.#byTenant.get(tenantId)?.delete(reader));
    let readers = this.#byTenant.get(tenantId);
    if (!readers) this.#byTenant.set(tenantId, (readers = new Set()));
    readers.add(reader);
    // Whatever was appended between reading the last seq and joining the tenant's readers.
    reader.wake();
    return reader;
  }

  get connections(): number {
    let count = 0;
    for (const readers of this.#byTenant.values()) count += readers.size;
    return count;
  }

  async close(): Promise<void> {
    await this.#unsubscribe?.();
    for (const readers of this.#byTenant.values()) for (const reader of readers) reader.close();
    this.#byTenant.clear();
  }
}

class Reader implements LiveReader {
  #after: number;
  #reading = false;
  #again = false;
  #closed = false;

  constructor(
    private readonly deps: LiveFeedDeps,
    private readonly subscriber: LiveSubscriber,
    after: number,
    private readonly leave: () => void,
  ) {
    this.#after = after;
  }

  wake(): void {
    if (this.#closed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    void this.#read();
  }

  close(): void {
    this.#closed = true;
    this.leave();
  }

  async #read(): Promise<void> {
    this.#reading = true;
    try {
      do {
        this.#again = false;
        const { ctx } = this.subscriber;
        const page = await this.deps.tx.withTenant(ctx, (sql) => this.deps.liveEvents.after(sql, ctx.tenantId, this.#after, PAGE));
        if (this.#closed) return;
        if (page.length > 0) {
          this.#after = page[page.length - 1]!.seq;
          this.subscriber.send(page);
        }
        if (page.length === PAGE) this.#again = true;
      } while (this.#again && !this.#closed);
    } catch (error) {
      this.deps.logger.warn({ err: error, tenantId: this.subscriber.ctx.tenantId }, 'live stream read failed');
      this.subscriber.fail(error);
    } finally {
      this.#reading = false;
    }
  }
}
