/** What every layout takes; its own file so the layouts and their chooser do not import each other. */

/** `down`: the start on top, branches below (yes left of no). `right`: left to right (yes above no). */
export type LayoutDirection = 'down' | 'right';

export interface LayoutOptions {
  direction?: LayoutDirection;
  /** Node sizes as drawn (the editor measures them); NODE_SIZE for the nodes not listed. */
  sizes?: Readonly<Record<string, { width: number; height: number }>>;
}
