import type { Actor } from '../shared/actor.js';
import { assertCan, can } from '../shared/permissions.js';

/** A staff member may see and change their own profile and sessions; `users.manage` may for anyone. */
export function isSelfOrManager(actor: Actor, userId: number): boolean {
  return (actor.kind === 'user' && actor.userId === userId) || can(actor, 'users.manage');
}

export function assertSelfOrManager(actor: Actor, userId: number): void {
  if (!(actor.kind === 'user' && actor.userId === userId)) assertCan(actor, 'users.manage');
}
