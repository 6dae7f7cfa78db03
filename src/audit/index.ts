import type { Db } from '../db/dialect.js';
import { type Actor, actorId } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { InvalidError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import { createAuditRepository } from './audit-repository.js';

export interface AuditEntry {
  id: number;
  /** Null for the system (CLI, jobs, ingest); `details.system` then names which. */
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
  createdAt: Date;
}

export interface AuditFilter {
  /** `user.` for every user action, `user.role` for one. */
  actionPrefix?: string;
  /** A user's id, or `system`. */
  actor?: number | 'system';
  /** The `nextBefore` of the previous page. */
  before?: number;
  limit?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export interface AuditService {
  /** Records who did what to which thing. Pass the transaction so the entry commits with the change. */
  record(db: Db, actor: Actor, action: string, subject: { type: string; id: string | number }, details?: Record<string, unknown>): Promise<void>;
  listRecent(limit: number): Promise<AuditEntry[]>;
  /** A page of the log, newest first, for those who may read it (`audit.view`). */
  list(actor: Actor, filter: AuditFilter): Promise<AuditPage>;
  /** The groups of actions recorded so far (`article`, `user` …), for a filter. */
  actionGroups(actor: Actor): Promise<string[]>;
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof createAuditRepository>['listRecent']>>[number];

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    actorId: r.actor_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as unknown,
    createdAt: new Date(r.created_at),
  };
}

const AUDIT_PAGE_SIZE = 50;

export function createAuditService(deps: { db: Db; clock: Clock }): AuditService {
  return {
    async record(db, actor, action, subject, details = {}) {
      const withSystem = actor.kind === 'system' ? { ...details, system: actor.name } : details;
      await createAuditRepository(db).insert({
        actorId: actorId(actor),
        action,
        subjectType: subject.type,
        subjectId: String(subject.id),
        details: JSON.stringify(withSystem),
        createdAt: deps.clock.now().toISOString(),
      });
    },
    async listRecent(limit) {
      return (await createAuditRepository(deps.db).listRecent(limit)).map(toEntry);
    },
    async list(actor, filter) {
      assertCan(actor, 'audit.view');
      const actionPrefix = filter.actionPrefix?.trim().toLowerCase() || undefined;
      // The prefix goes into a LIKE pattern: no wildcard may come from outside.
      if (actionPrefix !== undefined && !/^[a-z0-9.-]{1,60}$/i.test(actionPrefix)) {
        throw new InvalidError('AUDIT_ACTION_INVALID', 'An action is written with letters, digits, dots and hyphens, such as user. or article.publish', { details: { field: 'action' } });
      }
      const limit = Math.min(Math.max(filter.limit ?? AUDIT_PAGE_SIZE, 1), 200);
      const rows = await createAuditRepository(deps.db).list({
        actionPrefix,
        actorId: filter.actor === 'system' ? null : filter.actor,
        beforeId: filter.before,
        limit: limit + 1,
      });
      const entries = rows.slice(0, limit).map(toEntry);
      return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null };
    },
    async actionGroups(actor) {
      assertCan(actor, 'audit.view');
      const actions = await createAuditRepository(deps.db).distinctActions();
      return [...new Set(actions.map((a) => a.split('.')[0]))];
    },
  };
}
