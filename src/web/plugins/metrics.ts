import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

interface RouteSlot {
  /** `{ method, route }`, built once and reused for every observation. */
  labels: { method: string; route: string };
  /** Requests answered since the last scrape, by status code. */
  counts: Map<number, { labels: { method: string; route: string; status: string }; pending: number }>;
}

/** Request counts and latencies, fed by Fastify's responses and by the page cache's front. */
export interface HttpMetrics {
  /** Counts one answered request; `route` is the route pattern, never the URL, so labels stay few. */
  record(method: string, route: string, status: number, seconds: number): void;
  readonly registry: Registry;
}

/** Prometheus metrics: request counts and a latency histogram per route, and Node's defaults. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Label objects per method and route, kept so recording a request allocates nothing; request
  // counts are summed here and added to the counter when it is scraped.
  const slots = new Map<string, Map<string, RouteSlot>>();
  new Counter({
    name: 'broadsheet_http_requests_total',
    help: 'HTTP requests answered, by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    collect() {
      for (const byMethod of slots.values())
        for (const slot of byMethod.values())
          for (const count of slot.counts.values())
            if (count.pending > 0) {
              this.inc(count.labels, count.pending);
              count.pending = 0;
            }
    },
  });
  const duration = new Histogram({
    name: 'broadsheet_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  return {
    registry,
    record(method, route, status, seconds) {
      let byMethod = slots.get(route);
      if (!byMethod) {
        byMethod = new Map();
        slots.set(route, byMethod);
      }
      let slot = byMethod.get(method);
      if (!slot) {
        slot = { labels: { method, route }, counts: new Map() };
        byMethod.set(method, slot);
      }
      let count = slot.counts.get(status);
      if (!count) {
        count = { labels: { method, route, status: String(status) }, pending: 0 };
        slot.counts.set(status, count);
      }
      count.pending++;
      duration.observe(slot.labels, seconds);
    },
  };
}

/** Records every response Fastify sends, and serves the metrics at /metrics. */
export function registerMetrics(app: FastifyInstance, metrics: HttpMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.record(request.method, routeOf(request), reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('cache-control', 'no-store').type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

/** The route pattern of a request (`/:section/:slug`), or `unmatched` for one no route took. */
export function routeOf(request: { routeOptions: { url?: string } }): string {
  return request.routeOptions.url ?? 'unmatched';
}
