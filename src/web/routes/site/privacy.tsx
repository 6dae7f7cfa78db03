import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { privacyText } from '../../../comments/index.js';
import type { SitePages } from '../../site-pages.js';
import { PrivacyPage } from '../../views/privacy-page.js';
import { renderPage } from '../../views/render.js';

/** /privacy: how comment data is processed, with the retention periods read from the settings. */
export function registerPrivacyRoute(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.get('/privacy', async (request, reply) => {
    const [chrome, settings] = await Promise.all([pages.chrome(), ctx.comments.settings.get()]);
    return pages.send(request, reply, renderPage(<PrivacyPage chrome={chrome} text={privacyText(settings, chrome.settings.title)} />));
  });
}
