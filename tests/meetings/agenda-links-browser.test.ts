/**
 * An agenda item's linked concerns and proposals (关联的诉求/提案) on committee members' phones: one
 * member picks a concern from the compound's list, another sees it at once as a chip with its title
 * and a link to its page, and removes it; a link typed before the picker existed (free text) is shown
 * as its text, and one whose target is gone says so, neither dropped. Once the meeting starts, the
 * frozen agenda shows the links with their titles too.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { actionItemEndpoints, agendaDocumentName, meetingEndpoints, proposalEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { councilWithAgenda } from '../collab/agenda-council.js';
import { roundTrip, waitForSync } from '../collab/collab-helpers.js';
import { connect } from '../resilience/agenda-crash.js';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LOOK = `${tmpdir()}/yishi-agenda-links-screenshots/`;
const CONNECTED = '已连接，修改会实时同步';
const LEGACY = '见3月业委会会议记录';

let server: TestServer;
let browser: Browser;
let compoundId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  compoundId = (await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
  mkdirSync(LOOK, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openAgenda(login: string, meetingId: string): Promise<Page> {
  const page = await newPhonePage(browser);
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { login, password: 'yishi2026' } });
  expect(res.status()).toBe(200);
  await page.goto(`${server.url}/meetings/${meetingId}`);
  await page.getByText(CONNECTED).waitFor();
  return page;
}

/** The first item's links as the shared document holds them (what every member's editor reads). */
async function sharedLinks(meetingId: string, write?: (links: Y.Array<string>) => void): Promise<string[]> {
  const client = connect(server.url, (await new ApiClient(server.url).login('fuzhan')).cookie, agendaDocumentName(meetingId));
  await waitForSync(client.provider);
  const item = client.doc
    .getArray<Y.Map<unknown>>('items')
    .toArray()
    .find((m) => m.get('id') === 'seed1')!;
  const links = item.get('links') as Y.Array<string>;
  if (write) {
    write(links);
    await roundTrip(client.provider);
  }
  const out = links.toArray();
  client.provider.destroy();
  return out;
}

describe('linked concerns and proposals of an agenda item', () => {
  it('a concern picked in one editor shows as a chip with its title in another, removable there; old text links stay shown', async () => {
    const staff = await new ApiClient(server.url).login('zhanzhang');
    const concern = (await staff.ok(actionItemEndpoints.list, { params: { compoundId }, query: { q: '积水' } })).items[0]!;
    expect(concern.title).toBe('地下车库雨后积水');
    const proposal = (await staff.ok(proposalEndpoints.list, { params: { compoundId } })).items.find((p) => p.title === '东门增设快递柜')!;
    expect(proposal).toBeDefined();

    const meetingId = await councilWithAgenda(server.url, compoundId, '车库积水议事会', ['地下车库积水治理']);
    // Written before the picker existed: free text, and a proposal since deleted.
    await sharedLinks(meetingId, (links) => links.push([LEGACY, 'proposal:gone0000000000']));

    const chief = await openAgenda('zhanzhang', meetingId);
    const property = await openAgenda('wuye', meetingId);
    for (const page of [chief, property]) {
      const item = page.locator('li.item').first();
      await expect.poll(() => visibleText(item.locator('.link-chips'))).toContain(LEGACY);
      await expect.poll(() => visibleText(item.locator('.link-chips'))).toContain('（已找不到）');
    }

    // The chief picks the concern by a word of its title.
    const item = chief.locator('li.item').first();
    await item.getByRole('button', { name: '关联诉求或提案' }).click();
    await item.getByLabel('按名称查找诉求或提案').fill('积水');
    const option = item.getByRole('button', { name: '诉求 地下车库雨后积水', exact: true });
    await option.waitFor();
    await expectNoSeriousA11yViolations(chief);
    await chief.screenshot({ path: `${LOOK}agenda-links-picker.png` });
    await setElderModeSwitch(chief, true);
    await option.scrollIntoViewIfNeeded();
    await chief.screenshot({ path: `${LOOK}agenda-links-picker-elder.png` });
    await setElderModeSwitch(chief, false);
    await option.click();
    await expect.poll(() => sharedLinks(meetingId)).toEqual([LEGACY, 'proposal:gone0000000000', `concern:${concern.id}`]);

    // The property manager sees it at once, titled, a link to the concern's page.
    const chip = property.locator('li.item').first().getByRole('link', { name: '诉求：地下车库雨后积水' });
    await chip.waitFor();
    expect(await chip.getAttribute('href')).toBe(`/action-items/${concern.id}`);
    await chip.scrollIntoViewIfNeeded();
    await expectNoSeriousA11yViolations(property);
    await property.screenshot({ path: `${LOOK}agenda-links-chips.png` });
    await setElderModeSwitch(property, true);
    await chip.scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}agenda-links-chips-elder.png` });
    await setElderModeSwitch(property, false);

    // Picking it again is not offered twice.
    await item.getByRole('button', { name: '关联诉求或提案' }).click();
    await item.getByLabel('按名称查找诉求或提案').fill('积水');
    await expect.poll(() => item.getByRole('button', { name: '诉求 地下车库雨后积水（已关联）' }).isDisabled()).toBe(true);
    await item.getByLabel('按名称查找诉求或提案').press('Escape');

    // The property manager removes it by keyboard; it goes for everyone, the old links stay.
    const remove = property.getByRole('button', { name: '移除关联：诉求“地下车库雨后积水”' });
    await remove.focus();
    await property.keyboard.press('Enter');
    await expect.poll(() => chief.locator('li.item').first().getByRole('link', { name: '诉求：地下车库雨后积水' }).count()).toBe(0);
    expect(await sharedLinks(meetingId)).toEqual([LEGACY, 'proposal:gone0000000000']);
    // The keyboard stays in the list: on the remove button now in its place (here the last one left).
    await expect
      .poll(() =>
        property.evaluate(() => {
          let focused = document.activeElement;
          while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
          return focused?.getAttribute('aria-label') ?? null;
        }),
      )
      .toBe('移除关联：“提案 gone0000000000（已找不到）”');
    expect(await visibleText(chief.locator('li.item').first().locator('.link-chips'))).toContain(LEGACY);

    // A proposal next; when the meeting starts, the frozen agenda shows the links with their titles.
    await item.getByRole('button', { name: '关联诉求或提案' }).click();
    await item.getByLabel('按名称查找诉求或提案').fill('快递柜');
    await item.getByRole('button', { name: '提案 东门增设快递柜' }).click();
    await expect.poll(() => sharedLinks(meetingId)).toEqual([LEGACY, 'proposal:gone0000000000', `proposal:${proposal.id}`]);
    const convener = await new ApiClient(server.url).login('jiedao');
    await convener.ok(meetingEndpoints.start, { params: { meetingId } });
    await property.getByText('会议进行中').waitFor();
    const frozen = property.locator('yishi-agenda-outcomes li').first();
    const link = frozen.getByRole('link', { name: '提案：东门增设快递柜' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/proposals/${proposal.id}`);
    const text = await visibleText(frozen.locator('.link-chips'));
    expect(text).toContain(LEGACY);
    expect(text).toContain('（已找不到）');
    expect(await frozen.getByRole('button', { name: /移除关联/ }).count()).toBe(0);
    await link.scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}agenda-links-frozen.png` });

    // In English too.
    await property.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
    await frozen.getByRole('link', { name: 'Proposal: 东门增设快递柜' }).waitFor();
    await Promise.all([chief, property].map((p) => p.context().close()));
  });
});
