/**
 * A meeting's evidence bundle: the record the minutes are written from (notice, agenda, attendance,
 * outcomes, questions), every published minutes version with its reason, the full record of each
 * vote put from its agenda, and its action items with their ledger entries and the proof of the
 * compound's chain.
 */
import { formatChinaDateTime, type Locale } from '@yishi/core';
import type { Actor } from '../../auth/actor.js';
import { listLedgerEntriesOfItems, listVoteIdsOfAgendaItems } from '../../db/repositories/evidence.repository.js';
import { listAgendaItems } from '../../db/repositories/meetings.repository.js';
import { listActionItemsOfMeeting, listMinutesVersions } from '../../db/repositories/minutes.repository.js';
import type { Deps } from '../../deps.js';
import { letOthersRun } from '../export-pages.js';
import { verifyLedger } from '../ledger.service.js';
import { assertRunner, loadMeeting } from '../meeting-access.js';
import { loadMeetingRecord } from '../minutes-record.js';
import { loadVoteSettled } from '../votes.service.js';
import { jsonFile, packBundle, textFile, type EvidenceFile } from './bundle.js';
import { VOTE_SECTIONS } from './vote-evidence.js';

export async function meetingEvidenceBundle(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  locale: Locale,
): Promise<{ title: string; zip: Uint8Array<ArrayBuffer> }> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertRunner(loaded);
  const { meeting } = loaded;
  const files: EvidenceFile[] = [];
  const record = await loadMeetingRecord(deps.db, meetingId);
  files.push(jsonFile('00-meeting.json', record, '会议记录：通知、议题、签到、议定事项、居民问题、表决与整改事项'));

  const versions = await listMinutesVersions(deps.db, meetingId);
  for (const v of versions)
    files.push(
      textFile(
        `01-minutes/v${v.version}.txt`,
        `第 ${v.version} 版，发布时间：${formatChinaDateTime(v.published_at)}${v.reason ? ` 更正理由：${v.reason}` : ''}\n\n${v.body}\n`,
        `会议纪要第 ${v.version} 版（发布时间${v.reason ? '、更正理由' : ''}）`,
      ),
    );
  if (versions.length === 0) files.push(textFile('01-minutes/README.txt', '会议纪要尚未发布。\n', '会议纪要说明'));

  const agenda = await listAgendaItems(deps.db, meetingId);
  for (const { id } of await listVoteIdsOfAgendaItems(
    deps.db,
    agenda.map((a) => a.id),
  )) {
    const vote = await loadVoteSettled(deps, id);
    for (const section of VOTE_SECTIONS) {
      for (const f of await section({ deps, vote, locale }))
        files.push({ ...f, path: `02-votes/${vote.id}/${f.path}`, description: `表决“${vote.title}”：${f.description}` });
      await letOthersRun();
    }
  }

  const items = await listActionItemsOfMeeting(deps.db, meetingId);
  const entries = await listLedgerEntriesOfItems(
    deps.db,
    meeting.compound_id,
    items.map((i) => i.id),
  );
  files.push(jsonFile('03-action-items/items.json', items, '本次会议列入的整改事项及当前状态、销号编号'));
  files.push(jsonFile('03-action-items/ledger-entries.json', entries, '这些事项在台账哈希链上的记录（含序号与哈希）'));
  files.push(jsonFile('03-action-items/ledger-verification.json', await verifyLedger(deps.db, meeting.compound_id), '本小区台账哈希链的完整校验结果'));

  const facts: Array<[string, string]> = [
    ['会议', meeting.title],
    ['会议类型', loaded.spec.label['zh-CN']],
    ['时间', formatChinaDateTime(meeting.started_at ?? meeting.starts_at)],
    ['地点', meeting.place],
    ['纪要版本', versions.length ? `${versions.length} 版` : '未发布'],
    ['整改事项', `${items.length} 项`],
  ];
  const zip = await packBundle({ subject: { kind: 'meeting', id: meeting.id, title: meeting.title }, facts, files, generatedAt: deps.clock().toISOString() });
  return { title: meeting.title, zip };
}
