'use client';

import type { NodeProps } from '@xyflow/react';
import { memo, type ComponentType } from 'react';
import type { CanvasNodeData } from '@/lib/editor/canvas-model';
import type { StrategyNode } from '@/lib/scheme/schema';
import { useEditor } from '../../store-provider';
import { useNodeHeat } from '../use-heat';
import { NodeFrame } from './node-frame';
import { STRATEGY_WORDS } from '@/lib/scheme/words';

/** Processors listed on the node; the rest are counted. */
const SHOWN_PROCESSORS = 4;


type Props = NodeProps & { data: CanvasNodeData };

/** A processor id as its registered name, marked when it is down, disabled or not registered. */
function ProcessorName({ id }: { id: string }) {
  const processor = useEditor((s) => s.account.processors.find((p) => p.id === id));
  const status = processor === undefined ? 'unknown' : processor.status;
  return (
    <span className={`sy-proc sy-proc-${status}`} title={id}>
      {processor?.name ?? id}
      {status !== 'active' && <span className={`sy-proc-status is-${status}`}>{status === 'unknown' ? 'not registered' : status}</span>}
    </span>
  );
}

function RouteName({ id }: { id: string }) {
  const route = useEditor((s) => s.account.routes.find((r) => r.id === id));
  return (
    <span className="sy-proc" title={id}>
      route {route?.name ?? id}
    </span>
  );
}

function More({ count }: { count: number }) {
  return count > 0 ? <li className="sy-more">+ {count} more</li> : null;
}

function PriorityBody({ node }: { node: Extract<StrategyNode, { strategy: 'priority' }> }) {
  if (node.processors.length === 0) return <p className="sy-empty">No processors yet</p>;
  return (
    <ol className="sy-procs sy-procs-ordered">
      {node.processors.slice(0, SHOWN_PROCESSORS).map((item, i) => (
        <li key={i}>{typeof item === 'string' ? <ProcessorName id={item} /> : <RouteName id={item.route} />}</li>
      ))}
      <More count={node.processors.length - SHOWN_PROCESSORS} />
    </ol>
  );
}

function WeightBody({ node }: { node: Extract<StrategyNode, { strategy: 'weight' }> }) {
  if (node.processors.length === 0) return <p className="sy-empty">No processors yet</p>;
  const total = node.processors.reduce((sum, p) => sum + (Number.isFinite(p.weight) ? p.weight : 0), 0);
  return (
    <ul className="sy-procs sy-weights">
      {node.processors.slice(0, SHOWN_PROCESSORS).map((item, i) => (
        <li key={i}>
          <ProcessorName id={item.processor} />
          <span className="sy-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0, Math.min(100, item.weight))}%` }} />
          </span>
          <span className="sy-weight">{item.weight}</span>
        </li>
      ))}
      <More count={node.processors.length - SHOWN_PROCESSORS} />
      {total !== 100 && <li className="sy-sum-off">weights sum to {total}, not 100</li>}
    </ul>
  );
}

function ListBody({ processors, prefix }: { processors: readonly string[]; prefix?: string }) {
  if (processors.length === 0) return <p className="sy-empty">No processors yet</p>;
  return (
    <ul className="sy-procs">
      {processors.slice(0, SHOWN_PROCESSORS).map((id, i) => (
        <li key={i}>
          {prefix && <span className="sy-prefix">{prefix}</span>}
          <ProcessorName id={id} />
        </li>
      ))}
      <More count={processors.length - SHOWN_PROCESSORS} />
    </ul>
  );
}

function BlankBody({ node }: { node: Extract<StrategyNode, { strategy: 'blank' }> }) {
  return <p className="sy-blank">Refuses the payment{node.reason ? <>: “{node.reason}”</> : null}</p>;
}

function categoryList(on: readonly string[]) {
  return on.map((c) => c.replace('_', ' ')).join(', ');
}

/** Cascade and modifiers in one line each, so they read at a glance. */
function Extras({ node }: { node: StrategyNode }) {
  const modifiers = Object.entries(node.modifiers ?? {});
  const cascade = node.strategy !== 'blank' ? node.cascade : undefined;
  if (!cascade && modifiers.length === 0) return null;
  return (
    <div className="sy-extras">
      {cascade && (
        <div title="Cascade: the next candidate is tried on these failures">
          ↻ up to {cascade.max_attempts} attempts{cascade.on.length ? ` on ${categoryList(cascade.on)}` : ''}
        </div>
      )}
      {modifiers.length > 0 && (
        <div className="sy-modifiers">
          {modifiers.map(([key, value]) => (
            <span key={key} className="sy-tag">
              {key === 'three_ds' ? '3DS' : key}: {String(value)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

const SKIP_WORDS: Record<string, string> = {
  unknown: 'not registered',
  not_active: 'not active',
  currency: 'currency',
  payment_method: 'method',
  country: 'country',
};

/** The outcome of the dry run shown on its leaf: the choice, the cascade order after it, what was skipped. */
function Outcome({ data }: { data: CanvasNodeData }) {
  const decision = data.decision;
  if (!decision) return null;
  const fallbacks = decision.candidates.filter((id) => id !== decision.processor);
  const skipped = decision.trace?.skipped ?? [];
  return (
    <div className={`sy-outcome is-${decision.outcome}`} data-testid="leaf-outcome">
      <div>
        {decision.outcome === 'route' ? <>Chosen: <ProcessorName id={decision.processor!} /></> : decision.outcome === 'blocked' ? 'Blocked' : 'No eligible processor'}
      </div>
      {fallbacks.length > 0 && (
        <div className="sy-outcome-more">
          then {fallbacks.map((id, i) => (
            <span key={id}>
              {i > 0 && ' → '}
              <ProcessorName id={id} />
            </span>
          ))}
        </div>
      )}
      {skipped.length > 0 && (
        <div className="sy-outcome-more">
          skipped {skipped.map((s, i) => (
            <span key={s.processor}>
              {i > 0 && ', '}
              <ProcessorName id={s.processor} /> ({SKIP_WORDS[s.reason] ?? s.reason})
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

function strategyNode(kind: StrategyNode['strategy'], Body: ComponentType<{ node: never }>) {
  function StrategyNodeView({ id, data, selected }: Props) {
    const node = data.node as StrategyNode;
    const heat = useNodeHeat(id);
    return (
      <NodeFrame id={id} data={data} heat={heat} kind={STRATEGY_WORDS[kind].name} kindClass={`sy-strategy sy-kind-${kind}`} selected={selected}>
        <Body node={node as never} />
        <Extras node={node} />
        <Outcome data={data} />
      </NodeFrame>
    );
  }
  StrategyNodeView.displayName = `${kind}StrategyNode`;
  return memo(StrategyNodeView);
}

export const PriorityNode = strategyNode('priority', PriorityBody);
export const WeightNode = strategyNode('weight', WeightBody);
export const DirectNode = strategyNode('direct', ({ node }: { node: Extract<StrategyNode, { strategy: 'direct' }> }) => <ListBody processors={node.processors} prefix="→" />);
export const RandomNode = strategyNode('random', ({ node }: { node: Extract<StrategyNode, { strategy: 'random' }> }) => <ListBody processors={node.processors} prefix="⤨" />);
export const BlankNode = strategyNode('blank', BlankBody);
