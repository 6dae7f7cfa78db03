import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Clock } from '../shared/clock.js';
import { createSessionService } from './session-service.js';
import { createSignIn } from './sign-in.js';
import { createUserService } from './user-service.js';

export { loginThrottlePolicy } from './login-throttle.js';
export { type LiveSession, SESSION_LIFETIME_MS, type SessionListing, type SessionService } from './session-service.js';
export type { SignIn, SignInOutcome } from './sign-in.js';
export type { LinkPurpose } from './user-token-repository.js';
export { createUserService, linkLifetimeMs, type PublicProfile, type StaffAccount, type StaffIdentity, type UserService } from './user-service.js';

/** Staff accounts, their sessions and sign-in, built together because sign-in needs both. */
export function createAccounts(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const users = createUserService(deps);
  const sessions = createSessionService(deps);
  return { users, sessions, signIn: createSignIn({ ...deps, users, sessions }) };
}
