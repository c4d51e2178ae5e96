/**
 * The parts of a vote's evidence bundle that the owners' decisions add to the plain record: the
 * roll's correction requests and how each was resolved, the proxies with their signed forms, the
 * paper ballots with their slips and both staff members who handled them, the 询异 disputes, the
 * files published after closing (the open ballot), and the heads of its ballot log and of the
 * compound's ledger as published on the board.
 */
import { findPhoto } from '../../db/repositories/photos.repository.js';
import { listBallotDisputes, listRollObjections } from '../../db/repositories/vote-objections.repository.js';
import { listPaperEntries, listProxiesOfVote, listProxyUnits } from '../../db/repositories/vote-proxies.repository.js';
import type { Db } from '../../db/repositories/places.repository.js';
import { publishedHeadsOf } from '../anchors.service.js';
import { openBallotBallots, openBallotRoll } from '../open-ballot.service.js';
import { jsonFile, type EvidenceFile } from './bundle.js';
import type { VoteEvidenceSection } from './vote-evidence.js';

async function photoFile(db: Db, photoId: string, path: string, description: string): Promise<EvidenceFile | null> {
  const photo = await findPhoto(db, photoId);
  if (!photo) return null;
  const ext = photo.content_type === 'image/png' ? 'png' : photo.content_type === 'image/webp' ? 'webp' : 'jpg';
  return { path: `${path}.${ext}`, bytes: new Uint8Array(photo.bytes), description };
}

export const rollObjections: VoteEvidenceSection = async ({ deps, vote }) => [
  jsonFile('02-roll/objections.json', await listRollObjections(deps.db, vote.id), '名册更正申请及处理结果（理由、更正前后的数值）'),
];

export const proxies: VoteEvidenceSection = async ({ deps, vote }) => {
  const list = await listProxiesOfVote(deps.db, vote.id);
  const units = await listProxyUnits(
    deps.db,
    list.map((p) => p.id),
  );
  const files: EvidenceFile[] = [
    jsonFile(
      '03-ballots/proxies.json',
      list.map((p) => ({ ...p, units: units.filter((u) => u.proxy_id === p.id) })),
      '委托投票授权：委托人、受托人、确认方式与时间、撤销记录',
    ),
  ];
  for (const p of list) {
    const file = await photoFile(deps.db, p.form_photo_id, `03-ballots/proxy-forms/${p.id}`, '签字的授权委托书照片');
    if (file) files.push(file);
  }
  return files;
};

export const paperEntries: VoteEvidenceSection = async ({ deps, vote }) => {
  const list = await listPaperEntries(deps.db, vote.id);
  const files: EvidenceFile[] = [jsonFile('03-ballots/paper-entries.json', list, '纸质选票录入与复核记录（录入人、复核人、驳回理由）')];
  for (const e of list) {
    const file = await photoFile(deps.db, e.photo_id, `03-ballots/paper-slips/${e.slip_number || e.id}`, `纸质选票照片（${e.voter_label}）`);
    if (file) files.push(file);
  }
  return files;
};

export const disputes: VoteEvidenceSection = async ({ deps, vote }) => [
  jsonFile('05-disputes/disputes.json', await listBallotDisputes(deps.db, vote.id), '询异记录：回执码、业主的理由、处理结果及理由'),
];

export const openBallot: VoteEvidenceSection = async ({ deps, vote, locale }) => {
  if (vote.status !== 'closed') return [];
  return [
    jsonFile('05-published/roll.json', await openBallotRoll(deps, vote.id, locale), '结束后公开的参与名册（可用 yishi recount 重新计票）'),
    jsonFile('05-published/ballots.json', await openBallotBallots(deps, vote.id, locale), '结束后公开的选票及投票日志（可用 yishi recount 重新计票）'),
  ];
};

export const publishedHeads: VoteEvidenceSection = async ({ deps, vote }) => {
  const all = await publishedHeadsOf(deps.db, vote.compound_id);
  const mine = all.heads.filter((h) => (h.chain === 'ballot_log' && h.scopeId === vote.id) || h.chain === 'ledger');
  return [
    jsonFile(
      '06-proofs/published-heads.json',
      { ...all, heads: mine },
      '公示栏发布过的哈希链头（本表决的投票日志及本小区台账），可用 verify-ledger --heads 核对',
    ),
  ];
};
