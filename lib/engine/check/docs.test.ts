import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../catalog';
import { TRANSACTION_WARNING_CODES } from '../../transactions/lint';
import { ERROR_CODES, WARNING_CODES } from './problems';

const root = path.join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('documentation and tests keep up with the code', () => {
  it('documents every problem code with its severity in docs/scheme-format.md', () => {
    const doc = read('docs/scheme-format.md');
    for (const code of ERROR_CODES) expect(doc, code).toContain(`| \`${code}\` | error |`);
    for (const code of WARNING_CODES) expect(doc, code).toContain(`| \`${code}\` | warning |`);
  });

  it('lists every built-in attribute in docs/catalog.md', () => {
    const doc = read('docs/catalog.md');
    for (const attribute of builtinCatalog().list()) expect(doc, attribute.name).toContain(`| \`${attribute.name}\` |`);
  });

  it('documents every transaction lint code in docs/catalog.md', () => {
    const doc = read('docs/catalog.md');
    for (const code of TRANSACTION_WARNING_CODES) expect(doc, code).toContain(`| \`${code}\` |`);
  });

  it('has a test naming every problem code', () => {
    const dir = path.join(root, 'lib', 'engine', 'check');
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'docs.test.ts')
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    for (const code of [...ERROR_CODES, ...WARNING_CODES]) expect(tests, code).toMatch(new RegExp(`['(]${code}[')]`));
  });
});
