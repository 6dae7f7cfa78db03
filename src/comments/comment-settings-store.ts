import type { Actor } from '../shared/actor.js';
import { type CommentSettings, type CommentSettingsPatch, defaultCommentSettings, mergeCommentSettings, parseCommentSettings } from './comment-settings.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { assertCan } from '../shared/permissions.js';

const KEY = 'comments.settings';
/** The change reason that tells every process (through the relay on PostgreSQL) to drop its copy. */
export const commentSettingsChanged = 'comment-settings';

/**
 * Comment settings live as one JSON document in the `site_setting` table, reached through the
 * content settings service (the comments domain never names that table). Kept in memory until
 * a `comment-settings` change is announced.
 */
export function createCommentSettingsStore(deps: Pick<CommentServiceDeps, 'db' | 'content' | 'audit' | 'changes' | 'log'>) {
  let cached: CommentSettings | undefined;
  deps.changes.subscribe((reason) => {
    if (reason === commentSettingsChanged) cached = undefined;
  });
  return {
    async get(): Promise<CommentSettings> {
      if (cached) return cached;
      const raw = await deps.content.settings.readInternal(KEY);
      let settings = defaultCommentSettings;
      if (raw) {
        try {
          settings = parseCommentSettings(JSON.parse(raw));
        } catch (error) {
          deps.log.error({ err: error }, 'stored comment settings are not valid; using the defaults');
        }
      }
      cached = settings;
      return settings;
    },

    /** Validates the merged settings; refuses roles other than owner and admin; audited. */
    async update(actor: Actor, patch: CommentSettingsPatch): Promise<CommentSettings> {
      assertCan(actor, 'settings.manage');
      const next = parseCommentSettings(mergeCommentSettings(await this.get(), patch));
      await deps.db.transaction().execute(async (trx) => {
        await deps.content.settings.writeInternal(KEY, JSON.stringify(next), trx);
        await deps.audit.record(trx, actor, 'comments.settings.update', { type: 'settings', id: 'comments' }, { keys: Object.keys(patch) });
      });
      cached = next;
      deps.changes.notify(commentSettingsChanged);
      // Open/closed, depth and page size change what article pages show.
      deps.changes.notify('comments');
      return next;
    },
  };
}

export type CommentSettingsStore = ReturnType<typeof createCommentSettingsStore>;
