/**
 * What the meeting route tests share: a refusal read off an answer, and a meeting's first steps through
 * the API (created next week in a compound, scheduled, started, closed) on whichever test app is current.
 */
import { meetingEndpoints, type MeetingKind } from '@yishi/core';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/** 18:00 (Beijing 19:00) a week after the route tests' "now" (2026-11-21). */
export const NEXT_WEEK = '2026-11-28T11:00:00.000Z';

/** The error of a refused call, after checking its status. */
export function refusal(answer: { status: number; error: { code: string; message: string } | null }, status: number) {
  expect(answer.status, JSON.stringify(answer.error)).toBe(status);
  return answer.error!;
}

/** `app` and `compoundId` are read at each call: the tests make a fresh app before each test. */
export function meetingApi(app: () => TestApp, compoundId: () => string) {
  async function createMeeting(login: string, kind: MeetingKind, title = '停车难议事会') {
    const cookie = await app().login(login);
    const answer = await app().api(meetingEndpoints.create, {
      cookie,
      params: { compoundId: compoundId() },
      body: { kind, title, startsAt: NEXT_WEEK, place: '都市春天服务站二楼' },
    });
    return { cookie, answer };
  }
  async function createdMeeting(login: string, kind: MeetingKind, title?: string) {
    const { cookie, answer } = await createMeeting(login, kind, title);
    expect(answer.status, JSON.stringify(answer.error)).toBe(201);
    return { cookie, view: answer.data!, id: answer.data!.meeting.id };
  }
  const step = (action: 'schedule' | 'start' | 'close', cookie: string, meetingId: string) =>
    app().ok(meetingEndpoints[action], { cookie, params: { meetingId } });
  return { createMeeting, createdMeeting, step };
}
