import { type AkismetService, createAkismetService } from './akismet/akismet-service.js';
import { createSpamService, type SpamService, type SpamServiceDeps } from './spam-service.js';

/** The site's spam filter plus the Akismet-compatible API over it: `ctx.spam` in the AppContext. */
export interface SpamServices extends SpamService {
  akismet: AkismetService;
}

export function createSpamServices(deps: SpamServiceDeps): SpamServices {
  const filter = createSpamService(deps);
  return { ...filter, akismet: createAkismetService({ db: deps.db, clock: deps.clock, log: deps.log, spam: filter }) };
}
