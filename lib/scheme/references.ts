import type { SchemeDocument } from './schema';

export interface SchemeReferences {
  processors: Set<string>;
  routes: Set<string>;
  filters: Set<string>;
}

/** Every processor, processor route and filter a document names (for "still referenced" refusals). */
export function schemeReferences(doc: SchemeDocument): SchemeReferences {
  const refs: SchemeReferences = { processors: new Set(), routes: new Set(), filters: new Set() };
  for (const node of Object.values(doc.nodes)) {
    if (node.type === 'condition') {
      for (const rule of node.rules) if ('filter' in rule) refs.filters.add(rule.filter);
      continue;
    }
    if (node.strategy === 'blank') continue;
    for (const item of node.processors) {
      if (typeof item === 'string') refs.processors.add(item);
      else if ('route' in item) refs.routes.add(item.route);
      else refs.processors.add(item.processor);
    }
  }
  return refs;
}
