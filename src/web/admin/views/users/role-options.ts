import { allRoles } from '../../../../shared/permissions.js';

/** Role choices for selects, in the permission table's order. */
export const roleOptions: [string, string][] = allRoles.map((role) => [role, role]);
