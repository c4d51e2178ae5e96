import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-messages.js';
import { MEETING_STEP_LABELS, meetingStepRefused } from '../meetings/meetings.js';

describe('error messages name statuses and steps in words, never in codes', () => {
  it.each([
    [
      'meeting_bad_transition',
      { from: 'in_session', action: 'start' },
      '会议当前为“会议进行中”，现在不能开始会议',
      'The meeting is "In session"; you cannot start the meeting now',
    ],
    ['meeting_wrong_kind', { kind: 'evening_talk' }, '该操作只适用于居民夜谈', 'This only applies to meetings of the kind "Evening talk"'],
    ['question_closed', { status: 'listed' }, '该问题已经处理（已列入问题清单）', 'This question has already been handled (listed for follow-up)'],
    [
      'action_item_bad_transition',
      { status: 'signed_off', event: 'edit' },
      '该事项当前状态（已销号）不能进行此操作',
      'This action item cannot do that in its current status (Signed off)',
    ],
    ['proposal_bad_transition', { status: 'merged' }, '提案当前状态为“已合并”，不能进行此操作', 'The proposal is "Merged"; this step is not possible'],
    [
      'triage_skip',
      { from: 'red', to: 'green' },
      '红黄绿等级须逐级调整，不能从红色·上报街道/部门直接调到绿色·网格员即办',
      'Triage moves one level at a time, not from Red · escalated to subdistrict/departments straight to Green · grid worker, at once',
    ],
  ] as const)('%s', (code, params, zh, en) => {
    expect(errorMessage(code, 'zh-CN', params)).toBe(zh);
    expect(errorMessage(code, 'en', params)).toBe(en);
  });

  it.each(['invite', 'sign_in', 'outcome', 'handle_question'] as const)('a meeting step refused (%s) is said in words in both languages', (action) => {
    const error = meetingStepRefused('scheduled', action);
    const zh = errorMessage(error.code, 'zh-CN', error.params);
    expect(zh).toMatch(/^会议当前为“已发布通知”，现在不能[\u4e00-\u9fff]+$/);
    expect(errorMessage(error.code, 'en', error.params)).toBe(`The meeting is "Scheduled"; you cannot ${MEETING_STEP_LABELS[action].en} now`);
  });

  it('leaves a parameter it has no words for as it is', () => {
    expect(errorMessage('meeting_bad_transition', 'en', { from: 'someday', action: 'start' })).toBe(
      'The meeting is "someday"; you cannot start the meeting now',
    );
    expect(errorMessage('body_too_large', 'en', { limit: '2 MB' })).toBe('The request body is too large (limit 2 MB)');
  });
});
