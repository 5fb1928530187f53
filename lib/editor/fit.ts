/**
 * How the canvas fits a scheme into view. Below READABLE_ZOOM a node's 12 px text is under 8 px: Fit
 * stops there, and a scheme that would need less to fit whole opens on its start node instead.
 */
export const READABLE_ZOOM = 0.65;

/**
 * Screen pixels the fitted view leaves free on each side: the zoom controls sit at the bottom left and
 * the minimap at the bottom right, so no node is fitted under them.
 */
export const FIT_MARGIN = { top: 24, right: 24, bottom: 118, left: 60 } as const;

/** The zoom at which a drawing of `bounds` fits a `width` × `height` canvas inside the margins. */
export function zoomToFit(bounds: { width: number; height: number }, width: number, height: number): number {
  if (bounds.width <= 0 || bounds.height <= 0) return 1;
  const free = { width: width - FIT_MARGIN.left - FIT_MARGIN.right, height: height - FIT_MARGIN.top - FIT_MARGIN.bottom };
  return Math.max(0, Math.min(free.width / bounds.width, free.height / bounds.height));
}

/** Whether the whole drawing can be shown at a zoom people can read. */
export const fitsReadably = (bounds: { width: number; height: number }, width: number, height: number) => zoomToFit(bounds, width, height) >= READABLE_ZOOM;
