/**
 * How the canvas fits a scheme into view. Below READABLE_ZOOM a node's 12 px text is under 8 px: Fit
 * stops there, and a scheme that would need less to fit whole opens on its start node instead.
 */
export const READABLE_ZOOM = 0.65;

/**
 * Screen pixels the fitted view leaves free on each side; with the minimap on (bottom right), the bottom
 * strip it covers too, so no node is fitted under it.
 */
export const fitMargin = (minimap: boolean) => ({ top: 24, right: 24, bottom: minimap ? 118 : 24, left: 24 });

/** The zoom at which a drawing of `bounds` fits a `width` × `height` canvas inside the margins. */
export function zoomToFit(bounds: { width: number; height: number }, width: number, height: number, minimap = false): number {
  if (bounds.width <= 0 || bounds.height <= 0) return 1;
  const m = fitMargin(minimap);
  const free = { width: width - m.left - m.right, height: height - m.top - m.bottom };
  return Math.max(0, Math.min(free.width / bounds.width, free.height / bounds.height));
}

/** Whether the whole drawing can be shown at a zoom people can read. */
export const fitsReadably = (bounds: { width: number; height: number }, width: number, height: number, minimap = false) =>
  zoomToFit(bounds, width, height, minimap) >= READABLE_ZOOM;
