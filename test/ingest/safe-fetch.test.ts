import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostLookup, safeFetch } from '../../src/ingest/safe-fetch.js';
import { isBroadsheetError } from '../../src/shared/errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: http.Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const stubLookup =
  (table: Record<string, string[]>): HostLookup =>
  async (hostname) =>
    (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

async function refusal(promise: Promise<unknown>): Promise<{ code: string; kind: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isBroadsheetError(error)) return { code: error.code, kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('safeFetch address checks', () => {
  const lookup = stubLookup({
    'loopback.example': ['127.0.0.1'],
    'mixed.example': ['93.184.216.34', '10.1.2.3'],
  });

  it.each([
    ['http://127.0.0.1/', 'refused: 127.0.0.1 is a loopback address'],
    ['http://10.0.0.1/', 'refused: 10.0.0.1 is a private address'],
    ['http://10.255.3.4/feed', 'refused: 10.255.3.4 is a private address'],
    ['http://169.254.169.254/latest/meta-data/', 'refused: 169.254.169.254 is a link-local address'],
    ['http://[::1]/', 'refused: ::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'refused: ::ffff:7f00:1 is an IPv4-mapped IPv6 address'],
    ['http://100.64.0.1/', 'refused: 100.64.0.1 is a CGNAT address'],
    ['http://[fd00::1]/', 'refused: fd00::1 is a unique-local address'],
    ['http://0.0.0.0/', 'refused: 0.0.0.0 is an unspecified address'],
    ['http://loopback.example/', 'refused: 127.0.0.1 is a loopback address (resolved from loopback.example)'],
    ['http://mixed.example/', 'refused: 10.1.2.3 is a private address (resolved from mixed.example)'],
  ])('refuses %s', async (url, message) => {
    const error = await refusal(safeFetch(url, { lookup }));
    expect(error).toEqual({ code: 'INGEST_FETCH_REFUSED', kind: 'forbidden', message });
  });

  it('refuses schemes other than http and https', async () => {
    const error = await refusal(safeFetch('file:///etc/passwd', { lookup }));
    expect(error.message).toBe('refused: file: URLs are not fetched');
  });

});

describe('safeFetch against a local server (allowPrivate)', () => {
  it('lets a local server through and connects to the checked address with the original Host', async () => {
    routes.set('/hello', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`host=${req.headers.host} ua=${req.headers['user-agent']}`);
    });
    const lookup = stubLookup({ 'feeds.test': ['127.0.0.1'] });
    const result = await safeFetch(`http://feeds.test:${port}/hello`, { allowPrivate: true, lookup, userAgent: 'TestAgent/1' });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.body.toString()).toBe(`host=feeds.test:${port} ua=TestAgent/1`);
    expect(result.contentType).toBe('text/plain; charset=utf-8');
  });

  it('checks every redirect hop again: scheme and resolution', async () => {
    routes.set('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    routes.set('/to-other-host', (_req, res) => res.writeHead(302, { location: `http://second.test:${port}/hello` }).end());
    const error = await refusal(safeFetch(`${base}/to-file`, { allowPrivate: true }));
    expect(error.message).toBe('refused: file: URLs are not fetched');
    const asked: string[] = [];
    const lookup: HostLookup = async (hostname) => {
      asked.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const result = await safeFetch(`http://first.test:${port}/to-other-host`, { allowPrivate: true, lookup });
    expect(asked).toEqual(['first.test', 'second.test']);
    expect(result).toMatchObject({ status: 'ok', url: `http://second.test:${port}/hello` });
    const refused = await refusal(safeFetch(`http://first.test:${port}/to-other-host`, { lookup }));
    expect(refused.message).toBe('refused: 127.0.0.1 is a loopback address (resolved from first.test)');
  });

  it('sends validators and reports not-modified on 304', async () => {
    routes.set('/conditional', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }).end('fresh');
    });
    const first = await safeFetch(`${base}/conditional`, { allowPrivate: true });
    expect(first).toMatchObject({ status: 'ok', etag: '"v1"', lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' });
    const second = await safeFetch(`${base}/conditional`, { allowPrivate: true, validator: { etag: '"v1"' } });
    expect(second).toEqual({ status: 'not-modified', url: `${base}/conditional` });
  });

  it.each([
    ['gzip', 'gzip', zlib.gzipSync],
    ['br', 'br', zlib.brotliCompressSync],
    ['deflate (zlib)', 'deflate', zlib.deflateSync],
    ['deflate (raw)', 'deflate', zlib.deflateRawSync],
  ] as const)('decodes %s bodies', async (label, encoding, compress) => {
    const text = '<rss>'.padEnd(5000, 'x');
    const path = `/enc-${label.replace(/\W/g, '')}`;
    routes.set(path, (_req, res) => res.writeHead(200, { 'content-encoding': encoding }).end(compress(text)));
    const result = await safeFetch(`${base}${path}`, { allowPrivate: true });
    expect(result.status === 'ok' && result.body.toString()).toBe(text);
  });

  it('follows redirects up to the limit and reports the final URL', async () => {
    for (let i = 0; i < 7; i++) {
      routes.set(`/hop${i}`, (_req, res) => res.writeHead(301, { location: `/hop${i + 1}` }).end());
    }
    routes.set('/hop7', (_req, res) => res.writeHead(200).end('landed'));
    const ok = await safeFetch(`${base}/hop3`, { allowPrivate: true });
    expect(ok).toMatchObject({ status: 'ok', url: `${base}/hop7` });
    const error = await refusal(safeFetch(`${base}/hop0`, { allowPrivate: true }));
    expect(error).toMatchObject({ code: 'INGEST_FETCH_TOO_MANY_REDIRECTS', message: `${base}/hop0 redirected more than 5 times` });
  });

  it('aborts a body past the size cap, also when it is compressed', async () => {
    routes.set('/big', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1024, 97));
      res.end();
    });
    routes.set('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(1_000_000))));
    const big = await refusal(safeFetch(`${base}/big`, { allowPrivate: true, maxBytes: 10_000 }));
    expect(big).toMatchObject({ code: 'INGEST_FETCH_TOO_LARGE', kind: 'unavailable' });
    const bomb = await refusal(safeFetch(`${base}/bomb`, { allowPrivate: true, maxBytes: 10_000 }));
    expect(bomb.code).toBe('INGEST_FETCH_TOO_LARGE');
  });

  it('gives up at the deadline, whether headers or body are slow', async () => {
    routes.set('/silent', () => {});
    routes.set('/drip', (_req, res) => {
      res.writeHead(200);
      res.write('first');
    });
    const silent = await refusal(safeFetch(`${base}/silent`, { allowPrivate: true, timeoutMs: 50 }));
    expect(silent).toMatchObject({ code: 'INGEST_FETCH_TIMEOUT', message: `GET ${base}/silent took longer than 50 ms` });
    const drip = await refusal(safeFetch(`${base}/drip`, { allowPrivate: true, timeoutMs: 50 }));
    expect(drip.code).toBe('INGEST_FETCH_TIMEOUT');
  });

  it('reports error statuses with the status code', async () => {
    const error = await refusal(safeFetch(`${base}/missing`, { allowPrivate: true }));
    expect(error).toMatchObject({ code: 'INGEST_FETCH_HTTP_STATUS', message: `GET ${base}/missing answered 404` });
  });
});
