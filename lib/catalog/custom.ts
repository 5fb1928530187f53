import { z } from 'zod';
import type { AttributeSpec, AttributeType, CustomAttributeDefinition } from './types';
import { normaliseString, NORMALISATION_BY_TYPE } from './operators';
import { BUILTIN_ATTRIBUTES, METADATA_PREFIX, specOf, valuesForType } from './builtin';

const ATTRIBUTE_TYPES = ['number', 'integer', 'string', 'enum', 'country', 'currency', 'boolean', 'string_list'] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/;

/** The shape of one definition, for the settings form and the API (cross-attribute rules are below). */
export const CustomAttributeDefinitionSchema = z.strictObject({
  name: z.string().min(1).max(128).regex(NAME, 'a dotted path: letters, digits and _ separated by dots'),
  type: z.enum(ATTRIBUTE_TYPES),
  label: z.string().min(1).max(120).optional(),
  description: z.string().max(1000).optional(),
  domain: z.array(z.string().min(1).max(128)).min(1).max(1000).optional(),
});

const isUnder = (path: string, prefix: string) => path.startsWith(`${prefix}.`);

/**
 * Everything wrong with a set of custom definitions, as readable sentences: bad shape, a name taken by a
 * built-in or by another custom attribute, a path that would sit inside or above a built-in scalar, a
 * domain on a type that has none of its own.
 */
export function customAttributeProblems(defs: readonly unknown[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  defs.forEach((raw, i) => {
    const parsed = CustomAttributeDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`custom attribute ${i}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
      }
      return;
    }
    const def = parsed.data;
    for (const builtin of BUILTIN_ATTRIBUTES) {
      if (builtin.name === def.name) problems.push(`custom attribute "${def.name}" clashes with the built-in attribute`);
      else if (isUnder(def.name, builtin.name) || isUnder(builtin.name, def.name)) {
        problems.push(`custom attribute "${def.name}" overlaps the built-in attribute "${builtin.name}"`);
      }
    }
    if (seen.has(def.name)) problems.push(`custom attribute "${def.name}" is defined twice`);
    seen.add(def.name);
    if (def.name.startsWith(METADATA_PREFIX) && def.name.split('.').length !== 2) {
      problems.push(`custom attribute "${def.name}": a metadata attribute is metadata.<key>, without further dots`);
    }
    if (def.type === 'enum' && !def.domain) problems.push(`custom attribute "${def.name}": an enum needs a domain`);
    if (def.type !== 'enum' && def.domain) {
      problems.push(`custom attribute "${def.name}": only enum attributes take a domain`);
    }
  });
  return problems;
}

const titleOf = (name: string) => {
  const last = name.split('.').pop() ?? name;
  return last.charAt(0).toUpperCase() + last.slice(1).replace(/_/g, ' ');
};

/** A valid definition as a spec: its operators and normalisation follow from the type alone. */
export function customSpec(def: CustomAttributeDefinition): AttributeSpec {
  const type: AttributeType = def.type;
  const enumValues = def.domain
    ? [...new Set(def.domain.map((d) => normaliseString(d, NORMALISATION_BY_TYPE[type])))].map((code) => ({ code, name: code }))
    : undefined;
  const values = enumValues ?? valuesForType(type);
  return {
    ...specOf({
      name: def.name,
      type,
      label: def.label ?? titleOf(def.name),
      description: def.description ?? 'Custom attribute.',
      group: 'Custom',
      ...(values ? { values } : {}),
      example: values?.[0]?.code ?? exampleForType(type),
    }),
    custom: true,
  };
}

function exampleForType(type: AttributeType): unknown {
  switch (type) {
    case 'number': return 10.5;
    case 'integer': return 3;
    case 'boolean': return true;
    case 'string_list': return ['a', 'b'];
    default: return 'text';
  }
}

/** A custom attribute as the database keeps it: optional text absent is null, the type unchecked text. */
export interface StoredCustomAttribute {
  name: string;
  type: string;
  label: string | null;
  description: string | null;
  domain: string[] | null;
}

/** The definition a stored custom attribute stands for (what was left empty is left out). */
export function customAttributeFromStored(stored: StoredCustomAttribute): CustomAttributeDefinition {
  return {
    name: stored.name,
    type: stored.type as AttributeType,
    ...(stored.label ? { label: stored.label } : {}),
    ...(stored.description ? { description: stored.description } : {}),
    ...(stored.domain ? { domain: stored.domain } : {}),
  };
}
