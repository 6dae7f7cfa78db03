import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

interface RouteSlot {
  /** `{ method, route }`, built once and reused for every observation. */
  labels: { method: string; route: string };
  /** Requests answered since the last scrape, by status code. */
  counts: Map<number, { labels: { method: string; route: string; status: string }; pending: number }>;
}

/** Prometheus metrics at /metrics: request counts and a latency histogram per route. */
export function registerMetrics(app: FastifyInstance): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Label objects per method and route, kept so the per-request hook allocates nothing; request
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

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
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
    const status = reply.statusCode;
    let count = slot.counts.get(status);
    if (!count) {
      count = { labels: { method, route, status: String(status) }, pending: 0 };
      slot.counts.set(status, count);
    }
    count.pending++;
    duration.observe(slot.labels, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('cache-control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });
}
