import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import type { Role } from '../roles/roles.js';
import {
  changeTriage,
  concernDeadline,
  formatSignOffNumber,
  initialTriage,
  isOverdue,
  parseSignOffNumber,
  ratingReopens,
  responseTargets,
  suggestedEscalation,
  transition,
} from './action-items.js';

const roles = (...list: Role[]) => new Set<Role>(list);
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('lifecycle', () => {
  it('goes open → in progress → resolved → signed off', () => {
    expect(transition('open', 'start')).toBe('in_progress');
    expect(transition('in_progress', 'resolve')).toBe('resolved');
    expect(transition('resolved', 'sign_off')).toBe('signed_off');
  });
  it('refuses to sign off an item that is not resolved, and to sign off twice', () => {
    expect(codeOf(() => transition('in_progress', 'sign_off'))).toBe('action_item_bad_transition');
    expect(codeOf(() => transition('signed_off', 'sign_off'))).toBe('action_item_bad_transition');
  });
  it('reopens only a signed-off item, back to in progress', () => {
    expect(transition('signed_off', 'reopen')).toBe('in_progress');
    expect(codeOf(() => transition('open', 'reopen'))).toBe('action_item_bad_transition');
  });
});

describe('triage (红黄绿)', () => {
  it('starts department matters red, online concerns for the property company green, the rest yellow', () => {
    expect(initialTriage({ sourceKind: 'council_outcome', responsibleUnit: 'department:住建局' })).toBe('red');
    expect(initialTriage({ sourceKind: 'concern', responsibleUnit: null })).toBe('green');
    expect(initialTriage({ sourceKind: 'concern', responsibleUnit: 'property_manager' })).toBe('green');
    expect(initialTriage({ sourceKind: 'evening_question', responsibleUnit: 'community' })).toBe('yellow');
  });
  it('reads units typed in words: 物业 is the property manager, 区住建局 a department', () => {
    expect(initialTriage({ sourceKind: 'evening_question', responsibleUnit: '物业' })).toBe('yellow');
    expect(initialTriage({ sourceKind: 'concern', responsibleUnit: '物业公司' })).toBe('green');
    expect(initialTriage({ sourceKind: 'evening_question', responsibleUnit: '区住建局' })).toBe('red');
  });
  it('escalates one level at a time with a reason', () => {
    expect(changeTriage({ status: 'open', from: 'green', to: 'yellow', reason: '需社区协调', roles: roles('grid_worker') })).toMatchObject({
      direction: 'escalate',
      to: 'yellow',
    });
    expect(codeOf(() => changeTriage({ status: 'open', from: 'green', to: 'red', reason: 'x', roles: roles('station_chief') }))).toBe('triage_skip');
    expect(codeOf(() => changeTriage({ status: 'open', from: 'green', to: 'yellow', reason: '  ', roles: roles('station_chief') }))).toBe(
      'triage_reason_required',
    );
    expect(codeOf(() => changeTriage({ status: 'open', from: 'green', to: 'green', reason: 'x', roles: roles('station_chief') }))).toBe('triage_unchanged');
  });
  it('only the subdistrict or the station chief moves an item into or out of red', () => {
    expect(codeOf(() => changeTriage({ status: 'in_progress', from: 'yellow', to: 'red', reason: '需住建局', roles: roles('community_staff') }))).toBe(
      'triage_red_needs_subdistrict',
    );
    expect(changeTriage({ status: 'in_progress', from: 'yellow', to: 'red', reason: '需住建局', roles: roles('station_chief') }).direction).toBe('escalate');
    expect(changeTriage({ status: 'in_progress', from: 'red', to: 'yellow', reason: '部门已答复', roles: roles('subdistrict_committee') }).direction).toBe(
      'de_escalate',
    );
  });
  it('grid workers may escalate but not de-escalate; owners may do neither; signed-off items are frozen', () => {
    expect(codeOf(() => changeTriage({ status: 'open', from: 'yellow', to: 'green', reason: 'x', roles: roles('grid_worker') }))).toBe('forbidden');
    expect(codeOf(() => changeTriage({ status: 'open', from: 'green', to: 'yellow', reason: 'x', roles: roles('owner') }))).toBe('forbidden');
    expect(codeOf(() => changeTriage({ status: 'signed_off', from: 'green', to: 'yellow', reason: 'x', roles: roles('station_chief') }))).toBe('triage_closed');
  });
  it('suggests escalating an overdue item one level', () => {
    expect(suggestedEscalation('green', true)).toBe('yellow');
    expect(suggestedEscalation('yellow', true)).toBe('red');
    expect(suggestedEscalation('red', true)).toBeNull();
    expect(suggestedEscalation('green', false)).toBeNull();
  });
});

describe('overdue', () => {
  it('is overdue after the due date while still open or in progress', () => {
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-11-20' }, '2026-11-21')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-11-21' }, '2026-11-21')).toBe(false);
    expect(isOverdue({ status: 'resolved', dueDate: '2026-11-01' }, '2026-11-21')).toBe(false);
  });
});

describe('"1341" targets', () => {
  const at = new Date('2026-11-21T02:00:00.000Z');
  it('on site within 10 minutes, ordinary solved within 30 minutes', () => {
    expect(responseTargets(at, 'ordinary')).toEqual({ onSiteBy: '2026-11-21T02:10:00.000Z', resolveBy: '2026-11-21T02:30:00.000Z', resolveKind: 'solution' });
  });
  it('complex within 4 hours, a plan for a major one within 1 day', () => {
    expect(responseTargets(at, 'complex').resolveBy).toBe('2026-11-21T06:00:00.000Z');
    expect(responseTargets(at, 'major')).toMatchObject({ resolveBy: '2026-11-22T02:00:00.000Z', resolveKind: 'plan' });
  });
  it('an urgent concern is due when its promise falls, not a week later; a major one and the rest in 5 working days', () => {
    // Friday 20 Nov 2026, 10:00 in China.
    const friday = new Date('2026-11-20T02:00:00.000Z');
    expect(concernDeadline(friday, 'ordinary')).toEqual({ workdays: 0, dueDate: '2026-11-20', calendarMissing: false });
    // Reported at 22:00: four hours later is the next (China) day.
    expect(concernDeadline(new Date('2026-11-20T14:00:00.000Z'), 'complex')).toMatchObject({ workdays: 0, dueDate: '2026-11-21' });
    expect(concernDeadline(friday, 'major')).toMatchObject({ workdays: 5, dueDate: '2026-11-27' });
    expect(concernDeadline(friday, null)).toMatchObject({ workdays: 5, dueDate: '2026-11-27' });
  });
});

describe('sign-off numbers', () => {
  it('formats <compound code>-<year>-<4-digit sequence>', () => {
    expect(formatSignOffNumber('DSCT', 2026, 1)).toBe('DSCT-2026-0001');
    expect(formatSignOffNumber('CY', 2025, 123)).toBe('CY-2025-0123');
    expect(formatSignOffNumber('DSCT', 2026, 12345)).toBe('DSCT-2026-12345');
  });
  it('parses what it formats and rejects other text', () => {
    expect(parseSignOffNumber('DSCT-2026-0042')).toEqual({ compoundCode: 'DSCT', year: 2026, sequence: 42 });
    expect(parseSignOffNumber('DSCT-2026-42')).toBeNull();
    expect(() => formatSignOffNumber('DSCT', 2026, 0)).toThrow(RangeError);
  });
});

describe('ratings', () => {
  it('a dissatisfied rating within the window reopens; later or other ratings do not', () => {
    const signed = '2026-11-01T00:00:00.000Z';
    expect(ratingReopens('dissatisfied', signed, new Date('2026-11-10T00:00:00Z'))).toBe(true);
    expect(ratingReopens('dissatisfied', signed, new Date('2026-12-10T00:00:00Z'))).toBe(false);
    expect(ratingReopens('basically_satisfied', signed, new Date('2026-11-02T00:00:00Z'))).toBe(false);
  });
});
