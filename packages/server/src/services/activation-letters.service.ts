/**
 * Activation letters: one half A4 page per household (a person of a unit), with the compound, the
 * unit, a one-time code and its QR code, printed in batches per building for the building head to
 * deliver door to door — how notices reach elderly owners today. Printing issues the codes; a
 * reprint replaces a person's earlier letter. The codes exist only in the PDF: they are committed
 * after the PDF is made, so a failed render leaves the earlier letters valid.
 */
import {
  COMPOUND_STAFF,
  DomainError,
  formatAccessCode,
  formatChinaDate,
  formatUnitLabel,
  maskName,
  maskPhone,
  escapeHtml,
  type ActivationHouseholds,
  type ActivationHouseholdsQuery,
  type ActivationStatus,
  type LettersPreview,
} from '@yishi/core';
import QRCode from 'qrcode';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import { publicUrlOf } from '../config.js';
import { newId } from '../db/ids.js';
import { insertAccessCodes, voidOpenCodes } from '../db/repositories/accounts.repository.js';
import {
  countHouseholds,
  countHouseholdsByBuilding,
  countHouseholdsOfBuildings,
  insertLetterBatch,
  listHouseholds,
  listOpenLetters,
  listLetterBatches,
  readHouseholdsPage,
} from '../db/repositories/activation.repository.js';
import { findCompound, listBuildingsWithCounts } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { prepareAccessCode } from './access-codes.js';
import { letterName, phoneTailAmong } from './masked-names.js';
import { renderPdf } from './minutes-pdf.service.js';

/** The buildings an actor may print and see households for: all for station staff, their own for a building head. */
function buildingScope(actor: Actor, chain: PlaceChain): string[] | null {
  if (mayAct(actor, COMPOUND_STAFF, chain)) return null;
  return actor.grants.filter((g) => g.role === 'building_head' && g.compoundId === chain.compoundId && g.buildingId).map((g) => g.buildingId!);
}

export async function activationStatus(deps: Deps, actor: Actor, chain: PlaceChain): Promise<ActivationStatus> {
  const compoundId = chain.compoundId!;
  const scope = buildingScope(actor, chain);
  const now = deps.clock().toISOString();
  const [counts, total, batches, allBuildings] = await Promise.all([
    countHouseholdsByBuilding(deps.db, compoundId, now),
    countHouseholdsOfBuildings(deps.db, compoundId, scope, now),
    listLetterBatches(deps.db, compoundId),
    listBuildingsWithCounts(deps.db, compoundId),
  ]);
  const buildings = allBuildings.filter((b) => scope === null || scope.includes(b.id));
  return {
    total,
    buildings: buildings.map((b) => {
      const last = batches.find((batch) => batch.building_id === b.id || batch.building_id === null);
      return {
        id: b.id,
        name: b.name,
        ...(counts.get(b.id) ?? { households: 0, activated: 0, lettersOutstanding: 0 }),
        lastPrintedAt: last?.created_at ?? null,
      };
    }),
  };
}

/** One page of the households the actor may see (phones masked for a building head, who cannot search by phone either). */
export async function activationHouseholds(deps: Deps, actor: Actor, chain: PlaceChain, query: ActivationHouseholdsQuery): Promise<ActivationHouseholds> {
  const compoundId = chain.compoundId!;
  const scope = buildingScope(actor, chain);
  const seesPhones = scope === null;
  const filter = { scope, buildingId: query.buildingId, show: query.show, q: query.q, phones: seesPhones };
  const { rows, next } = await readHouseholdsPage(deps.db, compoundId, filter, query);
  return {
    items: rows.map((h) => ({
      personId: h.person_id,
      unitId: h.unit_id,
      unitLabel: formatUnitLabel(h.building, h.entrance, h.room),
      buildingId: h.building_id,
      name: h.name,
      phone: seesPhones ? h.phone : maskPhone(h.phone),
      relation: h.relation,
      activated: h.activated_at !== null,
    })),
    next,
    total: await countHouseholds(deps.db, compoundId, filter),
  };
}

/** A person getting a letter: the first flat addresses it, the others of this print are listed. */
interface Recipient {
  household: Awaited<ReturnType<typeof listHouseholds>>[number];
  units: string[];
  /** The phone's last four digits, when a flatmate's name masks the same. */
  phoneTail: string | null;
}

/**
 * Who a print makes letters for (one per person, however many flats), whose earlier letter it cancels,
 * and — printing one building — who is left out because they hold an open letter printed for another
 * building: one person, one valid letter (an owner of flats in 1栋 and 2栋 kept her 2栋 letter).
 */
async function planLetters(deps: Deps, compoundId: string, input: { buildingId: string | null; includeActivated: boolean }) {
  const all = await listHouseholds(deps.db, compoundId, input.buildingId ? [input.buildingId] : null);
  const households = all.filter((h) => input.includeActivated || !h.activatedAt);
  const open = await listOpenLetters(deps.db, compoundId, deps.clock().toISOString());
  const openOf = new Map(open.map((l) => [l.personId, l]));
  const flatmates = all.map((h) => ({ unitId: h.unitId, personId: h.personId, name: h.name, phone: h.phone }));
  const recipients = new Map<string, Recipient>();
  const kept = new Map<string, { name: string; units: string[]; heldFrom: string }>();
  for (const h of households) {
    const label = formatUnitLabel(h.building, h.entrance, h.room);
    const elsewhere = openOf.get(h.personId);
    if (input.buildingId && elsewhere?.buildingId && elsewhere.buildingId !== input.buildingId) {
      const entry = kept.get(h.personId) ?? { name: maskName(h.name), units: [], heldFrom: elsewhere.buildingName ?? '' };
      entry.units.push(label);
      kept.set(h.personId, entry);
      continue;
    }
    const entry = recipients.get(h.personId);
    if (entry) entry.units.push(label);
    else recipients.set(h.personId, { household: h, units: [label], phoneTail: null });
  }
  for (const r of recipients.values()) {
    const unitIds = all.filter((h) => h.personId === r.household.personId).map((h) => h.unitId);
    r.phoneTail = phoneTailAmong({ personId: r.household.personId, name: r.household.name, phone: r.household.phone }, unitIds, flatmates);
  }
  const replaced = [...recipients.values()]
    .filter((r) => openOf.has(r.household.personId))
    .map((r) => ({ name: letterName(r.household.name, r.phoneTail), units: r.units }));
  return { recipients: [...recipients.values()], replaced, kept: [...kept.values()] };
}

function assertMayPrint(actor: Actor, chain: PlaceChain, buildingId: string | null): void {
  const scope = buildingScope(actor, chain);
  if (scope !== null && (buildingId === null || !scope.includes(buildingId))) throw new DomainError('forbidden');
}

/** What printing would do, for the confirmation to name the people concerned. */
export async function previewActivationLetters(deps: Deps, actor: Actor, chain: PlaceChain, buildingId: string | null): Promise<LettersPreview> {
  assertMayPrint(actor, chain, buildingId);
  const plan = await planLetters(deps, chain.compoundId!, { buildingId, includeActivated: false });
  return { count: plan.recipients.length, replaced: plan.replaced, kept: plan.kept };
}

export async function printActivationLetters(
  deps: Deps,
  actor: Actor,
  chain: PlaceChain,
  input: { buildingId: string | null; includeActivated: boolean },
): Promise<{ pdf: Uint8Array; count: number; batchId: string; fileName: { compound: string; code: string; building: string | null } }> {
  const compoundId = chain.compoundId!;
  assertMayPrint(actor, chain, input.buildingId);
  const compound = (await findCompound(deps.db, compoundId))!;
  const { recipients } = await planLetters(deps, compoundId, input);
  if (recipients.length === 0) throw new DomainError('no_households');

  const now = deps.clock();
  const batchId = newId();
  const base = publicUrlOf(deps.config);
  const letters = recipients.map(({ household, units, phoneTail }) => {
    const { code, row } = prepareAccessCode('letter', { personId: household.personId }, { now, createdBy: actor.userId, batchId });
    return { household, units, phoneTail, code, row, link: `${base}/activate?code=${code}` };
  });
  const qrs = await Promise.all(letters.map((l) => QRCode.toString(l.link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })));
  const html = renderLettersHtml(
    { name: compound.name, address: compound.address, base },
    letters.map((l, i) => ({
      units: l.units,
      name: letterName(l.household.name, l.phoneTail),
      relation: l.household.relation,
      code: l.code,
      qrSvg: qrs[i]!,
      expiresAt: l.row.expires_at,
    })),
  );
  let pdf: Uint8Array;
  try {
    pdf = await renderPdf(html, null);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'minutes_pdf_unavailable') throw new DomainError('letters_unavailable', error.params);
    throw error;
  }
  await deps.db.transaction().execute(async (trx) => {
    const iso = now.toISOString();
    for (const l of letters) await voidOpenCodes(trx, { personId: l.household.personId }, ['letter'], iso);
    await insertLetterBatch(trx, {
      id: batchId,
      compound_id: compoundId,
      building_id: input.buildingId,
      created_by_user_id: actor.userId,
      created_at: iso,
      letter_count: letters.length,
    });
    await insertAccessCodes(
      trx,
      letters.map((l) => l.row),
    );
  });
  const building = input.buildingId ? letters[0]!.household.building : null;
  return { pdf, count: letters.length, batchId, fileName: { compound: compound.name, code: compound.code, building } };
}

interface LetterView {
  units: string[];
  /** Masked, told apart from a flatmate's (letterName). */
  name: string;
  relation: 'owner' | 'resident';
  code: string;
  qrSvg: string;
  expiresAt: string;
}

const LETTER_CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; }
.letter { height: 148.5mm; padding: 12mm 16mm 10mm; display: grid; grid-template-columns: 1fr 46mm; gap: 4mm 8mm; align-content: start; break-inside: avoid; }
.letter + .letter { border-top: 0.4pt dashed #777; }
.letter:nth-child(2n) { break-after: page; }
h1 { grid-column: 1 / -1; font-size: 17pt; margin: 0; letter-spacing: 0.05em; }
.to { grid-column: 1 / -1; font-size: 12.5pt; margin: 0; }
.body { font-size: 11.5pt; line-height: 1.75; margin: 0; }
.body p { margin: 0 0 2mm; text-indent: 2em; }
.code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 22pt; font-weight: 700; letter-spacing: 0.12em; border: 1pt solid #111; padding: 2mm 4mm; display: inline-block; margin: 1mm 0 2mm; }
.qr { text-align: center; font-size: 9pt; }
.qr svg { width: 44mm; height: 44mm; }
.steps { margin: 0; padding-left: 1.4em; font-size: 11pt; line-height: 1.7; }
.foot { grid-column: 1 / -1; font-size: 9.5pt; color: #333; margin: 0; }
`;

function renderLettersHtml(compound: { name: string; address: string; base: string }, letters: LetterView[]): string {
  const activateUrl = `${compound.base}/activate`;
  const body = letters
    .map((l) => {
      const who = l.relation === 'owner' ? '业主' : '居民';
      return `<section class="letter">
<h1>议事平台 · 账号激活通知</h1>
<p class="to">${escapeHtml(compound.name)} ${l.units.map(escapeHtml).join('、')}&#x3000;${escapeHtml(l.name)} ${who}：</p>
<div class="body">
<p>您好！小区的议事会议、业主表决和问题办理，现在可以在手机上参加和查看。请按下面的步骤激活您的账号：</p>
<ol class="steps">
<li>用手机扫描右边的二维码（或在浏览器打开 ${escapeHtml(activateUrl)}，输入激活码）；</li>
<li>阅读并同意个人信息保护说明；</li>
<li>设置您的登录密码（也可以选择只用短信验证码登录）。</li>
</ol>
<div>激活码：</div>
<div class="code">${escapeHtml(formatAccessCode(l.code))}</div>
<div>有效期至 ${escapeHtml(formatChinaDate(l.expiresAt))}，只能使用一次，请勿告诉他人。</div>
</div>
<div class="qr">${l.qrSvg}<div>扫码激活</div></div>
<p class="foot">有疑问或需要帮助，请找您的楼栋长或社区工作人员；小区公示栏在${escapeHtml(compound.address)}。工作人员不会向您索要密码。</p>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(compound.name)} 账号激活通知</title><style>${LETTER_CSS}</style></head>
<body>${body}</body></html>`;
}
