import { z } from 'zod';
import {
  AttributeRuleSchema, ConditionNodeSchema, FilterIdSchema, ProcessorIdSchema, RouteIdSchema, SchemeDocumentSchema,
} from './schema';
import { builtinCatalog } from '../catalog';

/** Where the app serves the generated file (public/schemas/), and its id inside the schema. */
export const SCHEME_JSON_SCHEMA_PATH = '/schemas/switchyard.scheme.v1.json';

/** A value an editor should offer, with a line saying what it is. */
export interface SchemaChoice {
  value: string;
  description?: string;
}

/**
 * Values to offer where the format only says "a string": an account's attributes, processors, routes and
 * filters, and the document's own node ids. They are suggestions, not restrictions — an unknown id is the
 * compiler's finding, reported once with its explanation, not a second time by the JSON Schema.
 */
export interface SchemeSchemaChoices {
  attributes?: readonly SchemaChoice[];
  processors?: readonly SchemaChoice[];
  routes?: readonly SchemaChoice[];
  filters?: readonly SchemaChoice[];
  nodes?: readonly SchemaChoice[];
}

/**
 * The scheme format as JSON Schema (draft-07, what Monaco's JSON service understands best), generated from
 * the zod schema so the two never drift. Attribute names of the built-in catalog are offered as `examples`
 * for autocompletion without restricting the field: metadata.* and custom attributes stay valid.
 * With `choices`, those fields also offer the given values with descriptions (see SchemeSchemaChoices).
 */
export function schemeJsonSchema(choices: SchemeSchemaChoices = {}): Record<string, unknown> {
  const attributeNames = builtinCatalog()
    .list()
    .map((a) => a.name);
  const offered = new Map<unknown, readonly SchemaChoice[] | undefined>([
    [AttributeRuleSchema.shape.attribute, choices.attributes],
    [ProcessorIdSchema, choices.processors],
    [RouteIdSchema, choices.routes],
    [FilterIdSchema, choices.filters],
    [SchemeDocumentSchema.shape.start, choices.nodes],
    [ConditionNodeSchema.shape.then, choices.nodes],
    [ConditionNodeSchema.shape.else, choices.nodes],
  ]);
  const generated = z.toJSONSchema(SchemeDocumentSchema, {
    target: 'draft-7',
    override: (ctx) => {
      if (ctx.zodSchema === AttributeRuleSchema.shape.attribute) ctx.jsonSchema.examples = attributeNames;
      const values = offered.get(ctx.zodSchema);
      if (values?.length) Object.assign(ctx.jsonSchema, offer(values));
    },
  });
  return { ...generated, $id: SCHEME_JSON_SCHEMA_PATH, title: 'Switchyard routing scheme (switchyard.scheme/v1)' };
}

/**
 * An open enum: the `enum` branch feeds completion (with descriptions, which `examples` cannot carry),
 * the empty branch keeps every other string valid.
 */
function offer(values: readonly SchemaChoice[]): Record<string, unknown> {
  return {
    anyOf: [{ enum: values.map((c) => c.value), enumDescriptions: values.map((c) => c.description ?? '') }, {}],
  };
}

/** The file's exact text, as written by scripts/gen-json-schema.ts and compared by the test. */
export function schemeJsonSchemaText(): string {
  return `${JSON.stringify(schemeJsonSchema(), null, 2)}\n`;
}
