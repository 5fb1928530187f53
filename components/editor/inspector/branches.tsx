'use client';

import type { ConditionNode } from '@/lib/scheme/schema';
import { useEditor, useEditorStore } from '../store-provider';

/**
 * Where a condition leads: its yes and no branches, each a link that selects and centres the target.
 * Branches are drawn on the canvas (drag from a handle), so here they are shown, not edited.
 */
export function Branches({ node }: { node: ConditionNode }) {
  const store = useEditorStore();
  const nodes = useEditor((s) => s.history.present.nodes);
  const branch = (handle: 'yes' | 'no', target: string | undefined) => (
    <li className={`insp-branch ${handle}`}>
      <span className="insp-branch-label">{handle}</span>
      {target === undefined ? (
        <span className="insp-muted">not connected: drag from the {handle} handle on the canvas</span>
      ) : Object.hasOwn(nodes, target) ? (
        <button type="button" className="insp-link" title="Select and show this node" onClick={() => store.getState().requestFocus({ node: target })}>
          <code>{target}</code> {nodes[target]!.label && <span className="insp-muted">{nodes[target]!.label}</span>}
        </button>
      ) : (
        <span className="insp-error">
          <code>{target}</code> does not exist
        </span>
      )}
    </li>
  );
  return (
    <section className="insp-section" aria-label="Branches">
      <h3>Branches</h3>
      <ul className="insp-branches">
        {branch('yes', node.then)}
        {branch('no', node.else)}
      </ul>
    </section>
  );
}
