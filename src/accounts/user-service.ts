import { z } from 'zod';
import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor, Role } from '../shared/actor.js';
import { roles } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import { slugify } from '../shared/slug.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';
import { assertSelfOrManager, isSelfOrManager } from './self-or-manager.js';
import { createSessionRepository } from './session-repository.js';
import { hashToken, newToken } from './tokens.js';
import { createUserRepository, type UserRow } from './user-repository.js';
import { createUserTokenRepository, type LinkPurpose } from './user-token-repository.js';

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

export interface StaffAccount extends StaffIdentity {
  slug: string;
  bio: string;
  active: boolean;
  createdAt: Date;
}

/** How long a link printed by `user reset-password` or made by an invitation stays usable. */
export const linkLifetimeMs: Record<LinkPurpose, number> = { reset: 60 * 60_000, invite: 7 * 86_400_000 };

// A valid scrypt hash of a random password, so unknown emails cost the same time as wrong passwords.
const dummyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const emailSchema = z.string().trim().toLowerCase().email('is not a valid email address');
const roleSchema = z.enum(roles, { message: `must be one of ${roles.join(', ')}` });
const nameSchema = z.string().trim().min(1, 'is required').max(100);
const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
const newUserSchema = z.object({ email: emailSchema, role: roleSchema, name: nameSchema.optional(), password: passwordSchema.optional() });

function parse<T>(schema: z.ZodType<T>, input: unknown, code: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'input');
  throw new InvalidError(code, `${field} ${issue.message}`, { details: { field } });
}

function toAccount(row: NonNullable<UserRow>): StaffAccount {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, slug: row.slug, bio: row.bio, active: row.is_active === 1, createdAt: new Date(row.created_at) };
}

export function createUserService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const users = createUserRepository(deps.db);
  const links = createUserTokenRepository(deps.db);

  async function load(id: number): Promise<StaffAccount> {
    const row = await users.findById(id);
    if (!row) throw new NotFoundError('USER_NOT_FOUND', `There is no user ${id}.`);
    return toAccount(row);
  }

  async function uniqueSlug(name: string): Promise<string> {
    let slug = slugify(name) || 'staff';
    for (let n = 2; await users.slugTaken(slug); n++) slug = `${slugify(name) || 'staff'}-${n}`;
    return slug;
  }

  async function insertUser(actor: Actor, data: { email: string; role: Role; name?: string }, passwordHash: string, action: string): Promise<number> {
    if (await users.findByEmail(data.email)) throw new ConflictError('USER_EXISTS', `A user with email ${data.email} already exists`, { details: { field: 'email' } });
    const name = data.name ?? data.email.split('@')[0];
    const slug = await uniqueSlug(name);
    return deps.db.transaction().execute(async (trx) => {
      const userId = await createUserRepository(trx).insert({ email: data.email, name, slug, role: data.role, passwordHash, createdAt: deps.clock.now().toISOString() });
      await deps.audit.record(trx, actor, action, { type: 'user', id: userId }, { email: data.email, role: data.role });
      return userId;
    });
  }

  async function issueLink(userId: number, purpose: LinkPurpose): Promise<string> {
    const { token, hash } = newToken();
    const now = deps.clock.now();
    await links.insert({ tokenHash: hash, userId, purpose, now: now.toISOString(), expiresAt: new Date(now.getTime() + linkLifetimeMs[purpose]).toISOString() });
    return token;
  }

  /** Only an owner may make or unmake an owner, and the last active owner stays one. */
  async function assertOwnerRules(actor: Actor, target: StaffAccount, nextRole: Role, nextActive: boolean): Promise<void> {
    const touchesOwner = target.role === 'owner' || nextRole === 'owner';
    if (touchesOwner && actor.kind === 'user' && actor.role !== 'owner') throw new ForbiddenError('OWNER_ONLY', 'Only an owner may change an owner or make someone an owner.');
    const losesOwner = target.role === 'owner' && target.active && (nextRole !== 'owner' || !nextActive);
    if (losesOwner && (await users.countActiveOwners()) <= 1) throw new ConflictError('LAST_OWNER', 'The site must keep at least one active owner.');
  }

  return {
    /**
     * Adds a staff account. Without a password one is generated and returned once; only its
     * scrypt hash is stored.
     */
    async addUser(actor: Actor, input: { email: string; role: string; name?: string; password?: string }) {
      assertCan(actor, 'users.manage');
      const data = parse(newUserSchema, input, 'USER_INVALID');
      if (data.role === 'owner' && actor.kind === 'user' && actor.role !== 'owner') throw new ForbiddenError('OWNER_ONLY', 'Only an owner may make someone an owner.');
      const password = data.password ?? generatePassword();
      const id = await insertUser(actor, data, await hashPassword(password), 'user.add');
      const created = await load(id);
      return { ...created, password: data.password ? undefined : password };
    },

    /** Adds an account that cannot sign in until its one-time invitation link sets a password. */
    async invite(actor: Actor, input: { email: string; role: string; name?: string }): Promise<{ user: StaffAccount; token: string }> {
      assertCan(actor, 'users.manage');
      const data = parse(newUserSchema.omit({ password: true }), input, 'USER_INVALID');
      if (data.role === 'owner' && actor.kind === 'user' && actor.role !== 'owner') throw new ForbiddenError('OWNER_ONLY', 'Only an owner may make someone an owner.');
      // An unguessable password nobody knows: the account is unusable until the link is followed.
      const id = await insertUser(actor, data, await hashPassword(generatePassword(40)), 'user.invite');
      return { user: await load(id), token: await issueLink(id, 'invite') };
    },

    /** A one-time password-reset link token for the account with this email (the CLI prints it). */
    async resetLink(actor: Actor, email: string): Promise<{ user: StaffAccount; token: string }> {
      assertCan(actor, 'users.manage');
      const row = await users.findByEmail(parse(emailSchema, email, 'USER_INVALID'));
      if (!row) throw new NotFoundError('USER_NOT_FOUND', `There is no user with email ${email}.`);
      const token = await issueLink(row.id, 'reset');
      await deps.audit.record(deps.db, actor, 'user.reset-link', { type: 'user', id: row.id });
      return { user: toAccount(row), token };
    },

    /** The account a live link belongs to (to greet them on the form), or null. */
    async linkHolder(token: string, purpose: LinkPurpose): Promise<StaffAccount | null> {
      const userId = await links.findLive(hashToken(token), purpose, deps.clock.now().toISOString());
      return userId === undefined ? null : load(userId);
    },

    /**
     * Uses a reset or invitation link: sets the password (and an invitee's name), signs the
     * account out everywhere, and activates an invited account. A used or expired link is refused.
     */
    async completeLink(token: string, purpose: LinkPurpose, input: { password: string; name?: string }): Promise<StaffAccount> {
      const password = parse(z.object({ password: passwordSchema }), input, 'PASSWORD_INVALID').password;
      const name = input.name === undefined ? undefined : parse(z.object({ name: nameSchema }), input, 'USER_INVALID').name;
      const passwordHash = await hashPassword(password);
      const userId = await deps.db.transaction().execute(async (trx) => {
        const id = await createUserTokenRepository(trx).use(hashToken(token), purpose, deps.clock.now().toISOString());
        if (id === undefined) throw new InvalidError('LINK_INVALID', 'This link has expired or was already used. Ask an administrator for a new one.');
        const trxUsers = createUserRepository(trx);
        await trxUsers.update(id, { password_hash: passwordHash, ...(name ? { name } : {}) });
        await createSessionRepository(trx).deleteAllForUser(id);
        const role = (await trxUsers.findById(id))?.role as Role;
        await deps.audit.record(trx, { kind: 'user', userId: id, role }, purpose === 'invite' ? 'user.accept-invite' : 'user.reset-password', { type: 'user', id });
        return id;
      });
      return load(userId);
    },

    async changeRole(actor: Actor, id: number, role: string): Promise<StaffAccount> {
      assertCan(actor, 'users.manage');
      const nextRole = parse(roleSchema, role, 'USER_INVALID');
      const target = await load(id);
      await assertOwnerRules(actor, target, nextRole, target.active);
      await deps.db.transaction().execute(async (trx) => {
        await createUserRepository(trx).update(id, { role: nextRole });
        await deps.audit.record(trx, actor, 'user.role', { type: 'user', id }, { from: target.role, to: nextRole });
      });
      return load(id);
    },

    /** Deactivating signs the account out everywhere; its articles and comments stay. */
    async setActive(actor: Actor, id: number, active: boolean): Promise<StaffAccount> {
      assertCan(actor, 'users.manage');
      const target = await load(id);
      if (!active && actor.kind === 'user' && actor.userId === id) throw new ConflictError('USER_SELF', 'You cannot deactivate your own account.');
      await assertOwnerRules(actor, target, target.role, active);
      await deps.db.transaction().execute(async (trx) => {
        await createUserRepository(trx).update(id, { is_active: active ? 1 : 0 });
        if (!active) await createSessionRepository(trx).deleteAllForUser(id);
        await deps.audit.record(trx, actor, active ? 'user.activate' : 'user.deactivate', { type: 'user', id });
      });
      return load(id);
    },

    /** A user edits their own name and bio; managers may edit anyone's. */
    async updateProfile(actor: Actor, id: number, input: { name: string; bio: string }): Promise<StaffAccount> {
      assertSelfOrManager(actor, id);
      const data = parse(z.object({ name: nameSchema, bio: z.string().trim().max(2000) }), input, 'USER_INVALID');
      await load(id);
      await deps.db.transaction().execute(async (trx) => {
        await createUserRepository(trx).update(id, data);
        await deps.audit.record(trx, actor, 'user.profile', { type: 'user', id });
      });
      return load(id);
    },

    /** Everyone on staff; any signed-in staff member may see who else is (author pickers). */
    async list(): Promise<StaffAccount[]> {
      return (await users.listAll()).map(toAccount);
    },

    byId: load,

    /** May `actor` see or change account `id`'s sessions and profile? */
    mayManage: isSelfOrManager,

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
