/**
 * A compound's staff group robots (WeCom group bots, DingTalk custom robots): added, changed and
 * removed by the compound's staff, each with the events it carries. Webhook addresses must be https
 * on a host the installation allows (YISHI_ROBOT_HOSTS), and are never shown whole again: the key in
 * them is what lets anyone post to the group.
 */
import {
  DomainError,
  NOTIFICATION_SPECS,
  ROBOT_EVENT_KINDS,
  maskRobotUrl,
  robotUrlProblem,
  type NotificationKind,
  type RobotInput,
  type RobotKind,
  type RobotPatch,
  type robotSchema,
} from '@yishi/core';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { newId } from '../db/ids.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { CompoundRobotRow } from '../db/tables/notifications.table.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications } from './notifications.service.js';

function checkUrl(deps: Deps, kind: RobotKind, url: string): void {
  const hosts = deps.config.notifications.robotHosts;
  const problem = robotUrlProblem(kind, url, hosts);
  if (problem) throw new DomainError(problem, { hosts: hosts.join(', ') });
}

function checkEvents(events: readonly NotificationKind[]): string {
  for (const kind of events)
    if (!ROBOT_EVENT_KINDS.includes(kind)) throw new DomainError('robot_event_invalid', { event: NOTIFICATION_SPECS[kind].label['zh-CN'] });
  return JSON.stringify([...new Set(events)]);
}

function checkSecret(kind: RobotKind, secret: string | undefined): string | null {
  if (!secret) return null;
  if (kind === 'wecom') throw new DomainError('robot_secret_wecom');
  return secret;
}

type Last = z.infer<typeof robotSchema>['last'];

function view(robot: CompoundRobotRow, last: Last) {
  return {
    id: robot.id,
    kind: robot.kind,
    name: robot.name,
    url: maskRobotUrl(robot.url),
    signed: robot.secret !== null,
    events: JSON.parse(robot.events_json) as NotificationKind[],
    enabled: robot.enabled === 1,
    last,
  };
}

async function lastOf(deps: Deps, robots: CompoundRobotRow[]): Promise<Map<string, Last>> {
  const last = new Map<string, Last>();
  for (const row of await repo.lastRobotDeliveries(
    deps.db,
    robots.map((r) => r.id),
  )) {
    if (!row.robot_id || last.has(row.robot_id)) continue;
    // A delivery waiting to be tried again has had a try that did not get through: say why, and when the next one is.
    const retrying = row.status === 'pending' && row.error_code !== null;
    last.set(row.robot_id, {
      status: row.status,
      at: row.sent_at ?? row.created_at,
      reason: row.reason,
      attempts: row.attempts,
      retryAt: retrying ? row.next_attempt_at : null,
      problem: row.status === 'sent' ? null : row.error_code,
    });
  }
  return last;
}

export async function listRobots(deps: Deps, compoundId: string) {
  const robots = await repo.listRobots(deps.db, compoundId);
  const last = await lastOf(deps, robots);
  return {
    robots: robots.map((r) => view(r, last.get(r.id) ?? null)),
    events: ROBOT_EVENT_KINDS.map((kind) => ({ kind, label: NOTIFICATION_SPECS[kind].label })),
    hosts: deps.config.notifications.robotHosts,
  };
}

async function loadRobot(deps: Deps, compoundId: string, robotId: string): Promise<CompoundRobotRow> {
  const robot = await repo.findRobot(deps.db, robotId);
  if (!robot || robot.compound_id !== compoundId) throw new DomainError('robot_not_found');
  return robot;
}

export async function addRobot(deps: Deps, actor: Actor, compoundId: string, input: RobotInput) {
  checkUrl(deps, input.kind, input.url);
  const now = deps.clock().toISOString();
  const id = newId();
  await repo.insertRobot(deps.db, {
    id,
    compound_id: compoundId,
    kind: input.kind,
    name: input.name,
    url: input.url.trim(),
    secret: checkSecret(input.kind, input.secret),
    events_json: checkEvents(input.events),
    enabled: 1,
    created_by_user_id: actor.userId,
    created_at: now,
    updated_at: now,
  });
  return view((await repo.findRobot(deps.db, id))!, null);
}

export async function changeRobot(deps: Deps, compoundId: string, robotId: string, patch: RobotPatch) {
  const robot = await loadRobot(deps, compoundId, robotId);
  if (patch.url !== undefined) checkUrl(deps, robot.kind, patch.url);
  await repo.updateRobot(deps.db, robotId, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.url !== undefined ? { url: patch.url.trim() } : {}),
    ...(patch.secret !== undefined ? { secret: checkSecret(robot.kind, patch.secret) } : {}),
    ...(patch.events !== undefined ? { events_json: checkEvents(patch.events) } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    updated_at: deps.clock().toISOString(),
  });
  const updated = (await repo.findRobot(deps.db, robotId))!;
  return view(updated, (await lastOf(deps, [updated])).get(robotId) ?? null);
}

export async function removeRobot(deps: Deps, compoundId: string, robotId: string): Promise<void> {
  await loadRobot(deps, compoundId, robotId);
  await repo.deleteRobot(deps.db, robotId);
}

export async function testRobot(deps: Deps, actor: Actor, compoundId: string, robotId: string) {
  await loadRobot(deps, compoundId, robotId);
  const result = await deps.db.transaction().execute((trx) => enqueueNotifications(trx, deps, { kind: 'robot_test', robotId, causedByUserId: actor.userId }));
  return { queued: result.deliveries > 0 };
}
