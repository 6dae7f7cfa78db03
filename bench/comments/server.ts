/**
 * The Broadsheet server under test, in its own process: boot, buildServer, listen (what
 * `broadsheet serve` does), settings from the usual BROADSHEET_* variables. Sends
 * { type: 'ready', port } once listening, answers { type: 'cpu' } with
 * { type: 'cpu', micros } (user + system CPU time used so far) and exits on { type: 'stop' }.
 */
import { boot } from '../../src/boot.js';
import { loadConfig } from '../../src/config/load.js';
import { buildServer } from '../../src/web/server.js';

const ctx = await boot({ config: loadConfig(process.env) });
const app = await buildServer(ctx, { logRequests: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system });
    return;
  }
  if (message.type !== 'stop') return;
  await app.close();
  await ctx.close();
  process.exit(0);
});
