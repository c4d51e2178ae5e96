/**
 * "What needs me" on the home page: for owners and residents, the open votes some of their units
 * have not voted in, their own concerns, their recent evening-talk questions, and the outcomes
 * waiting for their rating; for staff, the overdue and due-today action items, the items given to
 * their unit and not started yet, the minutes still to publish with the time left, today's meetings
 * and the votes closing soon with their turnout against the participation threshold.
 * Which roles see which staff section is declared here, once; the server gathers the rows.
 */
import { ACTION_ITEM_WORKERS, REOPEN_WINDOW_DAYS } from '../action-items/action-items.js';
import { COMPOUND_STAFF, STAFF_ROLES, type Role } from '../roles/roles.js';

/**
 * The roles that stand for a responsible unit (责任单位): an item given to that unit is theirs to
 * start, and the staff section of new items (`newItems`) shows each role the items of its unit.
 * Grid workers are the first responders for green-level concerns; nobody told them of one.
 */
export const HOME_ROLE_UNITS = {
  grid_worker: 'grid',
  community_staff: 'community',
} as const satisfies Partial<Record<Role, string>>;

/** The staff sections and the roles (held at the compound) that see each; new items follow HOME_ROLE_UNITS. */
export const HOME_STAFF_SECTIONS = {
  /** Overdue and due-today items: those who work on items. */
  dueItems: ACTION_ITEM_WORKERS,
  /** Items resolved, waiting for their sign-off: those who may sign off (SIGN_OFF_ROLES), except what they resolved themselves. */
  toSignOff: COMPOUND_STAFF,
  /** Minutes to publish: the station and above, who publish them. */
  minutes: COMPOUND_STAFF,
  /** Today's meetings: every staff role. */
  meetingsToday: STAFF_ROLES,
  /** Votes closing soon, with turnout: the organisers. */
  votesClosing: COMPOUND_STAFF,
} as const satisfies Record<string, readonly Role[]>;
export type HomeStaffSection = keyof typeof HOME_STAFF_SECTIONS;

/** A vote closing within this many days is "closing soon". */
export const HOME_VOTES_CLOSING_DAYS = 7;
/**
 * Items from meetings (which any owner or resident may rate) are asked about while a dissatisfied
 * rating still reopens them; a resident's own concern until they have rated it.
 */
export const HOME_RATING_WINDOW_DAYS = REOPEN_WINDOW_DAYS;
/**
 * A resident's own evening-talk questions stay on their home this long after they asked, whatever
 * became of them (one put on the question list is an action item, under their concerns instead).
 */
export const HOME_QUESTIONS_DAYS = 30;
/** Each list shows at most this many entries and says how many there are in all. */
export const HOME_LIST_LIMIT = 10;
