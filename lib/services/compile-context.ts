import 'server-only';
import type { Db } from '@/db/client';
import type { Catalog } from '@/lib/catalog';
import { compileOptionsFor } from '@/lib/account/context';
import type { Registry } from '@/lib/engine';
import { loadAccountContext } from './account-context';

/** What a scheme compiles against in this account: processors, routes, filters, custom attributes, time zone. */
export interface CompileContext {
  registry: Required<Registry>;
  catalog: Catalog;
  timeZone: string;
}

export async function loadCompileContext(db: Db): Promise<CompileContext> {
  return compileOptionsFor(await loadAccountContext(db));
}
