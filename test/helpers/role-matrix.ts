import { expect } from 'vitest';
import type { AppContext } from '../../src/boot.js';
import type { Actor, Role } from '../../src/shared/actor.js';
import { allRoles } from '../../src/shared/permissions.js';
import { testActor } from './factories.js';

let counter = 0;

/** One actor per role, each a real account, as a signed-in staff member would be. */
export async function actorsByRole(ctx: AppContext): Promise<Record<Role, Extract<Actor, { kind: 'user' }>>> {
  const entries = await Promise.all(
    allRoles.map(async (role) => {
      counter++;
      const user = await ctx.users.addUser(testActor, { email: `matrix-${role}-${counter}@example.com`, role, name: `Matrix ${role} ${counter}` });
      return [role, { kind: 'user' as const, userId: user.id, role }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Role, Extract<Actor, { kind: 'user' }>>;
}

/**
 * Runs `action` once as every role: the `allowed` roles must succeed, every other role must
 * be refused with FORBIDDEN. `action` gets the role so each run can act on its own data.
 */
export async function expectOnlyRoles(actors: Record<Role, Actor>, allowed: readonly Role[], action: (actor: Actor, role: Role) => Promise<unknown>): Promise<void> {
  for (const role of allRoles) {
    const run = action(actors[role], role);
    if (allowed.includes(role)) {
      await run.catch((error: Error) => {
        throw new Error(`${role} should be allowed: ${error.message}`);
      });
    } else {
      await expect(run, `${role} should be refused`).rejects.toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
    }
  }
}
