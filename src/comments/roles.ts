import type { Actor, Role } from '../shared/actor.js';
import { moderationForbiddenError } from './errors.js';

/** Who may moderate comments. */
export const moderatorRoles: readonly Role[] = ['owner', 'admin', 'editor', 'moderator'];
/** Who may change comment settings and export or erase a Commenter's data. */
export const settingsRoles: readonly Role[] = ['owner', 'admin'];

/** System actors (CLI, jobs) pass; users need one of `roles`. */
export function assertRole(actor: Actor, roles: readonly Role[], action: string): void {
  if (actor.kind === 'system') return;
  if (!roles.includes(actor.role)) throw moderationForbiddenError(action);
}
