/**
 * The role whose grants name the members of a meeting kind attended by members (a party's
 * representative). Not with the meetings, so that the app's shell can read it without them, and not
 * in roles.ts, so that it reads it without the roles' labels in both languages.
 */
import type { Role } from './roles.js';

export const MEMBER_ROLE: Role = 'party_rep';
