import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Connection, type Db } from './client';
import { seedDemoData } from './seed';
import type { SchemeDocument } from '@/lib/scheme/schema';

/**
 * Databases for tests: always an in-memory PGlite, and a real Postgres too when DATABASE_URL is set.
 * Each real-Postgres test database is created fresh under a random name and dropped afterwards, so
 * concurrent runs against one server never collide.
 */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Connection>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: openMemory }];
  const url = process.env.DATABASE_URL;
  if (url) list.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return list;
}

async function openMemory(): Promise<Connection> {
  const connection = await openDatabase({ kind: 'memory' });
  await connection.migrate();
  return connection;
}

async function openFreshPostgres(url: string): Promise<Connection> {
  const name = `switchyard_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const connection = await openDatabase({ kind: 'postgres', url: testUrl.toString() });
  await connection.migrate();
  return {
    ...connection,
    async close() {
      await connection.close();
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * For a `describe.each(testDatabases())` suite: opens `target` with the demo account before its tests and
 * closes it after them. Returns the suite's database.
 */
export function useSeededDatabase(target: TestDatabase): () => Db {
  let connection: Connection | undefined;
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
  });
  afterAll(async () => connection?.close());
  return () => connection!.db;
}

/** EUR goes to `eur_leaf`, the rest to Stripe; the key order is deliberately not alphabetical. */
export function routingDocument(name: string, eurProcessor: string): SchemeDocument {
  return {
    format: 'switchyard.scheme/v1',
    name,
    start: 'is_eur',
    nodes: {
      is_eur: { type: 'condition', rules: [{ attribute: 'currency', operator: 'eq', value: 'EUR' }], then: 'eur_leaf', else: 'other' },
      eur_leaf: { type: 'strategy', strategy: 'direct', processors: [eurProcessor] },
      other: { type: 'strategy', strategy: 'direct', processors: ['proc_stripe'] },
    },
    layout: { is_eur: { x: 0, y: 0 }, eur_leaf: { x: -100, y: 120 }, other: { x: 100, y: 120 } },
  };
}
