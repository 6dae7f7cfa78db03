import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { articlePath } from '../../../content/index.js';
import { escapeXml } from '../../../shared/xml.js';
import { feedCacheControl, type SitePages } from '../../site-pages.js';

const xmlType = 'application/xml; charset=utf-8';
// The sitemap protocol allows 50,000 URLs per file; past that a sitemap index is needed.
const sitemapLimit = 50_000;

/** /sitemap.xml (every visible article and section), /news-sitemap.xml (last 48 hours), /robots.txt. */
export function registerSitemapRoutes(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.get('/sitemap.xml', async (request, reply) => {
    const base = ctx.baseUrl;
    const [articles, tree] = await Promise.all([ctx.content.articles.latest({}, sitemapLimit), ctx.content.sections.tree()]);
    const urls = [
      `<url><loc>${escapeXml(`${base}/`)}</loc><changefreq>hourly</changefreq></url>`,
      ...[...tree.all.values()].map((s) => `<url><loc>${escapeXml(`${base}/${s.path}/`)}</loc><changefreq>hourly</changefreq></url>`),
      ...articles.map((a) => `<url><loc>${escapeXml(`${base}${articlePath(a)}`)}</loc><lastmod>${a.updatedAt.toISOString()}</lastmod></url>`),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
    return pages.send(request, reply, body, { contentType: xmlType, cacheControl: feedCacheControl });
  });

  app.get('/news-sitemap.xml', async (request, reply) => {
    const settings = await ctx.content.settings.get();
    const since = new Date(ctx.clock.now().getTime() - 48 * 3600_000);
    // Google News reads at most 1,000 URLs per news sitemap.
    const articles = await ctx.content.articles.latest({ since }, 1000);
    const name = escapeXml(settings.publisherName || settings.title);
    const language = escapeXml(settings.language.split('-')[0]);
    const urls = articles.map(
      (a) =>
        `<url><loc>${escapeXml(`${ctx.baseUrl}${articlePath(a)}`)}</loc><news:news><news:publication><news:name>${name}</news:name><news:language>${language}</news:language></news:publication><news:publication_date>${(a.publishedAt ?? a.createdAt).toISOString()}</news:publication_date><news:title>${escapeXml(a.title)}</news:title></news:news></url>`,
    );
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`;
    return pages.send(request, reply, body, { contentType: xmlType, cacheControl: feedCacheControl });
  });

  app.get('/robots.txt', async (request, reply) => {
    const body = `User-agent: *\nDisallow: /admin/\nDisallow: /api/\nAllow: /\n\nSitemap: ${ctx.baseUrl}/sitemap.xml\nSitemap: ${ctx.baseUrl}/news-sitemap.xml\n`;
    return pages.send(request, reply, body, { contentType: 'text/plain; charset=utf-8', cacheControl: feedCacheControl });
  });
}
