/**
 * The recount: from a closed vote's two published files alone (./open-ballot.schema.ts) to the
 * result, with every check told in words. Pure: the caller (the `yishi recount` command) reads the
 * files and supplies sha256. What it checks, in order:
 *  1. both files describe the same vote;
 *  2. the roll adds up to the electorate's totals in the header;
 *  3. the ballot log's hash chain recomputes and ends at the published head;
 *  4. the counted ballots are exactly what the log counts (the latest entry of each receipt chain),
 *     with the same choices and positions;
 *  5. as many units took part on the roll as there are counted ballots (and, for a named ballot,
 *     their weights are the participants' areas and head groups);
 *  6. core's tallyVote over roll and ballots gives the published result.
 * A secret ballot's files leave out what would link ballots to units (see open-ballot.schema.ts), so
 * steps 5–6 compare only what they can: participation, and each option's ballot count.
 */
import { GENESIS_HASH, type Sha256Hex } from '../action-items/ledger.js';
import type { Locale } from '../i18n/locale.js';
import { formatAreaCenti } from '../places/area.js';
import { countedEntries, verifyBallotLog, type BallotLogEntry } from './ballot-log.js';
import type { ElectorateEntry } from './heads.js';
import type { OpenBallotBallots, OpenBallotRoll } from './open-ballot.schema.js';
import { tallyVote, type TallyBallot, type TallyResult } from './tally.js';

type Words = Record<Locale, string>;

export interface RecountCheck {
  ok: boolean;
  text: Words;
}

export interface RecountOutcome {
  checks: RecountCheck[];
  /** Every check passed: the files reproduce the published result. */
  matches: boolean;
  /** Whether the whole result (approval by area and heads included) could be recomputed. */
  complete: boolean;
  /** The recomputed result (null when the files were too broken to tally). */
  recomputed: TallyResult | null;
}

const areaWords = (centi: number) => `${formatAreaCenti(centi)}`;

function check(ok: boolean, zh: string, en: string): RecountCheck {
  return { ok, text: { 'zh-CN': zh, en } };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const sameChoices = (a: readonly string[], b: readonly string[]) => sameJson([...a].sort(), [...b].sort());

function chainChecks(files: OpenBallotBallots, voteId: string, sha256: Sha256Hex): RecountCheck[] {
  const { log, logHead } = files;
  const last = log.at(-1);
  const headOk = last ? last.position === logHead.position && last.hash === logHead.hash : logHead.position === 0 && logHead.hash === GENESIS_HASH;
  const headCheck = check(
    headOk,
    headOk
      ? `日志末条与公布的日志头一致（第 ${logHead.position} 条，${logHead.hash.slice(0, 12)}…）`
      : `日志末条与公布的日志头不一致（公布的是第 ${logHead.position} 条）`,
    headOk
      ? `The log ends at the published head (entry ${logHead.position}, ${logHead.hash.slice(0, 12)}…)`
      : `The log does not end at the published head (entry ${logHead.position})`,
  );
  if (!files.choicesPublished) {
    // The choices are withheld, so the hashes cannot be recomputed: only the links between entries.
    let linked = true;
    let prev = GENESIS_HASH;
    log.forEach((e, i) => {
      if (e.position !== i + 1 || e.prevHash !== prev) linked = false;
      prev = e.hash;
    });
    return [
      check(
        linked,
        linked ? `日志 ${log.length} 条首尾相连（选择未公布，无法重算每条的哈希）` : '日志条目的前后哈希对不上：日志被改动过',
        linked
          ? `The log's ${log.length} entries link up (choices withheld, so each hash cannot be recomputed)`
          : "The log's entries do not link up: it was altered",
      ),
      headCheck,
    ];
  }
  const entries: BallotLogEntry[] = log.map((e) => ({ ...e, voteId, choices: e.choices ?? [] }));
  const verified = verifyBallotLog(entries, sha256);
  const chain = verified.ok
    ? check(true, `投票日志 ${verified.entries} 条，哈希链逐条重算无误`, `Ballot log: ${verified.entries} entries, the hash chain recomputes entry by entry`)
    : check(
        false,
        `投票日志的哈希链在第 ${verified.brokenAt} 条断开（${verified.reason}）：日志或选票被改动过`,
        `The ballot log's hash chain breaks at entry ${verified.brokenAt} (${verified.reason}): the log or a ballot was altered`,
      );
  return [chain, headCheck];
}

function countedChecks(files: OpenBallotBallots, voteId: string): RecountCheck {
  const counted = countedEntries(files.log.map((e) => ({ ...e, voteId, choices: e.choices ?? [] })));
  const byReceipt = new Map(counted.map((e) => [e.receiptCode, e]));
  const problems: string[] = [];
  for (const b of files.ballots) {
    const entry = byReceipt.get(b.receiptCode);
    if (!entry) problems.push(`${b.receiptCode}: not counted by the log`);
    else if (b.logPosition !== entry.position) problems.push(`${b.receiptCode}: position ${b.logPosition} ≠ ${entry.position}`);
    else if (files.choicesPublished && !sameChoices(b.choices, entry.choices)) problems.push(`${b.receiptCode}: choices differ from the log`);
    byReceipt.delete(b.receiptCode);
  }
  for (const code of byReceipt.keys()) problems.push(`${code}: counted by the log but missing from the ballots`);
  return problems.length === 0
    ? check(
        true,
        `计入的 ${files.ballots.length} 张选票与日志逐张一致（回执码、选择、位置）`,
        `The ${files.ballots.length} counted ballots match the log one by one (receipt, choices, position)`,
      )
    : check(false, `选票与日志不一致：${problems.slice(0, 5).join('；')}`, `Ballots and log disagree: ${problems.slice(0, 5).join('; ')}`);
}

/** Pairs each ballot with a participant on the roll: by weight for a named ballot, in order for a secret one. */
function assignBallots(roll: OpenBallotRoll, files: OpenBallotBallots): { ballots: TallyBallot[]; unmatched: number } {
  const participants = roll.roll.map((r, i) => ({ ...r, key: `r${i}` })).filter((r) => r.tookPart);
  const ballots: TallyBallot[] = [];
  let unmatched = 0;
  if (!files.weightsPublished) {
    files.ballots.forEach((b, i) => ballots.push({ voterKey: participants[i]?.key ?? `missing${i}`, choices: b.choices }));
    return { ballots, unmatched: Math.max(0, files.ballots.length - participants.length) };
  }
  const free = new Map<string, string[]>();
  for (const p of participants) {
    const k = `${p.areaCenti}/${p.headGroup}`;
    free.set(k, [...(free.get(k) ?? []), p.key]);
  }
  for (const b of files.ballots) {
    const key = free.get(`${b.areaCenti}/${b.headGroup}`)?.shift();
    if (!key) unmatched += 1;
    ballots.push({ voterKey: key ?? `unmatched:${b.receiptCode}`, choices: b.choices });
  }
  return { ballots, unmatched };
}

function compareResult(published: OpenBallotRoll['header']['result'], mine: TallyResult, complete: boolean, choices: boolean): RecountCheck[] {
  const out: RecountCheck[] = [];
  const p = published.participation;
  const m = mine.participation;
  const partOk = p.ballots === m.ballots && p.heads === m.heads && p.areaCenti === m.areaCenti;
  out.push(
    check(
      partOk,
      `参与：${m.ballots} 票、${m.heads} 人、${areaWords(m.areaCenti)} 平方米（公布：${p.ballots} 票、${p.heads} 人、${areaWords(p.areaCenti)} 平方米）`,
      `Participation: ${m.ballots} ballots, ${m.heads} heads, ${areaWords(m.areaCenti)} m² (published: ${p.ballots}, ${p.heads}, ${areaWords(p.areaCenti)} m²)`,
    ),
  );
  for (const c of mine.checks) {
    if (!complete && !c.key.startsWith('participation')) continue;
    const pub = published.checks.find((x) => x.key === c.key && x.optionId === c.optionId);
    if (!pub) continue;
    const ok = pub.ok === c.ok && pub.value.num === c.value.num && pub.value.den === c.value.den;
    out.push(check(ok, `${c.text['zh-CN']}${ok ? '' : '（与公布的不同）'}`, `${c.text.en}${ok ? '' : ' (differs from the published one)'}`));
  }
  if (choices) {
    for (const o of mine.options) {
      const pub = published.options.find((x) => x.id === o.id);
      if (!pub || pub.ballots === null) continue;
      const ok = pub.ballots === o.ballots && (!complete || (pub.heads === o.heads && pub.areaCenti === o.areaCenti));
      const figures = complete ? `${o.ballots} 票、${o.heads} 人、${areaWords(o.areaCenti)} 平方米` : `${o.ballots} 票`;
      const figuresEn = complete ? `${o.ballots} ballots, ${o.heads} heads, ${areaWords(o.areaCenti)} m²` : `${o.ballots} ballots`;
      out.push(
        check(ok, `“${o.label}”：${figures}${ok ? '' : '（与公布的不同）'}`, `"${o.label}": ${figuresEn}${ok ? '' : ' (differs from the published one)'}`),
      );
    }
  }
  if (complete) {
    const ok = published.passed === mine.passed && sameJson([...published.winners].sort(), [...mine.winners].sort());
    out.push(
      check(
        ok,
        `结果：${mine.passed ? '通过' : '未通过'}${mine.winners.length ? `（${mine.winners.join('、')}）` : ''}，与公布的${ok ? '一致' : '不一致'}`,
        `Verdict: ${mine.passed ? 'passed' : 'not passed'}${mine.winners.length ? ` (${mine.winners.join(', ')})` : ''}, ${ok ? 'as published' : 'NOT as published'}`,
      ),
    );
  }
  return out;
}

export function recountOpenBallot(roll: OpenBallotRoll, files: OpenBallotBallots, sha256: Sha256Hex): RecountOutcome {
  const checks: RecountCheck[] = [];
  const header = roll.header;
  const sameVote = sameJson(roll.header, files.header);
  checks.push(
    check(
      sameVote,
      sameVote ? `两个文件是同一次表决：“${header.title}”（${header.voteId}）` : '两个文件的表头不同：不是同一次表决，或其中一个被改动过',
      sameVote
        ? `Both files are of the same vote: "${header.title}" (${header.voteId})`
        : 'The two files have different headers: not the same vote, or one was altered',
    ),
  );
  const units = roll.roll.length;
  const area = roll.roll.reduce((s, r) => s + r.areaCenti, 0);
  const heads = new Set(roll.roll.map((r) => (r.developerHeld ? 'developer' : r.headGroup))).size;
  const e = header.electorate;
  const totalsOk = units === e.units && area === e.areaCenti && heads === e.heads;
  checks.push(
    check(
      totalsOk,
      `名册：${units} 户、${heads} 人、${areaWords(area)} 平方米（表头：${e.units} 户、${e.heads} 人、${areaWords(e.areaCenti)} 平方米）`,
      `Roll: ${units} units, ${heads} heads, ${areaWords(area)} m² (header: ${e.units}, ${e.heads}, ${areaWords(e.areaCenti)} m²)`,
    ),
  );
  checks.push(...chainChecks(files, header.voteId, sha256));
  checks.push(countedChecks(files, header.voteId));
  const took = roll.roll.filter((r) => r.tookPart).length;
  const { ballots, unmatched } = assignBallots(roll, files);
  const partOk = took === files.ballots.length && unmatched === 0;
  checks.push(
    check(
      partOk,
      `名册上参与的 ${took} 户对应 ${files.ballots.length} 张选票${files.weightsPublished ? '（面积与人数分组逐张对应）' : ''}${unmatched ? `，${unmatched} 张对不上` : ''}`,
      `${took} units took part on the roll for ${files.ballots.length} ballots${files.weightsPublished ? ' (area and head group matched ballot by ballot)' : ''}${unmatched ? `, ${unmatched} unmatched` : ''}`,
    ),
  );
  const electorate: ElectorateEntry[] = roll.roll.map((r, i) => ({
    voterKey: `r${i}`,
    ownerPersonIds: [`group${r.headGroup}`],
    areaCenti: r.areaCenti,
    developerHeld: r.developerHeld,
  }));
  const recomputed = tallyVote({
    kind: header.kind,
    electorateKind: header.electorateKind,
    rule: header.rule,
    options: header.options,
    seats: header.seats,
    electorate,
    ballots,
  });
  const complete = files.weightsPublished && files.choicesPublished;
  checks.push(...compareResult(header.result, recomputed, complete, files.choicesPublished));
  if (!complete) {
    checks.push(
      check(
        true,
        '这是不记名表决：为防止把选票对应到房屋，文件不含每张选票的面积和人数分组，按面积、人数计算的同意比例无法从公开文件重算（上面已核对能核对的部分）',
        'This is a secret ballot: so that no ballot can be linked to a unit, the files carry no per-ballot area or head group, and the approval by area and heads cannot be recomputed from public files (everything else above was checked)',
      ),
    );
  }
  return { checks, matches: checks.every((c) => c.ok), complete, recomputed };
}
