'use client';

/** Move up / move down / remove for one row of an ordered list. */
export function RowControls({ index, count, what, onMove, onRemove }: {
  index: number;
  count: number;
  what: string;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  return (
    <span className="insp-row-controls">
      {onMove && (
        <>
          <button type="button" className="insp-icon" aria-label={`Move ${what} up`} title="Move up" disabled={index === 0} onClick={() => onMove(index, index - 1)}>
            ↑
          </button>
          <button type="button" className="insp-icon" aria-label={`Move ${what} down`} title="Move down" disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
            ↓
          </button>
        </>
      )}
      <button type="button" className="insp-icon insp-remove" aria-label={`Remove ${what}`} title="Remove" onClick={onRemove}>
        ×
      </button>
    </span>
  );
}

/** The grip that starts a drag. */
export function DragHandle(props: Record<string, unknown> & { label: string }) {
  const { label, ...rest } = props;
  return (
    <span className="insp-grip" aria-label={label} title="Drag to reorder" {...rest}>
      ⋮⋮
    </span>
  );
}
