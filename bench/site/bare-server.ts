/**
 * The baseline: a bare `node:http` server in its own process answering every request with the
 * bytes of the file BENCH_BARE_FILE (a copy of the Broadsheet page being measured: the load
 * generator decodes every body, and decoding text with any non-ASCII character costs it several
 * times more, so only the same bytes hold its work constant), or with one fixed ASCII HTML page
 * of BENCH_BARE_BYTES bytes, built once. Sends { type: 'ready', port } over IPC; exits when the
 * parent disconnects.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function asciiPage(): Buffer {
  const bytes = Number(process.env.BENCH_BARE_BYTES);
  if (!Number.isInteger(bytes) || bytes < 64) throw new Error(`BENCH_BARE_BYTES must be a size in bytes, not ${process.env.BENCH_BARE_BYTES}`);
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><p>';
  const tail = '</p></body></html>';
  const page = Buffer.from(head + 'x'.repeat(bytes - head.length - tail.length) + tail);
  if (page.length !== bytes) throw new Error('baseline page has the wrong size');
  return page;
}

const body = process.env.BENCH_BARE_FILE ? readFileSync(process.env.BENCH_BARE_FILE) : asciiPage();

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
