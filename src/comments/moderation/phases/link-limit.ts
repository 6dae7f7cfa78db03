import { countLinks } from '../../links.js';
import type { ModerationPhase } from '../phase.js';

/** More links in the content than `linkLimit` → `pending`. Links are counted as the renderer finds them. */
export const holdTooManyLinks: ModerationPhase = ({ input, settings }) => {
  const links = countLinks(input.content);
  return links > settings.linkLimit
    ? {
        status: 'pending',
        reasons: [`Contains ${links} links; more than ${settings.linkLimit} are held for a moderator.`],
        flags: ['too-many-links'],
      }
    : undefined;
};
