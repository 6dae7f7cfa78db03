import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A local HTTP server for feeds and pages; counts requests per path. */
export interface FeedServer {
  url(path: string): string;
  route(path: string, handler: Route): void;
  /** Serves `body` with an ETag, answering 304 to a matching If-None-Match. */
  feed(path: string, body: string, options?: { etag?: string; contentType?: string }): void;
  page(path: string, html: string): void;
  requests(path: string): IncomingMessage[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const seen = new Map<string, IncomingMessage[]>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    seen.set(path, [...(seen.get(path) ?? []), req]);
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404).end('not found');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    feed(path, body, options = {}) {
      routes.set(path, (req, res) => {
        if (options.etag && req.headers['if-none-match'] === options.etag) {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { 'content-type': options.contentType ?? 'application/rss+xml; charset=utf-8', ...(options.etag ? { etag: options.etag } : {}) });
        res.end(body);
      });
    },
    page(path, html) {
      routes.set(path, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    },
    requests: (path) => seen.get(path) ?? [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestItem {
  guid: string;
  title: string;
  link: string;
  description?: string;
  content?: string;
  categories?: string[];
  pubDate?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document with content:encoded when an item has `content`. */
export function rss(title: string, items: TestItem[]): string {
  const entries = items
    .map(
      (i) => `<item><guid isPermaLink="false">${escapeXml(i.guid)}</guid><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link>` +
        (i.description !== undefined ? `<description>${escapeXml(i.description)}</description>` : '') +
        (i.content !== undefined ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : '') +
        (i.categories ?? []).map((c) => `<category>${escapeXml(c)}</category>`).join('') +
        (i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : '') +
        '</item>',
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${escapeXml(title)}</title><link>https://example.com/</link>\n${entries}\n</channel></rss>`;
}

/** A paragraph of made-up words drawn from a large space, so different seeds give unrelated stories. */
export function storyText(seed: number, words = 120): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'zo', 'pe', 'da', 'fu', 'gi', 'ho', 'ja', 'be'];
  let x = (seed * 7919 + 17) % 2147483647;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 48271) % 2147483647;
    let word = '';
    for (let n = x, k = 0; k < 3; k++, n = Math.floor(n / 16)) word += syllables[n % 16];
    out.push(word);
  }
  return `${out.join(' ')}.`;
}
