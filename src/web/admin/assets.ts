import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The admin's stylesheet and script, served with a content hash so they can be cached for good. */
const assets = {
  'admin.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('../../../assets/admin.css', import.meta.url), 'utf8') },
  'admin.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('../../../assets/admin.js', import.meta.url), 'utf8') },
};
type AssetName = keyof typeof assets;

const hashes = Object.fromEntries(Object.entries(assets).map(([name, a]) => [name, createHash('sha1').update(a.body).digest('hex').slice(0, 10)])) as Record<AssetName, string>;

export function adminAssetHref(name: AssetName): string {
  return `/admin/assets/${name}?v=${hashes[name]}`;
}

export function registerAdminAssets(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>('/admin/assets/:name', async (request, reply) => {
    const asset = assets[request.params.name as AssetName];
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}
