/**
 * The public notice board's sections, one line per feature, shown in this order. Each section is
 * a custom element that receives `compoundId` and fetches its own public endpoint
 * (`GET /api/public/compounds/:compoundId/<feature>`); it must make sense to a visitor who is not
 * logged in and render nothing (or a short "nothing yet") when it has nothing to show.
 */
export interface BoardSection {
  tag: string;
  load: () => Promise<unknown>;
}

// The order residents look for: what is coming (meetings, votes open now), what was decided, what is being done about it.
export const boardSections: BoardSection[] = [
  { tag: 'yishi-board-meetings', load: () => import('../../components/meetings/board-meetings-section.js') },
  { tag: 'yishi-board-votes', load: () => import('../../components/votes/board-votes-section.js') },
  { tag: 'yishi-board-vote-notices', load: () => import('../../components/votes/board-vote-notices-section.js') },
  { tag: 'yishi-board-minutes', load: () => import('../../components/minutes/board-minutes-section.js') },
  { tag: 'yishi-board-proposals', load: () => import('../../components/votes/board-proposals-section.js') },
  { tag: 'yishi-board-action-items', load: () => import('../../components/action-items/board-action-items-section.js') },
  { tag: 'yishi-board-satisfaction', load: () => import('../../components/board/board-satisfaction-section.js') },
  { tag: 'yishi-board-anchors', load: () => import('../../components/board/anchors-section.js') },
];
