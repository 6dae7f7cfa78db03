import { type Actor, type Role, roles } from './actor.js';
import { ForbiddenError } from './errors.js';

/**
 * Who may do what: the one table every service checks (the admin screens only hide what a
 * role cannot use). The README's role table is generated from the same data by a test, so the
 * two cannot disagree.
 */
export const permissions = {
  'admin.enter': { label: 'Sign in to the admin and see the dashboard', roles: ['owner', 'admin', 'editor', 'author', 'moderator'] },
  'articles.write-own': { label: 'Write and edit own drafts, submit them for review', roles: ['owner', 'admin', 'editor', 'author'] },
  'articles.edit-any': { label: "Edit and restore anyone's articles", roles: ['owner', 'admin', 'editor'] },
  'articles.publish': { label: 'Publish, schedule, unpublish and archive articles', roles: ['owner', 'admin', 'editor'] },
  'sections.manage': { label: 'Add, edit, nest and order sections', roles: ['owner', 'admin', 'editor'] },
  'tags.manage': { label: 'Rename and merge tags', roles: ['owner', 'admin', 'editor'] },
  'sources.manage': { label: 'Add and edit sources, run ingest', roles: ['owner', 'admin', 'editor'] },
  'comments.moderate': { label: 'Moderate, edit and answer comments', roles: ['owner', 'admin', 'editor', 'moderator'] },
  'commenters.manage': { label: "Export or erase a commenter's data", roles: ['owner', 'admin'] },
  'users.manage': { label: 'Invite users, change roles, deactivate', roles: ['owner', 'admin'] },
  'settings.manage': { label: 'Change site and comment settings', roles: ['owner', 'admin'] },
  'audit.view': { label: 'Read the audit log', roles: ['owner', 'admin'] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;

export type Permission = keyof typeof permissions;

/** System actors (CLI, jobs, ingest) act for the operator and may do everything. */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return (permissions[permission].roles as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new ForbiddenError('FORBIDDEN', `Your role (${actor.kind === 'user' ? actor.role : 'system'}) may not: ${permissions[permission].label.toLowerCase()}.`, {
      details: { permission },
    });
  }
}

/** Every role, for tables and tests. */
export const allRoles: readonly Role[] = roles;
