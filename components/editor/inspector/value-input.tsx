'use client';

import { useEffect, useState } from 'react';
import type { AttributeSpec } from '@/lib/catalog';
import {
  parseTyped,
  parseTypedList,
  patternProblem,
  rangeProblem,
  regexProblem,
  valueShape,
  valueText,
} from '@/lib/editor/inspector-rules';
import type { AttributeRule, RuleValue } from '@/lib/scheme/schema';
import { CodePicker } from './code-picker';
import { CommitField, isSaveKey } from './commit-field';

/** Enum domains up to this size show as chips; larger ones get the searchable picker. */
const CHIP_LIMIT = 16;

/**
 * The value input that fits the rule's attribute type and operator: code pickers with names for
 * countries and currencies, chips for enums, number and range inputs, a BIN field that checks its
 * digits, a regex field that shows RE2's error, true / false for booleans, nothing for exists.
 */
export function ValueInput({ rule, spec, onValue }: { rule: AttributeRule; spec: AttributeSpec | undefined; onValue: (value: RuleValue | undefined) => void }) {
  const shape = valueShape(rule.operator);
  const label = `Value of ${spec?.label ?? rule.attribute}`;
  if (shape === 'none') return <p className="insp-muted insp-novalue">No value: the rule tests whether the attribute is present.</p>;
  if (!spec) return <UnknownValue rule={rule} onValue={onValue} label={label} />;

  const strings = (Array.isArray(rule.value) ? rule.value : rule.value === undefined ? [] : [rule.value]).map(String);
  const listed = shape === 'list';

  if (spec.values && (spec.type === 'country' || spec.type === 'currency' || spec.values.length > CHIP_LIMIT)) {
    return (
      <CodePicker
        label={label}
        options={spec.values}
        value={strings}
        multiple={listed}
        placeholder={spec.type === 'country' ? 'Search countries…' : spec.type === 'currency' ? 'Search currencies…' : 'Search values…'}
        onChange={(codes) => onValue(listed ? codes : codes[0])}
      />
    );
  }
  if (spec.values) return <EnumChips label={label} options={spec.values} value={strings} multiple={listed} onChange={(codes) => onValue(listed ? codes : codes[0])} />;
  if (spec.type === 'boolean') return <BooleanInput label={label} value={rule.value} onValue={onValue} />;
  if (shape === 'range') return <RangeInput label={label} spec={spec} value={rule.value} onValue={onValue} />;

  const numeric = spec.type === 'number' || spec.type === 'integer';
  if (listed && !numeric) {
    const pattern = spec.pattern;
    return (
      <>
        <CodePicker
          label={label}
          value={strings}
          multiple
          placeholder="Type a value, Enter to add"
          onChange={(codes) => onValue(codes)}
          problemOf={pattern ? (code) => (new RegExp(pattern.regex).test(code) ? null : pattern.hint) : undefined}
        />
        <ShapeProblem rule={rule} spec={spec} />
      </>
    );
  }
  if (listed) {
    return (
      <label className="insp-field">
        <CommitField
          aria-label={label}
          value={valueText(rule.value)}
          placeholder="e.g. 10, 20, 50"
          hint="Separate values with commas."
          onCommit={(text) => onValue(parseTypedList(text, spec))}
        />
      </label>
    );
  }
  if (numeric) {
    return (
      <CommitField
        aria-label={label}
        type="number"
        step={spec.type === 'integer' ? 1 : 'any'}
        min={spec.min}
        max={spec.max}
        value={valueText(rule.value)}
        placeholder={spec.min !== undefined || spec.max !== undefined ? `${spec.min ?? '−∞'} – ${spec.max ?? '∞'}` : 'A number'}
        onCommit={(text) => onValue(parseTyped(text, spec))}
      />
    );
  }
  const regex = rule.operator === 'matches';
  const shaped = spec.pattern && (rule.operator === 'eq' || rule.operator === 'neq');
  return (
    <CommitField
      aria-label={label}
      className={regex || spec.pattern ? 'insp-mono' : undefined}
      value={valueText(rule.value)}
      inputMode={spec.pattern ? 'numeric' : undefined}
      placeholder={regex ? 'e.g. ^gold_[0-9]+$' : spec.pattern ? 'digits' : 'Text'}
      check={(text) => (regex ? regexProblem(text) : shaped ? patternProblem(text, spec, rule.operator) : null)}
      hint={regex ? 'RE2 syntax: linear time, no backreferences or lookaround.' : undefined}
      onCommit={(text) => onValue(text === '' ? undefined : text)}
    />
  );
}

function ShapeProblem({ rule, spec }: { rule: AttributeRule; spec: AttributeSpec }) {
  const problem = patternProblem(rule.value, spec, rule.operator);
  return problem ? <span className="insp-error">{problem}</span> : null;
}

function EnumChips({ label, options, value, multiple, onChange }: {
  label: string;
  options: readonly { code: string; name: string }[];
  value: readonly string[];
  multiple: boolean;
  onChange: (codes: string[]) => void;
}) {
  const unknown = value.filter((v) => !options.some((o) => o.code === v));
  return (
    <div className="insp-enum" role="group" aria-label={label}>
      {options.map((o) => {
        const on = value.includes(o.code);
        return (
          <button
            key={o.code}
            type="button"
            className={on ? 'insp-enum-chip on' : 'insp-enum-chip'}
            aria-pressed={on}
            title={o.code}
            onClick={() => onChange(multiple ? (on ? value.filter((v) => v !== o.code) : [...value, o.code]) : [o.code])}
          >
            {o.name}
          </button>
        );
      })}
      {unknown.map((v) => (
        <button key={v} type="button" className="insp-enum-chip bad" aria-pressed title="Not a value of this attribute: click to remove" onClick={() => onChange(value.filter((x) => x !== v))}>
          {v} ×
        </button>
      ))}
    </div>
  );
}

function BooleanInput({ label, value, onValue }: { label: string; value: RuleValue | undefined; onValue: (v: boolean) => void }) {
  return (
    <div className="insp-segmented" role="group" aria-label={label}>
      {[true, false].map((b) => (
        <button key={String(b)} type="button" aria-pressed={value === b} className={value === b ? 'on' : undefined} onClick={() => onValue(b)}>
          {b ? 'true' : 'false'}
        </button>
      ))}
    </div>
  );
}

/** Two number fields for an inclusive [min, max]; min ≤ max is checked as you type. */
function RangeInput({ label, spec, value, onValue }: { label: string; spec: AttributeSpec; value: RuleValue | undefined; onValue: (v: RuleValue | undefined) => void }) {
  const pair = Array.isArray(value) ? value : [];
  const committed: [string, string] = [pair[0] === undefined ? '' : String(pair[0]), pair[1] === undefined ? '' : String(pair[1])];
  const [draft, setDraft] = useState(committed);
  const key = committed.join('\u0000');
  useEffect(() => setDraft(key.split('\u0000') as [string, string]), [key]);

  const parsed = draft.map((d) => parseTyped(d, spec));
  const problem = rangeProblem(parsed as RuleValue);
  function commit() {
    if (draft[0] === committed[0] && draft[1] === committed[1]) return;
    if (parsed[0] === undefined && parsed[1] === undefined) return onValue(undefined);
    // Commit even an inverted or half-filled range: the checker names it on the node too.
    onValue([parsed[0] ?? parsed[1]!, parsed[1] ?? parsed[0]!] as RuleValue);
  }
  const field = (i: 0 | 1) => (
    <input
      aria-label={`${label}: ${i === 0 ? 'min' : 'max'}`}
      type="number"
      step={spec.type === 'integer' ? 1 : 'any'}
      min={spec.min}
      max={spec.max}
      placeholder={i === 0 ? 'min' : 'max'}
      value={draft[i]}
      aria-invalid={problem ? true : undefined}
      className={problem ? 'invalid' : undefined}
      onChange={(e) => setDraft(i === 0 ? [e.target.value, draft[1]] : [draft[0], e.target.value])}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || isSaveKey(e)) commit();
      }}
    />
  );
  return (
    <>
      <div className="insp-range">
        {field(0)}
        <span aria-hidden>and</span>
        {field(1)}
      </div>
      {problem && (
        <span className="insp-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

/** An attribute the catalog does not know: the value as JSON (or text when it does not parse). */
function UnknownValue({ rule, onValue, label }: { rule: AttributeRule; onValue: (v: RuleValue | undefined) => void; label: string }) {
  return (
    <CommitField
      aria-label={label}
      className="insp-mono"
      value={rule.value === undefined ? '' : JSON.stringify(rule.value)}
      hint="Unknown attribute: the value is read as JSON."
      onCommit={(text) => {
        if (text.trim() === '') return onValue(undefined);
        try {
          const parsed: unknown = JSON.parse(text);
          onValue(parsed as RuleValue);
        } catch {
          onValue(text);
        }
      }}
    />
  );
}
