import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import { clientAddress } from '@/lib/http/client-address';
import type { ServiceContext } from '@/lib/services/context';

/**
 * The service context of a server action or page: who is at the screen, through the UI, from where.
 * There are no accounts yet, so every operator is the system actor "ops".
 */
export async function uiContext(): Promise<ServiceContext> {
  return { db: await getDb(), actor: { kind: 'system', name: 'ops' }, via: 'ui', address: clientAddress(await headers()) };
}
