import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { type BroadsheetError, ForbiddenError, InvalidError, UnavailableError } from '../shared/errors.js';
import { describeRefusal } from './address-policy.js';
import { IngestErrorCode } from './errors.js';

/*
 * What this guard covers: the scheme (http/https only), every address a hostname resolves to
 * (all must be public), the connection going to exactly the address that was checked (so a
 * second, rebinding DNS answer is never used), every redirect hop, total time and decoded size.
 * What it does NOT cover: an HTTP(S) proxy configured in the environment (we never use one; if
 * one is added it must do its own checks), hosts that are public but sensitive to us (our own
 * public IP, a cloud provider's public metadata aliases), TLS certificate pinning, slow-drip
 * bodies beyond the overall deadline, or what the fetched content says. Port numbers are not
 * restricted: a public host may be reached on any port.
 */

export const DEFAULT_USER_AGENT = 'Broadsheet/0.1 (+https://github.com/broadsheet)';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has; injectable so tests need no DNS. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** The validators from the previous successful fetch of the same URL. */
export interface FetchValidator {
  etag?: string;
  lastModified?: string;
}

export interface SafeFetchOptions {
  validator?: FetchValidator;
  /** Lets private, loopback and other non-public addresses through (tests, intranet sources). */
  allowPrivate?: boolean;
  lookup?: HostLookup;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  accept?: string;
}

export type SafeFetchResult =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      url: string;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    };

const defaultLookup: HostLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a URL the way a feed poller must: refuses non-public addresses (unless `allowPrivate`),
 * follows at most `maxRedirects` redirects, re-checking each, sends conditional-GET headers from
 * `validator`, decodes gzip/deflate/br, and stops at `timeoutMs` (whole call) and `maxBytes`
 * (decoded). Resolves with the body or `not-modified`; every failure is a `BroadsheetError` with an
 * `INGEST_FETCH_*` code (refusals are `forbidden`, network trouble `unavailable`).
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = parseHttpUrl(url);
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    for (let hop = 0; ; hop++) {
      const pinned = await untilAborted(checkHost(current, options), controller.signal, () =>
        timeoutError(current, timeoutMs),
      );
      const response = await sendRequest(current, pinned, options, controller.signal, timeoutMs);
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) && response.headers.location) {
        response.resume();
        if (hop >= maxRedirects) {
          throw new UnavailableError(
            IngestErrorCode.fetchTooManyRedirects,
            `${url} redirected more than ${maxRedirects} times`,
            { details: { url, lastUrl: current.href } },
          );
        }
        current = parseHttpUrl(new URL(response.headers.location, current).href);
        continue;
      }
      if (status === 304) {
        response.resume();
        return { status: 'not-modified', url: current.href };
      }
      if (status < 200 || status > 299) {
        response.resume();
        throw new UnavailableError(IngestErrorCode.fetchHttpStatus, `GET ${current.href} answered ${status}`, {
          details: { url: current.href, status },
        });
      }
      const body = await readBody(response, options.maxBytes ?? DEFAULT_MAX_BYTES, current, controller.signal, timeoutMs);
      return {
        status: 'ok',
        url: current.href,
        body,
        contentType: header(response, 'content-type'),
        etag: header(response, 'etag'),
        lastModified: header(response, 'last-modified'),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

function parseHttpUrl(raw: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new InvalidError(IngestErrorCode.fetchInvalidUrl, `not a valid URL: ${raw}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ForbiddenError(IngestErrorCode.fetchRefused, `refused: ${parsed.protocol} URLs are not fetched`, {
      details: { url: raw },
    });
  }
  return parsed;
}

/** Resolves the host and checks every address; returns the one address the request must use. */
async function checkHost(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.lookup ?? defaultLookup)(host);
    } catch (cause) {
      throw new UnavailableError(IngestErrorCode.fetchNetwork, `could not resolve ${host}`, { cause });
    }
    if (addresses.length === 0) {
      throw new UnavailableError(IngestErrorCode.fetchNetwork, `could not resolve ${host}`);
    }
  }
  if (!options.allowPrivate) {
    // Every answer must be public: a mixed answer is the classic rebinding set-up.
    for (const { address } of addresses) {
      const refusal = describeRefusal(address);
      if (refusal) {
        const message = literal !== 0 ? refusal : `${refusal} (resolved from ${host})`;
        throw new ForbiddenError(IngestErrorCode.fetchRefused, message, { details: { url: url.href, address } });
      }
    }
  }
  return addresses[0];
}

function sendRequest(
  url: URL,
  pinned: ResolvedAddress,
  options: SafeFetchOptions,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<IncomingMessage> {
  // The socket connects to the address we checked; Host and SNI still carry the hostname.
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: options.accept ?? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.validator?.etag) headers['if-none-match'] = options.validator.etag;
  if (options.validator?.lastModified) headers['if-modified-since'] = options.validator.lastModified;
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, lookup: pinnedLookup, agent: false, signal }, resolve);
    req.on('error', (cause) => reject(signal.aborted ? timeoutError(url, timeoutMs) : networkError(url, cause)));
    req.end();
  });
}

function readBody(
  response: IncomingMessage,
  maxBytes: number,
  url: URL,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes && !response.headers['content-encoding']) {
    response.destroy();
    return Promise.reject(tooLarge(url, maxBytes));
  }
  const stream = decodingStream(response);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (error: BroadsheetError) => {
      if (settled) return;
      settled = true;
      response.destroy();
      stream.destroy();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) fail(tooLarge(url, maxBytes));
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (cause) => fail(signal.aborted ? timeoutError(url, timeoutMs) : networkError(url, cause)));
    response.on('error', (cause) => fail(signal.aborted ? timeoutError(url, timeoutMs) : networkError(url, cause)));
    signal.addEventListener('abort', () => fail(timeoutError(url, timeoutMs)), { once: true });
  });
}

function decodingStream(response: IncomingMessage): Readable {
  const encoding = (header(response, 'content-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(zlib.createGunzip());
  if (encoding === 'br') return response.pipe(zlib.createBrotliDecompress());
  // "deflate" should be zlib-wrapped, but some servers send raw deflate; unzip detects neither,
  // so look at the first byte (0x78 starts a zlib stream).
  if (encoding === 'deflate') {
    const output = new PassThrough();
    let inflater: zlib.Inflate | zlib.InflateRaw | undefined;
    response.on('data', (chunk: Buffer) => {
      if (!inflater) {
        inflater = chunk[0] === 0x78 ? zlib.createInflate() : zlib.createInflateRaw();
        inflater.on('error', (error) => output.destroy(error));
        inflater.pipe(output);
      }
      inflater.write(chunk);
    });
    response.on('end', () => (inflater ? inflater.end() : output.end()));
    return output;
  }
  return response;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, error: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(error());
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(error()), { once: true });
    promise.then(resolve, reject);
  });
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function timeoutError(url: URL, timeoutMs: number): UnavailableError {
  return new UnavailableError(IngestErrorCode.fetchTimeout, `GET ${url.href} took longer than ${timeoutMs} ms`, {
    details: { url: url.href, timeoutMs },
  });
}

function tooLarge(url: URL, maxBytes: number): UnavailableError {
  return new UnavailableError(IngestErrorCode.fetchTooLarge, `GET ${url.href} returned more than ${maxBytes} bytes`, {
    details: { url: url.href, maxBytes },
  });
}

function networkError(url: URL, cause: unknown): UnavailableError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new UnavailableError(IngestErrorCode.fetchNetwork, `GET ${url.href} failed: ${reason}`, {
    details: { url: url.href },
    cause,
  });
}
