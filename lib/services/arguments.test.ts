import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { aFlag, anId, aRevision, aVersion, checkArguments } from './arguments';

describe('checkArguments', () => {
  it('names each bad argument with its problem, never its value', () => {
    const result = checkArguments({ scheme_id: anId('x'.repeat(1_000_000)), version: aVersion(1.5), enabled: aFlag('yes'), test_case_id: anId('tc_ok') });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: 'Refused: the scheme id is 1,000,000 characters long; an id has at most 128; the version is not a whole number from 1; the enabled is text, not true or false. Nothing was looked up or changed.',
        issues: [
          { path: ['scheme_id'], message: 'is 1,000,000 characters long; an id has at most 128' },
          { path: ['version'], message: 'is not a whole number from 1' },
          { path: ['enabled'], message: 'is text, not true or false' },
        ],
      },
    });
  });

  it('says what is wrong with an id', () => {
    expect(anId('sch_\u0000')).toBe('contains a NUL character (\\u0000)');
    expect(anId('sch_\ud800')).toBe('contains a lone surrogate (not well-formed Unicode)');
    expect(anId(42)).toBe('is a number, not text');
    expect(anId(null)).toBe('is null, not text');
    expect(anId('')).toBe('is empty');
    expect(anId('a b')).toMatch(/^is not a valid id/);
    expect(anId('proc_stripe')).toBeUndefined();
    expect(anId('key_0123:v1.2-x')).toBeUndefined();
  });

  it('takes versions and revisions that fit their integer columns', () => {
    expect(aVersion(2_147_483_647)).toBeUndefined();
    expect(aVersion(2_147_483_648)).toBe('is larger than 2,147,483,647');
    expect(aRevision(2_147_483_647)).toBe('is larger than 2,147,483,646'); // the save stores revision + 1
    expect(aVersion('1')).toBe('is text, not a number');
    expect(aVersion(0)).toBe('is not a whole number from 1');
    expect(aVersion(Number.NaN)).toBe('is not a whole number from 1');
  });

  it('passes when every argument is sound', () => {
    expect(checkArguments({ id: anId('proc_stripe'), version: aVersion(3), on: aFlag(false) })).toEqual({ ok: true, value: undefined });
  });
});

/*
 * The check is only as good as its use: every exported service function that takes an id, a version,
 * a revision or a flag must check it (or hand it straight to one that does). A new service that forgets fails
 * here, whichever caller it was written for.
 */
const ARGUMENT = /^(id|\w+Id|version|from|to|expectedRevision|revision|on|enabled|disabled)$/;
const CHECKS = /\b(checkArguments|isId|anId|aVersion|aRevision|aFlag)\(/;
/** Modules whose id arguments never reach the database, with why. */
const EXEMPT: Record<string, string> = {
  'simulation-jobs.ts': 'the in-memory registry of live runs: a map lookup, no query',
  'simulation-inputs.ts': 'file names are made from the run id with everything but [A-Za-z0-9_-] removed',
  'idempotency.ts': 'the caller id is a verified API key; the key is checked by the API route first',
  'result.ts': 'builds error messages; queries nothing',
  'references.ts': 'called by the services above with ids they checked or read from the database',
  'simulation-targets.ts': 'called by prepareRun after its check',
  'api-keys.ts:forgetApiKeys': 'drops ids from an in-memory cache',
  'simulation-runs.ts:runProgress': 'reads the in-memory registry of live runs only',
  'decision-id.ts:decisionTimeOf': 'reads the time out of an id after matching its own shape; queries nothing',
  'scheduled-changes.ts:finishChange': 'runs inside a write on the id of a row that write just read or locked',
  'drains.ts:cancelDrainOnHandChange': 'runs inside the status change, after it checked the processor id',
  'decisions.ts:decideWithAppCache': 'the API key id is a verified key; decide answers from memory and the decision log stores it as given',
};

describe('every service entry point checks its ids and versions', () => {
  const dir = import.meta.dirname;
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !(f in EXEMPT));
  const unchecked: string[] = [];
  let seen = 0;
  for (const file of modules) {
    const source = ts.createSourceFile(file, readFileSync(path.join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const functions = new Map<string, ts.FunctionDeclaration>();
    source.forEachChild((node) => {
      if (ts.isFunctionDeclaration(node) && node.name && node.body) functions.set(node.name.text, node);
    });
    const checks = (fn: ts.FunctionDeclaration, depth = 0): boolean => {
      const body = fn.body!.getText(source);
      if (CHECKS.test(body)) return true;
      // A thin entry point, `return other(…)` and nothing else (approveRequest → decide), is covered by the function it hands its arguments to.
      const [only, ...rest] = fn.body!.statements;
      if (depth > 1 || rest.length > 0 || !only || !ts.isReturnStatement(only) || !only.expression) return false;
      const call = ts.isAwaitExpression(only.expression) ? only.expression.expression : only.expression;
      const callee = ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? functions.get(call.expression.text) : undefined;
      return callee !== undefined && checks(callee, depth + 1);
    };
    for (const [name, fn] of functions) {
      const exported = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const takes = fn.parameters.some((p) => ts.isIdentifier(p.name) && ARGUMENT.test(p.name.text));
      if (!exported || !takes || `${file}:${name}` in EXEMPT) continue;
      seen++;
      if (!checks(fn)) unchecked.push(`${file}: ${name}`);
    }
  }

  it('finds the service entry points that take ids', () => expect(seen).toBeGreaterThanOrEqual(50));
  it('has none that skips the check', () => expect(unchecked).toEqual([]));
});
