import type { ReactNode } from 'react';
import styles from './docs.module.css';

/** A JSON Schema (as in the OpenAPI document) rendered as a readable property list. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};

const MAX_DEPTH = 3;

export const schemaAnchor = (name: string) => `schema-${name}`;
const refName = (ref: string) => ref.split('/').pop()!;

/** A one-line type: `string`, `array of Processor`, `"a" | "b"`, with links to named schemas. */
export function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return <a href={`#${schemaAnchor(name)}`}>{name}</a>;
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <code>{schema.enum.map((v) => JSON.stringify(v)).join(' | ')}</code>;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    return (
      <>
        {union.map((s, i) => (
          <span key={i}>
            {i > 0 && ' | '}
            <TypeLabel schema={s} />
          </span>
        ))}
      </>
    );
  }
  if (schema.type === 'array' && schema.items) {
    return (
      <>
        array of <TypeLabel schema={schema.items} />
      </>
    );
  }
  if (schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return (
      <>
        map of <TypeLabel schema={schema.additionalProperties} />
      </>
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return <span>{type}</span>;
}

function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.format) out.push(schema.format);
  if (schema.pattern) out.push(`pattern ${schema.pattern}`);
  if (schema.minimum !== undefined && schema.minimum > -Number.MAX_SAFE_INTEGER) out.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${schema.maximum}`);
  if (schema.minLength) out.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) out.push(`max length ${schema.maxLength}`);
  if (schema.minItems) out.push(`at least ${schema.minItems}`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems}`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** Where an object's properties are: itself, or the items of an array. */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  if (schema.type === 'array' && schema.items?.properties) return schema.items;
  return undefined;
}

export function PropertyList({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const object = objectOf(schema);
  if (!object?.properties) return null;
  const required = new Set(object.required ?? []);
  return (
    <ul className={styles.properties}>
      {Object.entries(object.properties).map(([name, property]) => {
        const notes = constraints(property);
        const nested = depth < MAX_DEPTH ? objectOf(property) : undefined;
        return (
          <li key={name}>
            <code className={styles.propName}>{name}</code> <TypeLabel schema={property} />
            {required.has(name) ? <span className={styles.required}> required</span> : null}
            {notes.length > 0 && <span className="muted"> · {notes.join(' · ')}</span>}
            {property.description && <div className="muted">{property.description}</div>}
            {nested && <PropertyList schema={nested} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
