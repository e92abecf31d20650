// A client of GET /api/v1/stream (Server-Sent Events) over real HTTP, for tests and benchmarks.

/** Who is asking: a bearer credential and, optionally, the tenant to act in. */
export interface StreamCaller {
  token: string;
  tenantId?: string;
}

export interface StreamEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** A client of GET /api/v1/stream over real HTTP, collecting events as they come. */
export class StreamClient {
  /** Called with each event as it arrives (besides keeping it in `events`). */
  onEvent: ((event: StreamEvent) => void) | undefined;
  readonly events: StreamEvent[] = [];
  readonly #waiters: Array<() => void> = [];
  readonly #abort: AbortController;
  readonly #done: Promise<void>;
  status = 0;
  contentType = '';

  private constructor(response: Response, abort: AbortController) {
    this.#abort = abort;
    this.status = response.status;
    this.contentType = response.headers.get('content-type') ?? '';
    this.#done = this.#read(response).catch(() => undefined);
  }

  /** Opens the stream at `baseUrl` as `caller`, resuming after `lastEventId` when given. */
  static async open(baseUrl: string, caller: StreamCaller, lastEventId?: number): Promise<StreamClient> {
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/stream`, {
      headers: {
        authorization: `Bearer ${caller.token}`,
        accept: 'text/event-stream',
        ...(caller.tenantId && { 'x-tenant-id': caller.tenantId }),
        ...(lastEventId !== undefined && { 'last-event-id': String(lastEventId) }),
      },
      signal: abort.signal,
    });
    return new StreamClient(response, abort);
  }

  /** The first event (from the start of the stream) that `match` accepts, waiting for it. */
  async next(match: (event: StreamEvent) => boolean, what: string, timeoutMs = 20_000): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`stream: timed out waiting for ${what}; got ${this.events.map((e) => `${e.id}:${e.event}`).join(', ') || 'nothing'}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }

  async #read(response: Response): Promise<void> {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseBlock(block);
        if (!event) continue;
        this.events.push(event);
        this.onEvent?.(event);
      }
      for (const wake of this.#waiters.splice(0)) wake();
    }
  }
}

function parseBlock(block: string): StreamEvent | undefined {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
  }
  const id = fields.get('id');
  const data = fields.get('data');
  if (id === undefined || data === undefined) return undefined;
  return { id: Number(id), event: fields.get('event') ?? 'message', data: JSON.parse(data) as Record<string, unknown> };
}
