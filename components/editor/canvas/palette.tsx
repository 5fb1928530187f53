'use client';

import { useReactFlow } from '@xyflow/react';
import { addNode } from '@/lib/graph';
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
    // Nodes added one after another at the same centre would cover each other: step them down a little.
    const count = Object.keys(store.getState().history.present.nodes).length;
    const position = { x: Math.round(centre.x - 130), y: Math.round(centre.y - 50 + (count % 5) * 24) };
    let added = '';
    const result = store.getState().edit((doc) => {
      const r = addNode(doc, nodeTemplate(item), position);
      if (r.ok) added = r.id;
      return r;
    });
    if (result.ok) store.getState().select([added]);
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
