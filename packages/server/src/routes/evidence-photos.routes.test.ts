/**
 * Evidence photos (issue 15, point 8): staff's photos of the work on an action item go through the
 * same seam as residents' concern photos — uploaded as the image body, decoded by sharp (a file that
 * is not a picture is refused in words), turned upright and re-encoded without metadata, stored in the
 * database — and a progress update or resolution names them by id. Links are refused.
 */
import { actionItemEndpoints } from '@yishi/core';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phonePhoto } from '../testing/phone-photo.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
});
afterEach(() => t.close());

function upload(cookie: string | undefined, itemId: string, bytes: Uint8Array, contentType = 'image/jpeg') {
  const headers: Record<string, string> = { 'content-type': contentType, origin: 'http://localhost' };
  if (cookie) headers.cookie = cookie;
  return t.app.request(`/api/action-items/${itemId}/photos`, { method: 'POST', headers, body: bytes });
}

async function listed(cookie: string) {
  return t.ok(actionItemEndpoints.create, { cookie, params: { compoundId: cy }, body: { title: '东门路灯不亮', source: { kind: 'council_outcome' } } });
}

describe('evidence photos', () => {
  it('are cleaned like concern photos: upright, JPEG, no GPS or phone model; they show on the item, the board and at their address', async () => {
    const chief = await t.login('cuiyuan');
    const item = await listed(chief);
    const res = await upload(chief, item.id, await phonePhoto());
    expect(res.status, await res.clone().text()).toBe(201);
    const photo = actionItemEndpoints.uploadEvidencePhoto.response.parse(await res.json());
    expect(photo).toMatchObject({ width: 1067, height: 1600 }); // turned upright, at most 1600 px

    const progressed = await t.ok(actionItemEndpoints.progress, {
      cookie: chief,
      params: { itemId: item.id },
      body: { text: '电工已到场', photos: [photo.id] },
    });
    expect(progressed.updates.find((u) => u.kind === 'progress')?.photos).toEqual([photo.url]);

    const second = actionItemEndpoints.uploadEvidencePhoto.response.parse(await (await upload(chief, item.id, await phonePhoto())).json());
    const resolved = await t.ok(actionItemEndpoints.resolve, {
      cookie: chief,
      params: { itemId: item.id },
      body: { evidence: '已更换灯具', photos: [second.id] },
    });
    expect(resolved.evidencePhotos).toEqual([second.url]);
    // The resident's photos stay the resident's: evidence is not listed among them.
    expect(resolved.photos).toEqual([]);

    // On the public board with the progress, and served to anyone without metadata.
    const board = await t.ok(actionItemEndpoints.board, { params: { compoundId: cy } });
    expect(board.items.find((i) => i.id === item.id)?.progress.flatMap((u) => u.photos)).toEqual([photo.url, second.url]);
    const served = await t.app.request(second.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('a file that is not a picture is refused in words', async () => {
    const chief = await t.login('cuiyuan');
    const item = await listed(chief);
    const res = await upload(chief, item.id, new TextEncoder().encode('<html><script>alert(1)</script></html>'));
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'photo_not_image' });
    expect(body.error.message).toContain('这个文件不是能识别的照片');
  });

  it('a link to a picture elsewhere, or a data: URL, is refused in words; nothing is saved', async () => {
    const chief = await t.login('cuiyuan');
    const item = await listed(chief);
    for (const link of ['https://evil.example/light.jpg', 'data:image/png;base64,iVBORw0KGgo=']) {
      const refused = await t.api(actionItemEndpoints.resolve, { cookie: chief, params: { itemId: item.id }, body: { evidence: '已修', photos: [link] } });
      expect(refused.status, link).toBe(400);
      expect(JSON.stringify(refused.error)).toContain('照片须在本页选择并上传，不能填写网址或其他网站上的图片');
      const progress = await t.api(actionItemEndpoints.progress, { cookie: chief, params: { itemId: item.id }, body: { text: '已到场', photos: [link] } });
      expect(progress.status, link).toBe(400);
    }
    const again = await t.ok(actionItemEndpoints.get, { cookie: chief, params: { itemId: item.id } });
    expect(again).toMatchObject({ status: 'open' });
  });

  it('only the uploader’s own pending evidence photos of the item’s compound may be attached', async () => {
    const chief = await t.login('cuiyuan');
    const item = await listed(chief);
    // A made-up id is nobody's pending evidence.
    const made = await t.api(actionItemEndpoints.progress, {
      cookie: chief,
      params: { itemId: item.id },
      body: { text: '已到场', photos: ['abcdefgh12345678'] },
    });
    expect(made.status).toBe(422);
    expect(made.error?.code).toBe('photo_not_found');
    // Residents and staff of other compounds cannot upload evidence.
    expect((await upload(await t.login('yezhu'), item.id, await phonePhoto())).status).toBe(403);
    expect((await upload(await t.login('zhanzhang'), item.id, await phonePhoto())).status).toBe(403);
  });
});
