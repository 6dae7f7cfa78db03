/** Who is doing something: a signed-in user, or the system itself (seeding, jobs, ingest). */
export const roles = ['owner', 'admin', 'editor', 'author', 'moderator'] as const;
export type Role = (typeof roles)[number];

export type Actor = { kind: 'user'; userId: number; role: Role } | { kind: 'system'; name: string };

export function systemActor(name: string): Actor {
  return { kind: 'system', name };
}

export function actorId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null;
}
