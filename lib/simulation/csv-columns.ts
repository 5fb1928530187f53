import type { AttributeType, Catalog } from '../catalog/types';
import type { Transaction } from '../engine/types';
import type { ParsedRecord } from './records';

type Coercion = 'number' | 'integer' | 'boolean' | 'list' | 'string' | 'created_at';

interface Column {
  name: string;
  segments: readonly string[];
  coercion: Coercion;
}

/** Segments that would reach an object's prototype if used as keys. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads the header row: each cell is a dotted path (`card.issuer_country`) into the transaction, typed
 * by the catalog (`metadata.*` and unknown paths stay strings). Refuses empty, duplicate, conflicting
 * (`card` and `card.brand`) and prototype-reaching paths.
 */
export function compileHeader(cells: readonly string[], catalog: Catalog): { columns: Column[] } | { error: string } {
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < cells.length; i++) {
    const name = (cells[i] as string).trim();
    const segments = name.split('.');
    if (name.length === 0 || segments.some((s) => s.length === 0)) {
      return { error: `header column ${i + 1} is not a dotted path: "${name}"` };
    }
    if (segments.some((s) => FORBIDDEN_SEGMENTS.has(s))) return { error: `header column ${i + 1} uses a reserved name: "${name}"` };
    if (seen.has(name)) return { error: `header column "${name}" appears twice` };
    seen.add(name);
    columns.push({ name, segments, coercion: coercionOf(name, catalog) });
  }
  for (const name of seen) {
    const dot = name.indexOf('.');
    for (let at = dot; at !== -1; at = name.indexOf('.', at + 1)) {
      const prefix = name.slice(0, at);
      if (seen.has(prefix)) return { error: `header columns "${prefix}" and "${name}" conflict (a value cannot also hold fields)` };
    }
  }
  return { columns };
}

function coercionOf(path: string, catalog: Catalog): Coercion {
  if (path === 'created_at') return 'created_at';
  if (path.startsWith('metadata.')) return 'string';
  const type: AttributeType | undefined = catalog.get(path)?.type;
  switch (type) {
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'string_list':
      return 'list';
    default:
      return 'string';
  }
}

/** One data row → a nested transaction, or an error naming the line and column. Empty cells are absent. */
export function buildRow(columns: readonly Column[], cells: readonly string[], line: number): ParsedRecord {
  if (cells.length !== columns.length) {
    return { ok: false, line, error: `expected ${columns.length} fields, found ${cells.length}` };
  }
  const tx: Transaction = {};
  for (let c = 0; c < columns.length; c++) {
    const cell = cells[c] as string;
    if (cell.length === 0) continue;
    const column = columns[c] as Column;
    const value = coerce(cell, column.coercion);
    if (value === undefined) {
      return { ok: false, line, column: column.name, error: `column "${column.name}": "${clip(cell)}" is not a valid ${column.coercion}` };
    }
    setPath(tx, column.segments, value);
  }
  return { ok: true, line, transaction: tx };
}

function coerce(cell: string, coercion: Coercion): unknown {
  switch (coercion) {
    case 'string':
      return cell;
    case 'number':
    case 'integer': {
      const text = cell.trim();
      const n = text.length === 0 ? NaN : Number(text);
      if (!Number.isFinite(n) || (coercion === 'integer' && !Number.isInteger(n))) return undefined;
      return n;
    }
    case 'boolean': {
      const text = cell.trim().toLowerCase();
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return undefined;
    }
    case 'created_at':
      // CSV has no numbers: a cell of digits is epoch milliseconds, any other text is kept for the engine to judge.
      return EPOCH_MS.test(cell.trim()) ? Number(cell.trim()) : cell;
    case 'list':
      return cell.split('|').map((item) => item.trim()).filter((item) => item.length > 0);
  }
}

const EPOCH_MS = /^-?\d{1,16}$/;

function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = target;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const key = segments[i] as string;
    let next = node[key];
    if (typeof next !== 'object' || next === null) {
      next = {};
      node[key] = next;
    }
    node = next as Record<string, unknown>;
  }
  node[segments[last] as string] = value;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
