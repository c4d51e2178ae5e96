/**
 * A closed meeting's page (GET /meetings/:id) reads the minutes' versions once: for the owners'
 * committee, whose members sign the minutes, the same read gives how many versions are published and
 * the text whose signatures are shown; it used to count them in a second statement.
 */
import { meetingEndpoints } from '@yishi/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { statementLog } from '../testing/statement-log.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
const { log, counted } = statementLog();
beforeEach(async () => {
  t = await createTestApp({ log });
});
afterEach(() => t.close());

const readsVersions = (statement: string) => /from "minutes_versions"/.test(statement);

it.each([
  { kind: 'owners_committee', login: 'yeweihui', signed: true, case: "the demo owners' committee meeting, its minutes signed by the members and published" },
  { kind: 'four_party', login: 'zhanzhang', signed: false, case: 'a demo four-party council, whose members do not sign, its minutes published' },
] as const)('$case: one read of the versions', async ({ kind, login, signed }) => {
  const meeting = await t.deps.db
    .selectFrom('meetings')
    .innerJoin('minutes_versions', 'minutes_versions.meeting_id', 'meetings.id')
    .select('meetings.id')
    .where('meetings.kind', '=', kind)
    .executeTakeFirstOrThrow();
  const cookie = await t.login(login);
  const { answer, statements } = await counted(() => t.ok(meetingEndpoints.get, { cookie, params: { meetingId: meeting.id } }));
  expect(answer.minutesPublished).toBeGreaterThan(0);
  if (signed) expect(answer.minutesSignatures?.length).toBeGreaterThan(0);
  else expect(answer.minutesSignatures).toBeNull();
  expect(statements.filter(readsVersions)).toHaveLength(1);
});
