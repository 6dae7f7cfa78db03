import { z } from 'zod';
import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor, Role } from '../shared/actor.js';
import { roles } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';
import { createUserRepository } from './user-repository.js';

export interface PublicProfile {
  id: number;
  slug: string;
  name: string;
  bio: string;
}

/** A signed-in staff member, as the rest of the app may know them. */
export interface StaffIdentity {
  id: number;
  email: string;
  name: string;
  role: Role;
}

// A valid scrypt hash of a random password, so unknown emails cost the same time as wrong passwords.
const dummyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('is not a valid email address'),
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
  name: z.string().trim().min(1).max(100).optional(),
  password: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
});

export function createUserService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const users = createUserRepository(deps.db);
  return {
    /**
     * Adds a staff account. Without a password one is generated and returned once; only its
     * scrypt hash is stored.
     */
    async addUser(actor: Actor, input: { email: string; role: string; name?: string; password?: string }) {
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InvalidError('USER_INVALID', `${String(issue.path[0] ?? 'input')} ${issue.message}`);
      }
      const { email, role } = parsed.data;
      if (await users.findByEmail(email)) throw new ConflictError('USER_EXISTS', `A user with email ${email} already exists`);
      const name = parsed.data.name ?? email.split('@')[0];
      const password = parsed.data.password ?? generatePassword();
      const passwordHash = await hashPassword(password);
      let slug = slugify(name);
      for (let n = 2; await users.slugTaken(slug); n++) slug = `${slugify(name)}-${n}`;
      const id = await deps.db.transaction().execute(async (trx) => {
        const userId = await createUserRepository(trx).insert({ email, name, slug, role, passwordHash, createdAt: deps.clock.now().toISOString() });
        await deps.audit.record(trx, actor, 'user.add', { type: 'user', id: userId }, { email, role });
        return userId;
      });
      return { id, email, name, slug, role: role as Role, password: parsed.data.password ? undefined : password };
    },

    async publicProfileBySlug(slug: string): Promise<PublicProfile> {
      const row = await users.findBySlug(slug);
      if (!row?.is_active) throw new NotFoundError('AUTHOR_NOT_FOUND', 'No such author');
      return { id: row.id, slug: row.slug, name: row.name, bio: row.bio };
    },

    /**
     * Checks a staff member's email and password. Returns who they are, or null for an unknown
     * email, a wrong password or a deactivated account (the caller cannot tell which). The hash
     * never leaves this service.
     */
    async authenticate(email: string, password: string): Promise<StaffIdentity | null> {
      const row = await users.findForLogin(email.trim().toLowerCase());
      // Hash even for an unknown email so timing does not reveal which addresses exist.
      const ok = await verifyPassword(password, row?.password_hash ?? dummyHash);
      if (!row || !ok || !row.is_active) return null;
      return { id: row.id, email: row.email, name: row.name, role: row.role as Role };
    },

    count: () => users.count(),
  };
}

export type UserService = ReturnType<typeof createUserService>;
