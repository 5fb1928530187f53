/**
 * Node geometry shared by the auto layout and the editor's node components, so the layout reserves
 * exactly the room the canvas draws. Positions are the top-left corner (React Flow's default origin).
 */
export const NODE_SIZE = {
  condition: { width: 260, height: 112 },
  strategy: { width: 260, height: 88 },
} as const;

/** The largest node box: the cell of the placeholder grid. */
export const NODE_CELL = {
  width: Math.max(NODE_SIZE.condition.width, NODE_SIZE.strategy.width),
  height: Math.max(NODE_SIZE.condition.height, NODE_SIZE.strategy.height),
} as const;

/**
 * Where the yes / no handles sit along the node's outgoing side, as a fraction of that side
 * (top-to-bottom layout: fractions of the width on the bottom side; left-to-right: of the height on
 * the right side). Yes always comes first: left, or above.
 */
export const HANDLE_OFFSET = { yes: 0.3, no: 0.7 } as const;

/** Gaps between nodes used by the auto layout and the placeholder grid. */
export const NODE_GAP = { between: 48, layers: 72 } as const;
