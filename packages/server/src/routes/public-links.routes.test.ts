/**
 * What the public board hands out to the outside world — QR codes, the A4 poster, the Atom and RSS
 * feeds, the meetings calendar — as a feed reader, a calendar app and an attacker meet it:
 * - absolute links come from YISHI_PUBLIC_URL, never from a forged Host header (the QR code is read
 *   back from its picture with jsQR);
 * - resident-written text reaches a feed reader as text, never as markup;
 * - feeds and the calendar carry ETag and Last-Modified and answer 304 to a reader that is up to date;
 * - the calendar keeps held meetings, with STATUS, SEQUENCE and URL, and is valid when empty
 *   (parsed with ical.js).
 */
import { MEETING_KIND_LABELS, actionItemEndpoints, authEndpoints, meetingEndpoints, placeEndpoints, publicMeetingEndpoints } from '@yishi/core';
import ICAL from 'ical.js';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { publicUrlOf } from '../config.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// jsqr is a CommonJS bundle: its function is the module itself at run time, `default` in its types.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

const PUBLIC_URL = 'https://yishi.example.gov.cn';
/** What an attacker puts in the Host header (and in X-Forwarded-Host, for proxies that pass it on). */
const FORGED = 'evil.example';
const SCRIPT = '<img src=x onerror=alert(1)>';

/** A GET as it arrives with a forged Host. */
function forged(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(t.app.request(`http://${FORGED}${path}`, { headers: { host: FORGED, 'x-forwarded-host': FORGED, ...headers } }));
}

/** The text a QR code (SVG) holds, read from its picture as a phone would. */
async function qrText(svg: string): Promise<string | undefined> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

/** The DOM xmlbuilder2 parses into (the server's TypeScript has no DOM library). */
interface XmlElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
}

function parseXml(xml: string): XmlElement & { documentElement: XmlElement } {
  return create(xml).node as unknown as XmlElement & { documentElement: XmlElement };
}

function parseCalendar(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics) as unknown[]);
}

describe('with YISHI_PUBLIC_URL set to https', () => {
  let t: TestApp;
  let dsct: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL } });
    dsct = await t.compoundId('DSCT');
  });
  afterAll(() => t.close());

  it('QR codes decode to the https board and concern form, whatever Host the request named', async () => {
    for (const [target, path] of [
      ['board', `/board/${dsct}`],
      ['concern', `/compounds/${dsct}/concerns`],
    ] as const) {
      const res = await forged(t, `/api/public/compounds/${dsct}/qr.svg?target=${target}`);
      expect(res.status).toBe(200);
      expect(await qrText(await res.text())).toBe(`${PUBLIC_URL}${path}`);
    }
  });

  it("an evening talk's ask-a-question QR code decodes to its https question page; a council and an unknown meeting have none", async () => {
    const board = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    const meetings = [...board.items, ...board.recent];
    const talk = meetings.find((m) => m.kind === 'evening_talk')!;
    const council = meetings.find((m) => m.kind !== 'evening_talk')!;
    const res = await forged(t, `/api/public/meetings/${talk.id}/ask-qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    // Its own size, for an <img> on the board and the hall screen.
    expect(svg).toMatch(/^<svg[^>]* width="288"/);
    expect(await qrText(svg)).toBe(`${PUBLIC_URL}/meetings/${talk.id}/ask`);
    for (const id of [council.id, 'no-such-meeting']) {
      const none = await forged(t, `/api/public/meetings/${id}/ask-qr.svg`);
      expect(none.status, id).toBe(404);
      expect(((await none.json()) as { error: { message: string } }).error.message).toBe('找不到该会议');
    }
  });

  it('the poster, both feeds, the calendar and its link name the configured address, never the forged one', async () => {
    const paths = [
      `/api/public/compounds/${dsct}/poster`,
      `/api/public/compounds/${dsct}/feed.atom`,
      `/api/public/compounds/${dsct}/feed.rss`,
      `/api/public/compounds/${dsct}/meetings.ics`,
    ];
    for (const path of paths) {
      const text = await (await forged(t, path)).text();
      expect(text, path).not.toContain(FORGED);
      expect(text, path).toContain(`${PUBLIC_URL}/board/${dsct}`);
      expect(text, path).not.toContain('http://localhost');
    }
    const meetings = (await (await forged(t, `/api/public/compounds/${dsct}/meetings`)).json()) as { calendarUrl: string };
    expect(meetings.calendarUrl).toBe(`${PUBLIC_URL}/api/public/compounds/${dsct}/meetings.ics`);
    // The web app asks for the address it prints (poster, printed board, ask-a-question QR codes).
    expect(await (await forged(t, '/api/public/site')).json()).toEqual({ publicUrl: PUBLIC_URL });
  });

  it('accepts writes from pages on the public https address, which the process behind a TLS proxy sees as http', async () => {
    const cookie = await t.login('shequ');
    const evil = await t.api(authEndpoints.logout, { cookie, headers: { origin: `https://${FORGED}` } });
    expect(evil.error?.code).toBe('forbidden_origin');
    expect((await t.api(authEndpoints.logout, { cookie, headers: { origin: PUBLIC_URL } })).status).toBe(204);
  });
});

describe('without YISHI_PUBLIC_URL', () => {
  it("links name the server's own configured address, not the request's Host", async () => {
    const t = await createTestApp();
    try {
      const dsct = await t.compoundId('DSCT');
      const own = publicUrlOf(t.deps.config);
      expect(own).toMatch(/^http:\/\/localhost:\d+$/);
      expect(await qrText(await (await forged(t, `/api/public/compounds/${dsct}/qr.svg?target=board`)).text())).toBe(`${own}/board/${dsct}`);
      expect(await (await forged(t, `/api/public/compounds/${dsct}/feed.atom`)).text()).not.toContain(FORGED);
    } finally {
      await t.close();
    }
  });
});

describe('feeds and the calendar', () => {
  let t: TestApp;
  let dsct: string;
  let staff: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL } });
    dsct = await t.compoundId('DSCT');
    staff = await t.login('zhanzhang');
    // A resident's concern, listed and signed off under the title they wrote: it goes on the board.
    const { id } = await t.ok(actionItemEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: { title: SCRIPT, source: { kind: 'proposal' } },
    });
    // The property company's head resolves, the station chief checks and signs off.
    const property = await t.login('wuye');
    await t.ok(actionItemEndpoints.resolve, { cookie: property, params: { itemId: id }, body: { evidence: '已处理' } });
    await t.ok(actionItemEndpoints.signOff, { cookie: staff, params: { itemId: id }, body: { resolution: '已办结' } });
    const other = await t.ok(actionItemEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: { title: '&lt;b&gt; & 合作', source: { kind: 'proposal' } },
    });
    await t.ok(actionItemEndpoints.resolve, { cookie: property, params: { itemId: other.id }, body: { evidence: '已处理' } });
    await t.ok(actionItemEndpoints.signOff, { cookie: staff, params: { itemId: other.id }, body: { resolution: '已办结' } });
  });
  afterAll(() => t.close());

  it('Atom: resident-written text is text (no markup reaches the reader), with xml:lang and an author', async () => {
    const xml = await (await t.call('GET', `/api/public/compounds/${dsct}/feed.atom`)).text();
    expect(xml).not.toContain('<img');
    const doc = parseXml(xml);
    expect(doc.documentElement.getAttribute('xml:lang')).toBe('zh-CN');
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    const titles = [...doc.getElementsByTagName('title')];
    const entry = titles.find((el) => el.textContent?.includes('onerror'));
    expect(entry?.textContent).toContain(SCRIPT);
    expect(entry?.getAttribute('type')).toBe('text');
    // Text that looks like an entity stays what was typed (xmlbuilder2 would otherwise keep "&lt;" as one).
    expect(titles.some((el) => el.textContent?.includes('&lt;b&gt; & 合作'))).toBe(true);
    const author = doc.documentElement.getElementsByTagName('author')[0];
    expect(author?.getElementsByTagName('name')[0]?.textContent).toBe('秀江街道宜阳社区');
  });

  it('RSS: the same title HTML-escaped, as RSS readers render titles and descriptions as HTML', async () => {
    const doc = parseXml(await (await t.call('GET', `/api/public/compounds/${dsct}/feed.rss`)).text());
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    const title = [...doc.getElementsByTagName('title')].find((el) => el.textContent?.includes('onerror'));
    expect(title?.textContent).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('feeds and the calendar answer 304 to a reader holding the current ETag or date, and 200 with the new text after a change', async () => {
    for (const path of [`/api/public/compounds/${dsct}/feed.atom`, `/api/public/compounds/${dsct}/feed.rss`, `/api/public/compounds/${dsct}/meetings.ics`]) {
      const first = await t.call('GET', path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(new Date(lastModified).toUTCString(), path).toBe(lastModified);
      const same = await t.call('GET', path, { headers: { 'if-none-match': etag } });
      expect(same.status, path).toBe(304);
      expect(await same.text()).toBe('');
      expect(same.headers.get('etag')).toBe(etag);
      expect((await t.call('GET', path, { headers: { 'if-modified-since': lastModified } })).status, path).toBe(304);
      expect((await t.call('GET', path, { headers: { 'if-none-match': '"stale"' } })).status, path).toBe(200);
      // A tag that does not match wins over a date that would (If-None-Match decides when sent).
      expect((await t.call('GET', path, { headers: { 'if-none-match': '"stale"', 'if-modified-since': lastModified } })).status, path).toBe(200);
    }
  });

  it('the calendar keeps held meetings with STATUS, SEQUENCE and URL; a change raises SEQUENCE and escapes its text', async () => {
    const path = `/api/public/compounds/${dsct}/meetings.ics`;
    const before = await t.call('GET', path);
    const etag = before.headers.get('etag')!;
    const ics = await before.text();
    const calendar = parseCalendar(ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/Yishi/);
    const events = calendar.getAllSubcomponents('vevent');
    const { items: upcoming, recent } = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    // Held meetings stay in the calendar: subscribers' apps would otherwise delete them.
    expect(recent.length).toBeGreaterThan(0);
    const uids = events.map((e) => e.getFirstPropertyValue('uid'));
    for (const m of [...upcoming, ...recent]) expect(uids).toContain(`${m.id}@yishi`);
    for (const event of events) {
      expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(Number.isInteger(event.getFirstPropertyValue('sequence'))).toBe(true);
      expect(event.getFirstPropertyValue('url')).toBe(`${PUBLIC_URL}/board/${dsct}#meetings`);
    }

    const meeting = upcoming.find((m) => m.status === 'scheduled')!;
    const sequenceOf = (c: ICAL.Component) =>
      Number(
        c
          .getAllSubcomponents('vevent')
          .find((e) => e.getFirstPropertyValue('uid') === `${meeting.id}@yishi`)!
          .getFirstPropertyValue('sequence'),
      );
    const title = `停车, 充电桩; 选址\\方案 ${'议'.repeat(30)}`;
    await t.ok(meetingEndpoints.update, { cookie: staff, params: { meetingId: meeting.id }, body: { title, place: '服务站, 二楼' } });
    const after = await t.call('GET', path, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const text = await after.text();
    const changed = parseCalendar(text);
    expect(sequenceOf(changed)).toBeGreaterThan(sequenceOf(calendar));
    const event = changed.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === `${meeting.id}@yishi`)!;
    expect(event.getFirstPropertyValue('summary')).toBe(`${MEETING_KIND_LABELS[meeting.kind]['zh-CN']}：${title}`);
    expect(event.getFirstPropertyValue('location')).toBe('服务站, 二楼');
    // CRLF lines of at most 75 octets (long Chinese titles folded without splitting a character).
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('a cancelled meeting stays in the calendar as CANCELLED with a higher SEQUENCE, and the board and feed say so', async () => {
    const path = `/api/public/compounds/${dsct}/meetings.ics`;
    const { items: upcoming } = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    const meeting = upcoming.find((m) => m.status === 'scheduled')!;
    const eventOf = async () =>
      parseCalendar(await (await t.call('GET', path)).text())
        .getAllSubcomponents('vevent')
        .find((e) => e.getFirstPropertyValue('uid') === `${meeting.id}@yishi`)!;
    const before = await eventOf();
    const cancelled = await t.ok(meetingEndpoints.cancel, { cookie: staff, params: { meetingId: meeting.id } });
    expect(cancelled.meeting.status).toBe('cancelled');
    const after = await eventOf();
    expect(after.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(after.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.getFirstPropertyValue('sequence')));
    expect(after.getFirstPropertyValue('url')).toBe(`${PUBLIC_URL}/board/${dsct}#meetings`);
    const board = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    expect(board.items.find((m) => m.id === meeting.id)?.status).toBe('cancelled');
    expect(await (await t.call('GET', `/api/public/compounds/${dsct}/feed.atom`)).text()).toContain(`会议取消：`);
    // Only a meeting whose notice is out can be cancelled, once.
    const again = await t.api(meetingEndpoints.cancel, { cookie: staff, params: { meetingId: meeting.id } });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('meeting_bad_transition');
  });

  it('an empty calendar is still a valid VCALENDAR with PRODID and VERSION', async () => {
    const communityId = (await t.deps.db.selectFrom('compounds').select('community_id').where('id', '=', dsct).executeTakeFirstOrThrow()).community_id;
    const { id } = await t.ok(placeEndpoints.addCompound, {
      cookie: await t.login('jiedao'),
      params: { communityId },
      body: { name: '新建小区', code: 'XJXQ', address: '新建小区服务站' },
    });
    const res = await t.call('GET', `/api/public/compounds/${id}/meetings.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = parseCalendar(await res.text());
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});
