import type { Catalog } from '../catalog';
import { schemeJsonSchema, type SchemaChoice } from '../scheme/json-schema';
import type { AccountContext } from '../account/context';

/**
 * The scheme's JSON Schema for one account and document: completion offers this account's attributes
 * (built-in and custom, with their descriptions), processors (name, status, currencies), routes, filters,
 * and the document's node ids for `start`, `then` and `else`.
 */
export function jsonSchemaForAccount(account: AccountContext, catalog: Catalog, nodeIds: readonly string[]): Record<string, unknown> {
  return schemeJsonSchema({
    attributes: catalog.list().map((a) => ({
      value: a.name,
      description: `${a.label} (${a.type}${a.custom ? ', custom' : ''}) — ${a.description}`,
    })),
    processors: account.processors.map((p) => ({
      value: p.id,
      description: [p.name ?? p.id, p.status, p.currencies.length ? p.currencies.join(', ') : 'any currency'].join(' · '),
    })),
    routes: account.routes.map((r) => ({ value: r.id, description: `${r.name}: ${r.processors.join(' → ')}` })),
    filters: account.filters.map((f) => ({ value: f.id, description: `${f.name} (${f.rules.length} ${f.rules.length === 1 ? 'rule' : 'rules'})` })),
    nodes: nodeIds.map((id): SchemaChoice => ({ value: id })),
  });
}
