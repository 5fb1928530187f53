'use client';

import { useState, type DragEvent } from 'react';

/**
 * Drag-to-reorder for a list, with native drag and drop: the handle starts the drag (so text in the
 * row's inputs stays selectable), the row under the pointer is the drop target, a drop calls
 * `onMove(from, to)` once. The arrow buttons beside each row do the same from the keyboard.
 */
export function useReorder(onMove: (from: number, to: number) => void) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const reset = () => {
    setDragging(null);
    setOver(null);
  };
  return {
    dragging,
    handleProps: (index: number) => ({
      draggable: true,
      onDragStart(event: DragEvent<HTMLElement>) {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', String(index));
        const row = event.currentTarget.closest('[data-reorder-row]');
        if (row) event.dataTransfer.setDragImage(row, 12, 12);
        setDragging(index);
      },
      onDragEnd: reset,
    }),
    rowProps: (index: number) => ({
      'data-reorder-row': true,
      'data-drop-target': dragging !== null && over === index && dragging !== index ? true : undefined,
      onDragOver(event: DragEvent<HTMLElement>) {
        if (dragging === null) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (over !== index) setOver(index);
      },
      onDrop(event: DragEvent<HTMLElement>) {
        if (dragging === null) return;
        event.preventDefault();
        if (dragging !== index) onMove(dragging, index);
        reset();
      },
    }),
  };
}
