'use client';

import { useActionState, useState } from 'react';
import Link from 'next/link';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formKey, idleForm, listFieldErrors, type FormState } from '@/lib/forms/form-state';
import { routeWarnings } from '@/lib/routes/warnings';

export interface ProcessorChoice {
  id: string;
  name: string;
  status: string;
}

/** Name a route and put its processors in try order: add, move up/down, remove. */
export function RouteForm({ action, initial, processors, mode }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: { name: string; processors: string[] };
  processors: readonly ProcessorChoice[];
  mode: 'create' | 'edit';
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const [order, setOrder] = useState<string[]>(initial.processors);
  const [adding, setAdding] = useState('');
  const byId = new Map(processors.map((p) => [p.id, p]));
  const available = processors.filter((p) => !order.includes(p.id));
  const warnings = routeWarnings(order, processors);

  const move = (index: number, delta: number) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    setOrder(next);
  };

  return (
    <form key={formKey(state)} action={formAction} className="form panel" noValidate>
      <FormMessage state={state} />
      <Field label="Name" htmlFor="name" errors={state.fieldErrors?.name} required>
        <input id="name" name="name" defaultValue={String(state.values?.name ?? initial.name)} aria-required />
      </Field>
      <Field label="Processors, in the order they are tried" errors={listFieldErrors(state, 'processors', order)}>
        <ol className="route-order" data-testid="route-order">
          {order.map((id, index) => (
            <li key={id} data-testid={`route-item-${id}`}>
              <span className="position">{index + 1}.</span>
              <span className="grow">
                {byId.get(id)?.name ?? id} <code>{id}</code>{' '}
                {byId.get(id) && byId.get(id)!.status !== 'active' && <span className={`badge badge-${byId.get(id)!.status}`}>{byId.get(id)!.status}</span>}
              </span>
              <button type="button" className="button small" aria-label={`Move ${id} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="button small" aria-label={`Move ${id} down`} disabled={index === order.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" className="button small danger" aria-label={`Remove ${id}`} onClick={() => setOrder(order.filter((p) => p !== id))}>
                Remove
              </button>
              <input type="hidden" name="processors" value={id} />
            </li>
          ))}
        </ol>
        {warnings.map((w) => (
          <p key={w} className="notice notice-warn" role="status" data-testid="route-warning">
            {w}
          </p>
        ))}
        <div className="actions" style={{ display: 'flex', gap: 6, marginTop: 6, flexWrap: 'wrap' }}>
          <select aria-label="Processor to add" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a processor…</option>
            {available.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.id}){p.status !== 'active' ? ` — ${p.status}` : ''}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!adding}
            onClick={() => {
              setOrder([...order, adding]);
              setAdding('');
            }}
          >
            Add to route
          </button>
        </div>
      </Field>
      <div>
        <SubmitButton>{mode === 'create' ? 'Create route' : 'Save route'}</SubmitButton>{' '}
        <Link href="/routes" className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}
