'use client';

/**
 * Stand-in for the inspector, built alongside the editor core; it is replaced by the real component
 * when its branch is merged.
 */
import { useEditor } from './store-provider';

export function InspectorSlot() {
  const selection = useEditor((s) => s.selection);
  const doc = useEditor((s) => s.history.present);
  if (selection.length !== 1) return <p className="muted">Select a node to edit it.</p>;
  const id = selection[0]!;
  return (
    <div>
      <h3>
        <code>{id}</code>
      </h3>
      <pre className="json">{JSON.stringify(doc.nodes[id], null, 2)}</pre>
    </div>
  );
}
