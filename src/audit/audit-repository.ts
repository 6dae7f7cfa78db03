import type { Db } from '../db/dialect.js';

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
      return db
        .selectFrom('audit_log')
        .select(['id', 'actor_id', 'action', 'subject_type', 'subject_id', 'details', 'created_at'])
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
