'use client';

import { useReactFlow } from '@xyflow/react';
import { addNode, NODE_SIZE } from '@/lib/graph';
import { freeSpot } from '@/lib/editor/free-spot';
import { PALETTE_ITEMS, nodeTemplate, type PaletteItem } from '@/lib/editor/node-templates';
import { useEditorStore } from '../store-provider';

/** The drag payload type of palette items, so the canvas accepts only them. */
export const PALETTE_MIME = 'application/x-switchyard-node';

/** Node kinds to add: click to add one in the middle of the view, or drag one onto the canvas. */
export function Palette() {
  const store = useEditorStore();
  const flow = useReactFlow();

  const addAtCentre = (item: PaletteItem) => {
    const box = document.querySelector('.sy-canvas')?.getBoundingClientRect();
    const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    const size = item === 'condition' ? NODE_SIZE.condition : NODE_SIZE.strategy;
    const taken = flow.getNodes().map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? size.width, height: n.measured?.height ?? size.height }));
    const view = box && visibleFlowBox(flow, box);
    const position = freeSpot({ x: centre.x - size.width / 2, y: centre.y - size.height / 2 }, size, taken, undefined, view);
    let added = '';
    const result = store.getState().edit((doc) => {
      const r = addNode(doc, nodeTemplate(item), position);
      if (r.ok) added = r.id;
      return r;
    });
    if (!result.ok) return;
    store.getState().select([added]);
    // No free place in view (a crowded or tiny view): bring the new node to the middle instead.
    const seen = view && position.x >= view.x && position.y >= view.y && position.x + size.width <= view.x + view.width && position.y + size.height <= view.y + view.height;
    if (!seen) void flow.setCenter(position.x + size.width / 2, position.y + size.height / 2, { zoom: flow.getZoom(), duration: 200 });
  };

  return (
    <div className="sy-palette" role="toolbar" aria-label="Add a node">
      <span className="sy-palette-title">Add</span>
      {PALETTE_ITEMS.map(({ item, label, hint }) => (
        <button
          key={item}
          type="button"
          className={`sy-palette-item sy-palette-${item}`}
          title={`${hint} — click to add, or drag onto the canvas`}
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_MIME, item);
            event.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => addAtCentre(item)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * The part of the canvas in view, in flow coordinates, less a margin, and less the corners the zoom
 * controls (bottom left) and the minimap (bottom right) cover.
 */
function visibleFlowBox(flow: ReturnType<typeof useReactFlow>, box: DOMRect) {
  const margin = 16;
  const overlays = 110;
  const topLeft = flow.screenToFlowPosition({ x: box.left + margin, y: box.top + margin });
  const bottomRight = flow.screenToFlowPosition({ x: box.right - margin, y: box.bottom - overlays });
  return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
}
