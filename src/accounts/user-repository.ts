import type { Db } from '../db/dialect.js';

/** Columns safe to show: never the password hash. */
const publicColumns = ['id', 'email', 'name', 'slug', 'role', 'bio', 'is_active', 'created_at'] as const;

export type UserRow = Awaited<ReturnType<ReturnType<typeof createUserRepository>['findById']>>;

export function createUserRepository(db: Db) {
  return {
    findById(id: number) {
      return db.selectFrom('app_user').select(publicColumns).where('id', '=', id).executeTakeFirst();
    },
    findBySlug(slug: string) {
      return db.selectFrom('app_user').select(publicColumns).where('slug', '=', slug).executeTakeFirst();
    },
    /** For sign-in only: the one query that reads the password hash. */
    findForLogin(email: string) {
      return db.selectFrom('app_user').select(['id', 'email', 'name', 'role', 'is_active', 'password_hash']).where('email', '=', email).executeTakeFirst();
    },
    findByEmail(email: string) {
      return db.selectFrom('app_user').select(publicColumns).where('email', '=', email).executeTakeFirst();
    },
    listAll() {
      return db.selectFrom('app_user').select(publicColumns).orderBy('name').orderBy('id').execute();
    },
    async slugTaken(slug: string): Promise<boolean> {
      return (await db.selectFrom('app_user').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },
    async insert(values: { email: string; name: string; slug: string; role: string; passwordHash: string; createdAt: string }): Promise<number> {
      const row = await db
        .insertInto('app_user')
        .values({
          email: values.email,
          name: values.name,
          slug: values.slug,
          role: values.role,
          password_hash: values.passwordHash,
          created_at: values.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(id: number, values: { role?: string; is_active?: number; password_hash?: string; name?: string; bio?: string }): Promise<void> {
      await db.updateTable('app_user').set(values).where('id', '=', id).execute();
    },
    async countActiveOwners(): Promise<number> {
      const row = await db
        .selectFrom('app_user')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('role', '=', 'owner')
        .where('is_active', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async count(): Promise<number> {
      const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
