import 'server-only';
import type { Db } from '@/db/client';

/**
 * Who is calling a service, and through what. Every service that changes something takes a
 * `ServiceContext`, so its audit entry names the caller and the role check has one place to live.
 * (Contract shared by the audit-in-one-transaction work and sign-in; see docs/architecture.md.)
 */
export type Role = 'viewer' | 'editor' | 'publisher' | 'admin';

export type Actor =
  /** An operator signed in to the app. */
  | { kind: 'user'; id: string; email: string; role: Role }
  /** A machine calling /api/v1 with an API key; `ownerId` is the user who made the key. */
  | { kind: 'api_key'; id: string; prefix: string; scopes: readonly string[]; ownerId: string | null }
  /** The app itself (seed, scheduled jobs, the command line). */
  | { kind: 'system'; name: string };

export interface ServiceContext {
  db: Db;
  actor: Actor;
  /** `ui` (server actions and pages), `api` (/api/v1 with a key), `cli`, or `system`. */
  via: 'ui' | 'api' | 'cli' | 'system';
  /** The client's address as the request saw it, when there was a request. */
  address?: string | null;
}

/** The name an audit entry shows for an actor. */
export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.email;
    case 'api_key':
      return `api key ${actor.prefix}`;
    case 'system':
      return actor.name;
  }
}

/** The context of work the app does on its own behalf: seeding, scripts, the command line. */
export function systemContext(db: Db, name: string, via: 'cli' | 'system' = 'system'): ServiceContext {
  return { db, actor: { kind: 'system', name }, via };
}
