import { z } from 'zod';
import { AttributeRuleSchema, SchemeDocumentSchema } from './schema';
import { builtinCatalog } from '../catalog';

/** Where the app serves the generated file (public/schemas/), and its id inside the schema. */
export const SCHEME_JSON_SCHEMA_PATH = '/schemas/switchyard.scheme.v1.json';

/**
 * The scheme format as JSON Schema (draft-07, what Monaco's JSON service understands best), generated from
 * the zod schema so the two never drift. Attribute names of the built-in catalog are offered as `examples`
 * for autocompletion without restricting the field: metadata.* and custom attributes stay valid.
 */
export function schemeJsonSchema(): Record<string, unknown> {
  const attributeNames = builtinCatalog()
    .list()
    .map((a) => a.name);
  const generated = z.toJSONSchema(SchemeDocumentSchema, {
    target: 'draft-7',
    override: (ctx) => {
      if (ctx.zodSchema === AttributeRuleSchema.shape.attribute) ctx.jsonSchema.examples = attributeNames;
    },
  });
  return { ...generated, $id: SCHEME_JSON_SCHEMA_PATH, title: 'Switchyard routing scheme (switchyard.scheme/v1)' };
}

/** The file's exact text, as written by scripts/gen-json-schema.ts and compared by the test. */
export function schemeJsonSchemaText(): string {
  return `${JSON.stringify(schemeJsonSchema(), null, 2)}\n`;
}
