import type { AttributeSpec, Catalog, CustomAttributeDefinition } from './types';
import { BUILTIN_ATTRIBUTES, metadataSpec } from './builtin';
import { customAttributeProblems, customSpec } from './custom';

export type { AttributeSpec, Catalog, CustomAttributeDefinition } from './types';
export { customAttributeFromStored, customAttributeProblems } from './custom';
export { OPERATORS_BY_TYPE } from './operators';
export * from './domains';

/**
 * A catalog of the built-in attributes plus operator-defined ones. Custom definitions are validated
 * here (settings should validate them first with customAttributeProblems); invalid ones throw, naming
 * every problem. Custom `metadata.<key>` attributes take precedence over the dynamic string reading.
 */
export function createCatalog(custom: readonly CustomAttributeDefinition[] = []): Catalog {
  const problems = customAttributeProblems(custom);
  if (problems.length > 0) throw new Error(`Invalid custom attributes: ${problems.join('; ')}`);
  const list: readonly AttributeSpec[] = [...BUILTIN_ATTRIBUTES, ...custom.map(customSpec)];
  const byName = new Map(list.map((spec) => [spec.name, spec]));
  return {
    get: (name) => byName.get(name) ?? metadataSpec(name),
    list: () => list };
}

let builtin: Catalog | undefined;

/** The catalog without custom attributes, built once. */
export function builtinCatalog(): Catalog {
  builtin ??= createCatalog();
  return builtin;
}

/** The catalog an account's rules are read with: the built-in one, plus the account's own attributes when it has any. */
export function catalogFor(custom: readonly CustomAttributeDefinition[]): Catalog {
  return custom.length ? createCatalog(custom) : builtinCatalog();
}
