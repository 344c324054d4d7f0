/**
 * Passwords after an account exists: every account changes its own; an administrator resets one to
 * a one-time password that must be changed at the next sign-in (the system itself, `actor` null,
 * for `waypoint reset-password` at the console); the published demo password is
 * refused outside demo mode (a real database never runs on a password printed in the README).
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { revokeSessionsOf, setPasswordHash, userById } from '../store/repos/users.ts';
import { passwordProblem } from './account-rules.ts';
import { recordAudit } from './audit.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { clearAllAttempts } from './sign-in-throttle.ts';

/** The demo accounts' password (demo data only; published in the README). */
export const DEMO_PASSWORD = 'waypoint-demo-1';

/** The demo password outside demo mode: refused wherever a password is set or used. */
export const isRefusedDemoPassword = (ctx: AppContext, password: string) => !ctx.demoMode && password === DEMO_PASSWORD;

/** The error for a password that breaks the rules (length, username, well known, demo). */
export function newPasswordRefusal(ctx: AppContext, password: string, username: string, field: string): AppError | null {
  const problem = isRefusedDemoPassword(ctx, password)
    ? 'The published demo password cannot be used outside demo mode.'
    : passwordProblem(password, username);
  return problem ? new AppError('INVALID_FORMAT', problem, { field, rule: 'Waypoint password rules' }) : null;
}

/**
 * Changes the signed-in account's own password: the current one must be right, the new one must
 * follow the rules and differ. Clears a pending forced change; ends the account's other sessions.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  keepSessionTokenHash: string | null,
): Promise<{ changed: true }> {
  const user = await userById(ctx.db, actor.userId);
  if (!user?.active) throw new AppError('UNAUTHENTICATED', 'Sign in first.', { rule: 'Waypoint sign-in' });
  const currentOk = await verify(user.passwordHash, input.currentPassword).catch(() => false);
  if (!currentOk)
    throw new AppError('CURRENT_PASSWORD_WRONG', 'The current password is not right.', {
      field: 'currentPassword',
      rule: 'Waypoint password change',
    });
  const refusal = newPasswordRefusal(ctx, input.newPassword, user.username, 'newPassword');
  if (refusal) throw refusal;
  // A one-time password is known to the administrator who set it: it cannot be kept.
  if (user.mustChangePassword && input.newPassword === input.currentPassword) {
    throw new AppError('INVALID_FORMAT', 'Choose a new password, not the one-time password.', {
      field: 'newPassword',
      rule: 'Waypoint password reset',
    });
  }
  const passwordHash = await hash(input.newPassword);
  const now = timestamp(ctx.clock);
  await ctx.db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash, false);
    await revokeSessionsOf(tx, user.id, now, keepSessionTokenHash);
    await recordAudit(tx, actor, {
      action: 'user.password-change',
      recordType: 'user',
      recordId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false },
    });
  });
  return { changed: true };
}

/** A one-time password: 18 random bytes, 24 characters of base64url. */
const oneTimePassword = () => randomBytes(18).toString('base64url');

/**
 * An administrator resets an account's password: a one-time password, shown once to the
 * administrator, that must be changed at the next sign-in. Ends the account's sessions and clears
 * a sign-in lockout. The password itself is never stored or audited, only its hash.
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor | null,
  userId: string,
): Promise<{ username: string; oneTimePassword: string }> {
  if (actor) authorize(actor, 'user.create');
  const password = oneTimePassword();
  const passwordHash = await hash(password);
  const now = timestamp(ctx.clock);
  return ctx.db.transaction(async (tx) => {
    const user = await userById(tx, userId);
    if (!user) throw AppError.notFound('user', userId);
    await setPasswordHash(tx, userId, passwordHash, true);
    await clearAllAttempts(tx, user.username);
    await revokeSessionsOf(tx, userId, now);
    await recordAudit(tx, actor, {
      action: 'user.password-reset',
      recordType: 'user',
      recordId: userId,
      after: { mustChangePassword: true },
    });
    return { username: user.username, oneTimePassword: password };
  });
}
