'use client';

import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { CanvasNodeData } from '@/lib/editor/canvas-model';
import { describeHits, heatLevel, shortCount } from '@/lib/editor/heat-map';

/** The box every node shares: kind, title, start mark, problem badges, trace mark and the input handle. */
export function NodeFrame({ id, data, kind, kindClass, selected, children }: {
  id: string;
  data: CanvasNodeData;
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
  const { hits, heatTotal } = data;
  if (hits !== null) classes.push(hits === 0 ? 'heat-none' : `heat-${heatLevel(hits, heatTotal)}`);
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-node-id={id}>
      <Handle type="target" position={direction === 'down' ? Position.Top : Position.Left} className="sy-handle sy-handle-in" />
      <div className="sy-node-head">
        <span className="sy-node-kind">{kind}</span>
        {isStart && <span className="sy-pill sy-pill-start" title="The first node of the scheme">Start</span>}
        <span className="sy-node-badges">
          {hits !== null && (
            <span className="sy-pill sy-pill-heat" title={hits === 0 ? 'Never reached in this run' : describeHits(hits, heatTotal)} data-testid="node-hits">
              {hits === 0 ? 'never reached' : shortCount(hits)}
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
