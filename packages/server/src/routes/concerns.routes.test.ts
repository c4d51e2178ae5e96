/**
 * Residents' concerns through the API: the deadline follows what the urgency promised, and photos
 * go up as pictures, come back upright, at most 1600 px and without their metadata, and are shown
 * to the public only when the resident agreed.
 */
import { actionItemEndpoints, type BodyInput } from '@yishi/core';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phonePhoto } from '../testing/phone-photo.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-20T02:00:00.000Z'); // Friday 10:00 in China
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

function report(cookie: string, body: Partial<BodyInput<typeof actionItemEndpoints.reportConcern>> = {}) {
  return t.api(actionItemEndpoints.reportConcern, {
    cookie,
    params: { compoundId: dsct },
    body: { title: '3栋门口积水', description: '下雨后单元门口积水，老人出入不便', ...body },
  });
}

function upload(cookie: string | undefined, bytes: Uint8Array, contentType = 'image/jpeg') {
  const headers: Record<string, string> = { 'content-type': contentType, origin: 'http://localhost' };
  if (cookie) headers.cookie = cookie;
  return t.app.request(`/api/compounds/${dsct}/concern-photos`, { method: 'POST', headers, body: bytes });
}

async function uploadOk(cookie: string, bytes: Uint8Array): Promise<{ id: string; url: string; width: number; height: number }> {
  const res = await upload(cookie, bytes);
  expect(res.status, await res.clone().text()).toBe(201);
  return actionItemEndpoints.uploadConcernPhoto.response.parse(await res.json());
}

describe('the urgency a resident chooses is the deadline the item gets', () => {
  it('an ordinary urgent concern ("30分钟内解决") is due today, not in 5 working days; a not-urgent one in 5', async () => {
    const cookie = await t.login('yezhu');
    const urgent = await report(cookie, { urgency: 'ordinary' });
    expect(urgent.data).toMatchObject({ dueDate: '2026-11-20', deadlineWorkdays: 0, urgency: 'ordinary' });
    expect(urgent.data?.response).toMatchObject({ resolveKind: 'solution', resolveBy: '2026-11-20T02:30:00.000Z' });
    const major = await report(cookie, { urgency: 'major' });
    expect(major.data).toMatchObject({ dueDate: '2026-11-27', deadlineWorkdays: 5 });
    expect(major.data?.response?.resolveKind).toBe('plan');
    const calm = await report(cookie);
    expect(calm.data).toMatchObject({ dueDate: '2026-11-27', deadlineWorkdays: 5, response: null });
  });
});

describe('photos of a concern', () => {
  it('are cleaned: upright, at most 1600 px, JPEG, no GPS or phone model', async () => {
    const cookie = await t.login('yezhu');
    const photo = await uploadOk(cookie, await phonePhoto());
    // Taken sideways: upright it is 2000 wide and 3000 high, scaled to 1067 × 1600.
    expect(photo).toMatchObject({ width: 1067, height: 1600 });
    const served = await t.call('GET', photo.url, { cookie });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1067, height: 1600 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(bytes.includes('Huawei')).toBe(false);
  });

  it('refuses in words what is not a picture, what is too large and a fifth photo', async () => {
    const cookie = await t.login('yezhu');
    const notImage = await upload(cookie, new TextEncoder().encode('%PDF-1.4 这不是照片'));
    expect(notImage.status).toBe(415);
    expect(((await notImage.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'photo_not_image',
      message: expect.stringContaining('不是能识别的照片'),
    });
    const pdf = await upload(cookie, new TextEncoder().encode('%PDF-1.4'), 'application/pdf');
    expect(pdf.status).toBe(415);
    const tooLarge = await upload(cookie, new Uint8Array(1_600_000));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toContain('照片太大');

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await uploadOk(cookie, await phonePhoto())).id);
    const five = await report(cookie, { photoIds: ids });
    expect(five.status).toBe(400);
    expect(five.error?.message).toContain('最多附 4 张照片');
  });

  it('only the resident may use their own photo, once, and only staff and they see it unless it is on the board', async () => {
    const yezhu = await t.login('yezhu');
    const photo = await uploadOk(yezhu, await phonePhoto());
    // Another resident cannot send it with their concern.
    const jumin = await t.login('jumin');
    const stolen = await report(jumin, { photoIds: [photo.id] });
    expect(stolen.status).toBe(422);
    expect(stolen.error?.code).toBe('photo_not_found');

    const created = await report(yezhu, { photoIds: [photo.id] });
    expect(created.status).toBe(201);
    expect(created.data?.photos.map((p) => p.id)).toEqual([photo.id]);
    // Used once: a second concern cannot take it again.
    expect((await report(yezhu, { photoIds: [photo.id] })).status).toBe(422);

    // Not agreed for the board: not on the board, not for anonymous visitors or other residents; staff and the owner see it.
    const board = await t.ok(actionItemEndpoints.board, { params: { compoundId: dsct } });
    expect(board.items.find((i) => i.id === created.data!.id)?.photos).toEqual([]);
    expect((await t.call('GET', photo.url)).status).toBe(404);
    expect((await t.call('GET', photo.url, { cookie: jumin })).status).toBe(404);
    const staff = await t.login('zhanzhang');
    const forStaff = await t.call('GET', photo.url, { cookie: staff });
    expect(forStaff.status).toBe(200);
    expect(forStaff.headers.get('cache-control')).toBe('no-store');
    const item = await t.ok(actionItemEndpoints.get, { cookie: staff, params: { itemId: created.data!.id } });
    expect(item.photos).toEqual([photo]);
  });

  it('a photo the resident agreed to show is on the board, for anyone, and cached', async () => {
    const yezhu = await t.login('yezhu');
    const photo = await uploadOk(yezhu, await phonePhoto());
    const created = await report(yezhu, { photoIds: [photo.id], photosPublic: true });
    const board = await t.ok(actionItemEndpoints.board, { params: { compoundId: dsct } });
    expect(board.items.find((i) => i.id === created.data!.id)?.photos).toEqual([photo]);
    const anonymous = await t.call('GET', photo.url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await sharp(Buffer.from(await anonymous.arrayBuffer())).metadata()).exif).toBeUndefined();
  });

  it('is for owners and residents of the compound only', async () => {
    const bytes = await phonePhoto();
    expect((await upload(undefined, bytes)).status).toBe(401);
    expect((await upload(await t.login('zhanzhang'), bytes)).status).toBe(403);
  });
});
