import type { Db } from '../db/dialect.js';

const entryColumns = ['id', 'actor_id', 'action', 'subject_type', 'subject_id', 'details', 'created_at'] as const;

export interface AuditQuery {
  /** Actions starting with this (`user.` or `user.role`); only letters, digits, dots and hyphens. */
  actionPrefix?: string;
  /** A user's id, or null for the system's own entries. */
  actorId?: number | null;
  /** Entries older than this id (keyset paging, newest first). */
  beforeId?: number;
  limit: number;
}

export function createAuditRepository(db: Db) {
  return {
    async insert(entry: { actorId: number | null; action: string; subjectType: string; subjectId: string; details: string; createdAt: string }) {
      await db
        .insertInto('audit_log')
        .values({
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          details: entry.details,
          created_at: entry.createdAt,
        })
        .execute();
    },
    listRecent(limit: number) {
      return db.selectFrom('audit_log').select(entryColumns).orderBy('id', 'desc').limit(limit).execute();
    },
    list(query: AuditQuery) {
      const { actionPrefix, actorId, beforeId } = query;
      return db
        .selectFrom('audit_log')
        .select(entryColumns)
        .$if(actionPrefix !== undefined, (q) => q.where('action', 'like', `${actionPrefix}%`))
        .$if(actorId === null, (q) => q.where('actor_id', 'is', null))
        .$if(typeof actorId === 'number', (q) => q.where('actor_id', '=', actorId as number))
        .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId as number))
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
    },
    /** Every action recorded so far, for the filter's choices. */
    async distinctActions(): Promise<string[]> {
      const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      return rows.map((r) => r.action);
    },
  };
}
