'use client';

import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { describeHits, edgeHeatClass, shortCount } from '@/lib/editor/heat-map';
import { useEdgeHeat } from './use-heat';

/**
 * A branch of a condition: React Flow's smooth-step path, with the heat map's width class and count.
 * The count is a plain SVG text centred by its anchor, not React Flow's edge label, which measures
 * itself (getBBox, a forced layout) and renders a second time with the size.
 */
function BranchEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, markerEnd, markerStart, interactionWidth }: EdgeProps) {
  const heat = useEdgeHeat(id);
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge path={path} className={heat === null ? undefined : edgeHeatClass(heat.hits, heat.total)} style={style} markerEnd={markerEnd} markerStart={markerStart} interactionWidth={interactionWidth} />
      {heat !== null && (
        <text className="sy-edge-hits" x={labelX} y={labelY} data-testid="edge-hits">
          <title>{describeHits(heat.hits, heat.total)}</title>
          {shortCount(heat.hits)}
        </text>
      )}
    </>
  );
}

export const BranchEdge = memo(BranchEdgeView);
