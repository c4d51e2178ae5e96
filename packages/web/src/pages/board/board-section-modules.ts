/**
 * The code of every section of the public board (board-sections.ts), imported together and
 * statically: the board shows all of them as it opens, so they come in one chunk (with the helpers
 * only they use) instead of a file per section and per helper, each with its own request and gzip
 * overhead on a phone. The board page asks for that chunk as its own code runs (board-page.ts), so
 * its heading does not wait for the sections' code, and the sections' code does not wait for the
 * summary.
 */
import '../../components/meetings/board-meetings-section.js';
import '../../components/votes/board-votes-section.js';
import '../../components/votes/board-vote-notices-section.js';
import '../../components/minutes/board-minutes-section.js';
import '../../components/votes/board-proposals-section.js';
import '../../components/action-items/board-action-items-section.js';
import '../../components/board/board-satisfaction-section.js';
import '../../components/board/anchors-section.js';
