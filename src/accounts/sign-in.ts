import type { Db } from '../db/dialect.js';
import type { Clock } from '../shared/clock.js';
import { createLoginThrottle, type loginThrottlePolicy } from './login-throttle.js';
import type { SessionService } from './session-service.js';
import type { StaffIdentity, UserService } from './user-service.js';

export type SignInOutcome =
  | { kind: 'signed-in'; token: string; expiresAt: Date; user: StaffIdentity }
  /** Too many failures for this email or address; the password was not even checked. */
  | { kind: 'locked'; retryAfterSeconds: number }
  /** Unknown email, wrong password or deactivated account: deliberately indistinguishable. */
  | { kind: 'refused' };

/** Email and password in, a new session out, with failed attempts counted towards a lockout. */
export function createSignIn(deps: { db: Db; clock: Clock; users: UserService; sessions: SessionService; policy?: typeof loginThrottlePolicy }) {
  const throttle = createLoginThrottle(deps);
  return async function signIn(email: string, password: string, client: { ip: string; userAgent?: string }): Promise<SignInOutcome> {
    const state = await throttle.state(email, client.ip);
    if (state.locked) return { kind: 'locked', retryAfterSeconds: state.retryAfterSeconds };
    const user = await deps.users.authenticate(email, password);
    if (!user) {
      await throttle.recordFailure(email, client.ip);
      return { kind: 'refused' };
    }
    await throttle.recordSuccess(email);
    const session = await deps.sessions.start(user.id, client);
    return { kind: 'signed-in', user, ...session };
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
