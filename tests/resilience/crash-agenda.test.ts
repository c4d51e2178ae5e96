/**
 * Crash during agenda editing: four committee members keep adding items to one agenda through the
 * stock y-websocket client while two others watch; the server process gets SIGKILL mid-way and is
 * restarted on the same database. Every item any client had received from the server before the kill is
 * in the document afterwards, with its title intact.
 */
import { describe, expect, it } from 'vitest';
import { crashTestDatabase } from '../support/database.js';
import { agendaEditingCrash, checkAgendaSurvived } from './agenda-crash.js';

const database = crashTestDatabase({ seeded: true });

describe('SIGKILL in the middle of agenda editing', () => {
  it('keeps every update any client had received from the server', async () => {
    const outcome = await agendaEditingCrash({ dbPath: database.url, writers: 4, killAfterSeen: 120, track: database.track });
    expect(outcome.seen.size).toBeGreaterThanOrEqual(120);
    expect(checkAgendaSurvived(outcome)).toEqual([]);
    // The check can fail: one received item missing after the restart is noticed.
    const after = new Map(outcome.after);
    after.delete([...outcome.seen][0]!);
    expect(checkAgendaSurvived({ ...outcome, after }).join('\n')).toMatch(/missing after restart/);
    console.log(
      `[crash-agenda] ${outcome.authored.size} items written, ${outcome.seen.size} received by another client before SIGKILL, ${outcome.after.size} in the document after restart`,
    );
  });
});
