import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Logger } from '../shared/logger.js';

/**
 * Forwards change notifications between Broadsheet processes sharing one PostgreSQL database
 * through LISTEN/NOTIFY, so a page cached by one process is dropped when another publishes.
 * One dedicated connection listens; notifications carry the sender's id so a process ignores
 * its own. If the listening connection drops, the relay reconnects and clears local caches,
 * since it may have missed notifications meanwhile.
 */
export async function startPostgresChangeRelay(options: { url: string; schema?: string; changes: ChangeNotifier; log: Logger }): Promise<() => Promise<void>> {
  const origin = randomUUID();
  // Tests give each file its own schema; a channel per schema keeps them apart.
  const channel = `broadsheet_changes${options.schema ? `_${options.schema}` : ''}`;
  let client: pg.Client | undefined;
  let stopped = false;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', (message) => {
      try {
        const payload = JSON.parse(message.payload ?? '{}') as { origin?: string; reason?: string };
        if (payload.origin !== origin && payload.reason) options.changes.deliver(payload.reason);
      } catch {
        options.changes.deliver('unknown');
      }
    });
    next.on('error', (error) => {
      options.log.warn({ err: error }, 'change relay connection lost; reconnecting');
      if (!stopped) setTimeout(() => reconnect(), 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
  };
  const reconnect = async () => {
    await client?.end().catch(() => undefined);
    client = undefined;
    try {
      await connect();
      options.changes.deliver('relay-reconnected');
    } catch (error) {
      options.log.warn({ err: error }, 'change relay could not reconnect; retrying');
      if (!stopped) setTimeout(() => reconnect(), 5000).unref();
    }
  };

  await connect();
  const stopRelay = options.changes.relayTo((reason) => {
    client?.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ origin, reason })]).catch((error: unknown) => {
      options.log.warn({ err: error }, 'change relay could not notify other processes');
    });
  });
  return async () => {
    stopped = true;
    stopRelay();
    await client?.end().catch(() => undefined);
  };
}
