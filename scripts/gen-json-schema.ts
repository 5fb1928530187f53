/**
 * Writes public/schemas/switchyard.scheme.v1.json from the zod schema (run: npx tsx scripts/gen-json-schema.ts).
 * A test fails when the checked-in file differs from what this would write.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemeJsonSchemaText, SCHEME_JSON_SCHEMA_PATH } from '../lib/scheme/json-schema';

const target = path.join(import.meta.dirname, '..', 'public', SCHEME_JSON_SCHEMA_PATH);
writeFileSync(target, schemeJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
