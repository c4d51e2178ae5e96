/**
 * Proxies and paper ballots in a real Chromium on a 360×740 phone: the demo owner 王建国 authorises
 * 刘洋 for his flat 1栋1单元301 with a photo of the signed form and confirms with the SMS code; 刘洋
 * finds "代理 1栋1单元301（委托人 王*国）" on the vote page and votes for it after a confirmation;
 * the station chief reviews a paper slip the deputy entered, with its photo (四眼复核).
 */
import { proxyEndpoints, voteEndpoints } from '@yishi/core';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, holdRequests, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { focusedControl } from '../support/forms.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TITLE = '利用小区共有场地建设电动自行车充电棚';

let server: TestServer;
let browser: Browser;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer({ captureSms: true });
  browser = await launchBrowser();
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
  voteId = votes.find((v) => v.title === TITLE && v.status === 'open')!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

/** What a native control's aria-describedby points at, read as a screen reader does ('' when nothing). */
const describedBy = (control: Locator) =>
  control.evaluate((el) => {
    const root = el.getRootNode() as ShadowRoot;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return ids.map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' ');
  });

/** The staff panels are drawn with native controls: no Shoelace element inside them. */
const SHOELACE = 'sl-button, sl-dialog, sl-input, sl-textarea, sl-checkbox, sl-radio-group, sl-radio, sl-select, sl-option';

const signedPaper = () =>
  sharp({ create: { width: 600, height: 800, channels: 3, background: '#f5f2ea' } })
    .jpeg()
    .toBuffer();

/** Whether the element is within the phone's screen, top to bottom. */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });

describe('voting by proxy on a phone', () => {
  test('an owner authorises a proxy and confirms by SMS code; the proxy votes for the unit; staff review a paper slip with its photo', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      const panel = page.locator('yishi-proxy-panel');
      await panel.getByRole('heading', { name: '委托投票' }).waitFor();
      // The form opens behind a button: most owners only vote, and the page stays light for them —
      // no Shoelace and no photo picker until the owner asks for the form.
      await panel.getByText(/不方便自己投票时/).waitFor();
      const defined = () => page.evaluate(() => ['sl-button', 'sl-dialog', 'sl-input', 'yishi-photo-picker'].filter((tag) => customElements.get(tag)));
      expect(await defined()).toEqual([]);
      await panel.getByRole('button', { name: '委托他人代我投票' }).click();
      await panel.locator('yishi-photo-picker').getByText('签字的授权委托书（拍照）').waitFor();
      expect(await defined()).toContain('yishi-photo-picker');
      // Sent with nothing filled in: the refusal is brought into view (below the fold on a phone), the focus on the first flat.
      await panel.getByRole('button', { name: '提交委托，发送验证码' }).click();
      const needUnit = panel.getByRole('alert').filter({ hasText: '请选择至少一套房屋' });
      await expect.poll(() => onScreen(needUnit)).toBe(true);
      await expect.poll(() => focusedControl(page)).toBe('unit');
      await panel.getByRole('checkbox', { name: '1栋1单元301' }).check();
      await panel.getByRole('textbox', { name: '受托人手机号' }).fill('138 0000 0002');
      const form = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f5f2ea' } })
        .jpeg()
        .toBuffer();
      await panel.locator('input[type=file]').setInputFiles({ name: 'weituoshu.jpg', mimeType: 'image/jpeg', buffer: form });
      await panel.getByRole('img', { name: /第 1 张/ }).waitFor();
      await panel.locator('form.card').screenshot({ path: `${SCREENSHOTS}/proxy-authorise-phone.png` });
      await panel.getByRole('button', { name: '提交委托，发送验证码' }).click();
      await panel.getByText('验证码已发送到 138****0001').waitFor();
      await panel.getByText('待确认（受托人暂不能投票）').waitFor();
      // The next step, where the code goes, is on the screen: it had stayed below the fold, the owner seeing only the form's button again.
      await expect.poll(() => onScreen(panel.getByRole('textbox', { name: '短信验证码' }))).toBe(true);
      const code = /验证码为(\d{6})/.exec(server.smsLog.at(-1) ?? '')![1]!;
      await panel.getByRole('textbox', { name: '短信验证码' }).fill(code);
      await panel.getByRole('button', { name: '确认委托' }).click();
      await panel.getByText('委托已生效，已通知受托人').waitFor();
      await expectNoSeriousA11yViolations(page);
      await panel.screenshot({ path: `${SCREENSHOTS}/proxy-owner-phone.png` });
    });

    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu2');
      await page.goto(`${server.url}/votes/${voteId}`);
      // The proxy reads it in elder mode: bigger type, 48 px tap targets.
      await setElderModeSwitch(page, true);
      const panel = page.locator('yishi-proxy-panel');
      const card = panel.locator('.card', { hasText: '代理 1栋1单元301（委托人 王*国）' });
      await card.waitFor();
      await card.getByRole('button', { name: '同意' }).click();
      await panel.getByText('确认代 王*国 为 1栋1单元301 投“同意”？').waitFor();
      // A modal dialog: what is behind it cannot be reached until it is answered.
      await panel.getByRole('dialog', { name: '为 1栋1单元301 投票' }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/proxy-cast-dialog-phone.png` });
      await panel.getByRole('button', { name: '确认投票' }).click();
      const done = card.locator('.cast-state');
      await expect.poll(() => done.textContent()).toMatch(/已代为投票：1栋1单元301 投“同意”/);
      const code = /回执码（委托人也能看到）：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec((await done.textContent()) ?? '')?.[1];
      expect(code).toBeTruthy();
      // The owner sees the proxy's receipt with the unit.
      const given = await (await new ApiClient(server.url).login('yezhu')).ok(proxyEndpoints.mine, { params: { voteId } });
      expect(given.given[0]!.units[0]).toMatchObject({ label: '1栋1单元301', votedBy: 'proxy', proxyReceiptCode: code });
      await card.getByRole('button', { name: '改投' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await panel.screenshot({ path: `${SCREENSHOTS}/proxy-phone.png` });
    });

    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}/manage`);
      await setElderModeSwitch(page, true);
      const panel = page.locator('yishi-paper-ballots-panel');
      const review = panel.locator('section', { has: page.getByRole('heading', { name: '待复核（2）' }) });
      await review.waitFor();
      const first = review.locator('li').first();
      await first.getByRole('img', { name: /纸质选票照片/ }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await review.screenshot({ path: `${SCREENSHOTS}/paper-review.png` });
      expect(await panel.locator(SHOELACE).count()).toBe(0);
      await first.getByRole('button', { name: '核对无误，计入' }).click();
      const confirm = panel.getByRole('dialog', { name: /^确认 .+ 的纸质票？$/ });
      await confirm.getByText(/请再对照一次照片/).waitFor();
      await confirm.getByRole('button', { name: '核对无误，计入' }).click();
      await panel.getByText(/^已计入，回执码 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/).waitFor();
      await panel.getByRole('heading', { name: '待复核（1）' }).waitFor();
      await confirm.waitFor({ state: 'hidden' });

      // The station chief enters a slip himself. Sent empty, it is refused: each problem under its
      // field, the focus on the first; a field edited loses its problem.
      const entry = panel.locator('form.card');
      const unit = entry.getByRole('combobox', { name: '房屋', exact: true });
      const choice = entry.getByRole('group', { name: '选票上的选择' });
      await entry.getByRole('button', { name: '提交复核' }).click();
      await expect.poll(() => unit.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(unit)).not.toBe('');
      expect(await describedBy(choice)).not.toBe('');
      await expect.poll(() => focusedControl(page)).toBe('unitId');
      await entry.getByRole('textbox', { name: '查找房屋（输入房号）' }).fill('3栋');
      const firstMatch = unit.locator('option').nth(1);
      await expect.poll(() => firstMatch.textContent(), { timeout: 10_000 }).toMatch(/^3栋/);
      const unitLabel = (await firstMatch.textContent())!;
      await unit.selectOption({ label: unitLabel });
      await expect.poll(() => unit.getAttribute('aria-invalid')).toBe('false');
      expect(await describedBy(unit)).toBe('');
      await choice.getByRole('radio', { name: '同意' }).check();
      expect(await describedBy(choice)).toBe('');
      await entry.getByRole('textbox', { name: '选票编号（必填）' }).fill('K-901');
      await entry.locator('input[type=file]').setInputFiles({ name: 'xuanpiao.jpg', mimeType: 'image/jpeg', buffer: await signedPaper() });
      await entry.getByRole('img', { name: /第 1 张/ }).waitFor();
      await entry.getByRole('button', { name: '提交复核' }).click();
      await entry.getByText(`${unitLabel} 的纸质票已录入，等待另一位工作人员复核`).waitFor();
      await panel.getByRole('heading', { name: '待复核（2）' }).waitFor();
      // The next slip starts blank.
      expect(await entry.getByRole('textbox', { name: '选票编号（必填）' }).inputValue()).toBe('');
      expect(await choice.getByRole('radio', { name: '同意' }).isChecked()).toBe(false);
      await review.locator('li', { hasText: `编号 K-901` }).getByText('您录入的，需由另一位工作人员复核').waitFor();

      // The other slip waiting does not match its photo: rejected with a reason, asked for under its field when missing.
      await review.locator('li', { hasNotText: '编号 K-901' }).getByRole('button', { name: '退回' }).click();
      const reject = panel.getByRole('dialog', { name: /^退回 .+ 的纸质票$/ });
      const reason = reject.getByRole('textbox', { name: '退回理由（必填）' });
      await reject.getByRole('button', { name: '退回', exact: true }).click();
      await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(reason)).not.toBe('');
      await expect.poll(() => focusedControl(page)).toBe('reason');
      await reason.fill('照片上的选择看不清');
      expect(await reason.getAttribute('aria-invalid')).toBe('false');
      await expectNoSeriousA11yViolations(page);
      await reject.getByRole('button', { name: '退回', exact: true }).click();
      await panel.getByText('已退回').waitFor();
      await panel.getByRole('heading', { name: '待复核（1）' }).waitFor();
      await reject.waitFor({ state: 'hidden' });

      // An owner brought a signed form to the office: the station chief records it, confirmed at once.
      const staffPanel = page.locator('yishi-proxy-staff-panel');
      await staffPanel.getByRole('heading', { name: '委托投票登记（1）' }).waitFor();
      expect(await staffPanel.locator(SHOELACE).count()).toBe(0);
      // Sent without a unit or a photo: both said under their fields, the focus on the unit.
      const units = staffPanel.getByRole('combobox', { name: '委托的房屋' });
      await staffPanel.getByRole('button', { name: '登记委托' }).click();
      await expect.poll(() => describedBy(units)).toBe('请选择至少一套房屋');
      await staffPanel.getByText('请上传签字的授权委托书照片').waitFor();
      await expect.poll(() => focusedControl(page)).toBe('unitIds');
      expect(await staffPanel.getByRole('dialog').count()).toBe(0);
      await staffPanel.getByRole('textbox', { name: '委托人（业主）手机号' }).fill('13700000010');
      await staffPanel.getByRole('textbox', { name: '查找房屋（输入房号）' }).fill('1栋2单元602');
      await units.selectOption({ label: '1栋2单元602' });
      expect(await describedBy(units)).toBe('');
      const proxyPhone = staffPanel.getByRole('textbox', { name: '受托人手机号' });
      await proxyPhone.fill('136-0000-0001');
      expect(await describedBy(proxyPhone)).toBe('受托人须先用这个手机号开通议事平台账号');
      await staffPanel.locator('input[type=file]').setInputFiles({ name: 'weituoshu.jpg', mimeType: 'image/jpeg', buffer: await signedPaper() });
      await staffPanel.getByRole('img', { name: /第 1 张/ }).waitFor();
      expect(await staffPanel.getByText('请上传签字的授权委托书照片').count()).toBe(0);
      await staffPanel.getByRole('button', { name: '登记委托' }).click();
      const record = staffPanel.getByRole('dialog', { name: '登记这份委托？' });
      await record.getByText(/请确认已核对委托人身份和签字的委托书/).waitFor();
      await expectNoSeriousA11yViolations(page);
      await record.getByRole('button', { name: '登记委托' }).click();
      await staffPanel.getByRole('heading', { name: '委托投票登记（2）' }).waitFor();
      await staffPanel.getByText('1栋2单元602：委托人 何*英 → 受托人 赵磊').waitFor();
      await record.waitFor({ state: 'hidden' });
      // The form starts blank for the next owner.
      expect(await staffPanel.getByRole('textbox', { name: '委托人（业主）手机号' }).inputValue()).toBe('');
    });

    // The owner revokes: an irreversible step asked in a modal dialog; Esc leaves everything as it was.
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      const panel = page.locator('yishi-proxy-panel');
      await panel.getByText('1栋1单元301：受托人已投票', { exact: false }).waitFor();
      const revoke = panel.getByRole('button', { name: '撤销委托' });
      await revoke.click();
      const dialog = panel.getByRole('dialog', { name: '撤销这份委托？' });
      await dialog.getByText(/受托人已投的票将被撤回/).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      const owner = await new ApiClient(server.url).login('yezhu');
      expect((await owner.ok(proxyEndpoints.mine, { params: { voteId } })).given[0]!.status).toBe('confirmed');
      await revoke.click();
      await dialog.getByRole('button', { name: '撤销委托' }).click();
      await panel.getByText('委托已撤销').waitFor();
      const after = (await owner.ok(proxyEndpoints.mine, { params: { voteId } })).given[0]!;
      expect(after).toMatchObject({ status: 'revoked' });
      expect(after.units[0]!.votedBy).not.toBe('proxy');
    });
  });
});

describe('entering paper slips while others do', () => {
  test('a slip being typed stays when the page’s refresh comes back with another staff member’s entry', async () => {
    const dsct = await compoundIdByCode(server.deps, 'DSCT');
    // A flat with no ballot yet and no slip entered, for the other staff member's slip.
    const unit = await server.deps.db
      .selectFrom('units')
      .select('units.id')
      .where('units.compound_id', '=', dsct)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('ballots').select('ballots.id').where('ballots.vote_id', '=', voteId).whereRef('ballots.unit_id', '=', 'units.id'))),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('paper_ballot_entries')
              .select('paper_ballot_entries.id')
              .where('paper_ballot_entries.vote_id', '=', voteId)
              .whereRef('paper_ballot_entries.unit_id', '=', 'units.id'),
          ),
        ),
      )
      .orderBy('units.id')
      .executeTakeFirstOrThrow();
    const deputy = await new ApiClient(server.url).login('fuzhan');
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}/manage`);
      const panel = page.locator('yishi-paper-ballots-panel');
      const heading = panel.getByRole('heading', { name: /^待复核（\d+）$/ });
      await heading.waitFor();
      const before = await heading.textContent();
      // The page's next refresh (every 5 s) leaves while the form is untouched; its answer is held back.
      const count = await holdRequests(page, /\/api\/votes\/[^/]+\/paper-ballots\?.*limit=1/);
      await count.arrived;
      // Meanwhile another staff member enters a slip, and this one starts typing the next.
      const photo = await fetch(`${server.url}/api/votes/${voteId}/photos`, {
        method: 'POST',
        headers: { cookie: deputy.cookie, 'content-type': 'image/jpeg', origin: server.url },
        body: await signedPaper(),
      });
      expect(photo.status).toBe(201);
      const { id: photoId } = (await photo.json()) as { id: string };
      await deputy.ok(voteEndpoints.enterPaperBallot, { params: { voteId }, body: { unitId: unit.id, choices: ['yes'], slipNumber: 'K-950', photoId } });
      const slip = panel.locator('form.card').getByRole('textbox', { name: '选票编号（必填）' });
      await slip.fill('K-951');
      await count.release();
      // The count came back changed and the list was fetched again; the slip being typed is still there.
      await expect.poll(() => heading.textContent()).not.toBe(before);
      await panel.getByText('编号 K-950').waitFor();
      expect(await slip.inputValue()).toBe('K-951');
    });
  });
});
