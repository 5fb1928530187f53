'use client';

import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { CanvasNodeData } from '@/lib/editor/canvas-model';
import { describeHits, nodeHeatClass, shortCount } from '@/lib/editor/heat-map';
import type { Heat } from '../use-heat';

/**
 * The box every node shares: kind, title, start mark, problem badges, trace mark, heat (colour and
 * hits badge) and the input handle.
 */
export function NodeFrame({ id, data, heat, kind, kindClass, selected, children }: {
  id: string;
  data: CanvasNodeData;
  /** The node's share of the heat map shown (the node component reads it: canvas/use-heat.ts). */
  heat: Heat | null;
  kind: string;
  kindClass: string;
  selected: boolean;
  children: ReactNode;
}) {
  const { node, isStart, errors, warnings, mark, direction } = data;
  const classes = ['sy-node', kindClass];
  if (selected) classes.push('is-selected');
  if (isStart) classes.push('is-start');
  if (errors > 0) classes.push('has-errors');
  if (mark) classes.push(`trace-${mark}`);
  if (heat !== null) classes.push(nodeHeatClass(heat.hits, heat.total));
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-node-id={id}>
      <Handle type="target" position={direction === 'down' ? Position.Top : Position.Left} className="sy-handle sy-handle-in" />
      <div className="sy-node-head">
        <span className="sy-node-kind">{kind}</span>
        {isStart && <span className="sy-pill sy-pill-start" title="The first node of the scheme">Start</span>}
        <span className="sy-node-badges">
          {heat !== null && (
            <span className="sy-pill sy-pill-heat" title={heat.hits === 0 ? 'Never reached in this run' : describeHits(heat.hits, heat.total)} data-testid="node-hits">
              {heat.hits === 0 ? 'never reached' : shortCount(heat.hits)}
            </span>
          )}
          {errors > 0 && (
            <span className="sy-pill sy-pill-error" title={`${errors} error${errors === 1 ? '' : 's'}`} data-testid="node-errors">
              {errors} ✕
            </span>
          )}
          {warnings > 0 && (
            <span className="sy-pill sy-pill-warn" title={`${warnings} warning${warnings === 1 ? '' : 's'}`} data-testid="node-warnings">
              {warnings} !
            </span>
          )}
        </span>
      </div>
      <div className="sy-node-title" title={node.description ?? node.label ?? id}>
        {node.label ? (
          <>
            {node.label} <code className="sy-node-id">{id}</code>
          </>
        ) : (
          <code className="sy-node-id sy-node-id-main">{id}</code>
        )}
      </div>
      {children}
    </div>
  );
}
