import type { FastifyReply, FastifyRequest } from 'fastify';

/** One cookie's value from the Cookie header, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

/**
 * Adds a Set-Cookie header (several may be set on one reply): HttpOnly and SameSite=Lax always,
 * Secure when the request came over HTTPS (directly or, with trustProxy, behind a proxy).
 * `maxAgeSeconds: 0` deletes the cookie.
 */
export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, options: { path: string; maxAgeSeconds: number }): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const cookie = `${name}=${encodeURIComponent(value)}; Path=${options.path}; Max-Age=${options.maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
  const existing = reply.getHeader('set-cookie');
  reply.header('set-cookie', existing === undefined ? cookie : [...(Array.isArray(existing) ? existing : [String(existing)]), cookie]);
}
