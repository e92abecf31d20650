// The load side of an HTTP benchmark, run as its own process so that it never competes with
// the server for one event loop: `node --import tsx bench/support/load-generator.ts '<json>'`
// with { url, headers, connections, seconds }; prints one JSON line with req/s, p50/p95/p99
// (exact, from every response time) and the count of non-2xx answers and errors.
import autocannon from 'autocannon';

interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const times: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon({ url: spec.url, headers: spec.headers, connections: spec.connections, duration: spec.seconds }, (error, finished) =>
    error ? reject(error) : resolve(finished),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
});
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const summary: LoadResult = {
  requests: result.requests.total,
  perSecond: result.requests.total / spec.seconds,
  p50: at(0.5),
  p95: at(0.95),
  p99: at(0.99),
  non2xx: result.non2xx,
  errors: result.errors,
};
console.log(JSON.stringify(summary));
