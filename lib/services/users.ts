import 'server-only';
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { accounts, apiKeys, sessions, users } from '@/db/schema';
import { ROLES, type Role } from '@/lib/access/roles';
import { requireRole } from './access';
import { forgetApiKeys } from './api-keys';
import type { ServiceContext } from './context';
import { fail, notFound, ok, uniqueViolation, validationError, type Result } from './result';
import { write } from './write';
import { aFlag, anId, checkArguments, isId } from './arguments';
import { parseInput } from '@/lib/text/hostile';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  created_at: string;
  /** Sessions not yet expired. */
  active_sessions: number;
  /** How the user signs in: `password`, `sso`, or both. */
  sign_in: ('password' | 'sso')[];
}

const roleField = z.enum(ROLES, { error: (issue) => `Unknown role "${String(issue.input)}": use one of ${ROLES.join(', ')}.` });

export const CreateUserSchema = z.strictObject({
  email: z.email('Enter an email address').trim().max(200).transform((e) => e.toLowerCase()),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(10, 'At least 10 characters').max(200, 'At most 200 characters'),
  role: roleField,
});

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

export async function listUsers(ctx: ServiceContext): Promise<Result<UserRecord[]>> {
  const allowed = requireRole(ctx, 'admin');
  if (!allowed.ok) return allowed;
  const { db } = ctx;
  const [rows, sessionCounts, methods] = await Promise.all([
    db.select().from(users).orderBy(asc(users.email)),
    db.select({ userId: sessions.userId, n: count() }).from(sessions).where(gt(sessions.expiresAt, new Date())).groupBy(sessions.userId),
    db.select({ userId: accounts.userId, providerId: accounts.providerId }).from(accounts),
  ]);
  const active = new Map(sessionCounts.map((s) => [s.userId, Number(s.n)]));
  return ok(rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    created_at: row.createdAt.toISOString(),
    active_sessions: active.get(row.id) ?? 0,
    sign_in: [...new Set(methods.filter((m) => m.userId === row.id).map((m) => (m.providerId === 'credential' ? 'password' as const : 'sso' as const)))],
  })));
}

/** An admin (or the CLI, as the system) adds a user who signs in with a password. */
export async function createUser(ctx: ServiceContext, input: unknown): Promise<Result<{ id: string; email: string; role: Role }>> {
  return insertUser(ctx, input, 'create');
}

/**
 * First run: the first admin, only while no user exists (the setup page, SWITCHYARD_ADMIN_EMAIL /
 * _PASSWORD at start). A lock on the users table makes two setups at once create one admin.
 */
export async function createFirstAdmin(ctx: ServiceContext, input: { email?: unknown; password?: unknown; name?: unknown }): Promise<Result<{ id: string; email: string; role: Role }>> {
  return insertUser(ctx, { ...input, role: 'admin' }, 'create_first_admin', true);
}

async function insertUser(ctx: ServiceContext, input: unknown, action: string, onlyIfNone = false): Promise<Result<{ id: string; email: string; role: Role }>> {
  const parsed = parseInput(CreateUserSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const { email, password, role } = parsed.data;
  const name = parsed.data.name || email.split('@')[0]!;
  const hash = await hashPassword(password);
  const id = `usr_${randomBytes(10).toString('hex')}`;
  try {
    return await write(ctx, 'admin', async (tx, audit) => {
      await tx.execute(sql`lock table ${users} in exclusive mode`);
      const existing = await countUsers(tx);
      if (onlyIfNone && existing > 0) return fail({ code: 'conflict', message: 'An admin already exists: sign in instead.' });
      if (existing === 0 && role !== 'admin') {
        return fail({ code: 'validation', message: 'The first user must be an admin, to manage the others.', issues: [{ path: ['role'], message: 'Must be admin for the first user' }] });
      }
      await tx.insert(users).values({ id, email, name, role });
      await tx.insert(accounts).values({ id: `acc_${randomBytes(10).toString('hex')}`, accountId: id, providerId: 'credential', userId: id, password: hash });
      await audit({ action, entity: 'user', entityId: id, detail: { email, role } });
      return ok({ id, email, role });
    });
  } catch (error) {
    if (uniqueViolation(error) !== undefined) return fail({ code: 'conflict', message: `A user with the email ${email} already exists.`, issues: [{ path: ['email'], message: 'Already taken' }] });
    throw error;
  }
}

type Change = { role: Role } | { disabled: boolean };

export async function setUserRole(ctx: ServiceContext, userId: string, role: unknown): Promise<Result<UserSummary>> {
  const args = checkArguments({ user_id: anId(userId) });
  if (!args.ok) return args;
  const parsed = roleField.safeParse(role);
  if (!parsed.success) return fail({ code: 'validation', message: parsed.error.issues[0]!.message, issues: [{ path: ['role'], message: parsed.error.issues[0]!.message }] });
  return changeUser(ctx, userId, { role: parsed.data });
}

/** A disabled user cannot sign in, and their sessions end now. */
export async function setUserDisabled(ctx: ServiceContext, userId: string, disabled: boolean): Promise<Result<UserSummary>> {
  const args = checkArguments({ user_id: anId(userId), disabled: aFlag(disabled) });
  if (!args.ok) return args;
  return changeUser(ctx, userId, { disabled });
}

interface UserSummary {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
}

async function changeUser(ctx: ServiceContext, userId: string, change: Change): Promise<Result<UserSummary>> {
  return write(ctx, 'admin', async (tx, audit) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) return fail(notFound('User', userId));
    const losesAdmin = before.role === 'admin' && !before.disabled && (('role' in change && change.role !== 'admin') || ('disabled' in change && change.disabled));
    if (losesAdmin) {
      const guard = await keepsAnAdmin(tx, userId);
      if (!guard.ok) return guard;
    }
    const [after] = await tx.update(users).set({ ...change, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
    if ('disabled' in change && change.disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    const action = 'role' in change ? 'change_role' : change.disabled ? 'disable' : 'enable';
    const detail = 'role' in change ? { email: before.email, before: before.role, after: change.role } : { email: before.email };
    await audit({ action, entity: 'user', entityId: userId, detail });
    return ok({ id: after!.id, email: after!.email, role: after!.role, disabled: after!.disabled });
  });
}

/** An admin ends every session of a user: each of their browsers must sign in again. */
export async function endUserSessions(ctx: ServiceContext, userId: string): Promise<Result<{ ended: number }>> {
  const args = checkArguments({ user_id: anId(userId) });
  if (!args.ok) return args;
  return write(ctx, 'admin', async (tx, audit) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) return fail(notFound('User', userId));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await audit({ action: 'end_sessions', entity: 'session', entityId: userId, detail: { email: user.email, ended: ended.length } });
    return ok({ ended: ended.length });
  });
}

/** Deleting a user ends their sessions and revokes the API keys they made. */
export async function deleteUser(ctx: ServiceContext, userId: string): Promise<Result<{ id: string; email: string }>> {
  const args = checkArguments({ user_id: anId(userId) });
  if (!args.ok) return args;
  const revokedKeys: string[] = [];
  const result = await write(ctx, 'admin', async (tx, audit) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return fail(notFound('User', userId));
    if (ctx.actor.kind === 'user' && ctx.actor.id === userId) return fail({ code: 'conflict', message: 'You cannot delete yourself; another admin can.' });
    if (user.role === 'admin' && !user.disabled) {
      const guard = await keepsAnAdmin(tx, userId);
      if (!guard.ok) return guard;
    }
    const keys = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.ownerId, userId), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
    revokedKeys.push(...keys.map((k) => k.id));
    // Announced like any revocation, so other instances drop the keys too.
    for (const key of keys) await audit({ action: 'revoke', entity: 'api_key', entityId: key.id, detail: { reason: `owner ${user.email} deleted` } });
    await tx.delete(users).where(eq(users.id, userId));
    await audit({ action: 'delete', entity: 'user', entityId: userId, detail: { email: user.email, role: user.role, revoked_api_keys: revokedKeys } });
    return ok({ id: userId, email: user.email });
  });
  if (result.ok) forgetApiKeys(revokedKeys);
  return result;
}

/** There is always an enabled admin left to manage users. */
async function keepsAnAdmin(db: Db, leavingId: string): Promise<Result<void>> {
  const [row] = await db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false), sql`${users.id} <> ${leavingId}`));
  return Number(row?.n ?? 0) > 0 ? ok(undefined) : fail({ code: 'conflict', message: 'This is the last enabled admin: make another user an admin first.' });
}

/** The signed-in user as services see them, or null (unknown, deleted or disabled). */
export async function activeUser(db: Db, userId: string): Promise<{ id: string; email: string; name: string; role: Role } | null> {
  if (!isId(userId)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row || row.disabled) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
