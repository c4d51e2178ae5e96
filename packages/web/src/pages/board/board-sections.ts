/**
 * The public notice board's sections, one line per feature, shown in this order. Each section is
 * a custom element that receives `compoundId` and fetches its own public endpoint
 * (`GET /api/public/compounds/:compoundId/<feature>`); it must make sense to a visitor who is not
 * logged in and render nothing (or a short "nothing yet") when it has nothing to show.
 */
// Every section's code, in the board's own chunk (board-section-modules.ts imports each section's module: add a new one there too).
import './board-section-modules.js';

export interface BoardSection {
  tag: string;
}

// The order residents look for: what is coming (meetings, votes open now), what was decided, what is being done about it.
export const boardSections: BoardSection[] = [
  { tag: 'yishi-board-meetings' },
  { tag: 'yishi-board-votes' },
  { tag: 'yishi-board-vote-notices' },
  { tag: 'yishi-board-minutes' },
  { tag: 'yishi-board-proposals' },
  { tag: 'yishi-board-action-items' },
  { tag: 'yishi-board-satisfaction' },
  { tag: 'yishi-board-anchors' },
];
