import type { Db } from '../db/dialect.js';
import { type Actor, actorId } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { createAuditRepository } from './audit-repository.js';

export interface AuditService {
  /** Records who did what to which thing. Pass the transaction so the entry commits with the change. */
  record(db: Db, actor: Actor, action: string, subject: { type: string; id: string | number }, details?: Record<string, unknown>): Promise<void>;
  listRecent(limit: number): Promise<{ id: number; actorId: number | null; action: string; subjectType: string; subjectId: string; details: unknown; createdAt: Date }[]>;
}

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
      const rows = await createAuditRepository(deps.db).listRecent(limit);
      return rows.map((r) => ({
        id: r.id,
        actorId: r.actor_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        details: JSON.parse(r.details) as unknown,
        createdAt: new Date(r.created_at),
      }));
    },
  };
}
