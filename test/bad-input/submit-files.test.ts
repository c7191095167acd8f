/**
 * Hostile and broken files submitted through `verification:submit` on a whole station core. Each
 * must be refused with a code and a message that names the problem; afterwards the station still
 * queues a good selfie and everything queued before is intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, type SubmitRequest } from '../../common/contract';
import { fixture } from '../main/analysis/analysis-env';
import { openBadInputStation, selfieRequest, upload, type BadInputStation } from './bad-input-station';

let station: BadInputStation;
beforeAll(async () => {
  station = await openBadInputStation();
  await station.submitValid('before.jpg');
});
afterAll(() => station.close());

const submit = (request: unknown) => station.core.dispatch('verification:submit', request);

/** The refusal itself, then proof that nothing else was disturbed. */
async function expectRefused(request: unknown, code: string, message: RegExp, field: string): Promise<void> {
  const result = await submit(request);
  expect(result).toMatchObject({ ok: false, error: { code, details: { field } } });
  if (!result.ok) expect(result.error.message).toMatch(message);
  await station.submitValid();
  await station.expectQueuedIntact();
}

describe('files that are not the JPEG or PNG they claim to be', () => {
  it.each([
    ['an empty file', 'hostile-zero-bytes.jpg', 'image/jpeg', /image: The file is empty \(0 bytes\)/],
    ['a truncated JPEG', 'hostile-truncated.jpg', 'image/jpeg', /image: The file is incomplete: it stops before the end of the image/],
    ['a GIF named .jpg', 'hostile-gif-named.jpg', 'image/jpeg', /image: This is a GIF image; Progeny accepts only JPEG and PNG/],
    ['a text file named .png', 'hostile-text-named.png', 'image/png', /image: This file is not an image this station can read/],
    ['a pixel bomb (PNG header claiming 30000x30000)', 'hostile-bomb-30000.png', 'image/png', /image: The image declares 30000x30000 pixels, too many to open safely/],
    ['an SVG carrying a script', 'hostile-script.svg', 'image/png', /image: This is an SVG drawing, not a photo; it is refused because it can carry scripts/],
    ['a PDF', 'hostile-document.pdf', 'image/jpeg', /image: This is a PDF document, not a photo/],
    ['a HEIC photo', 'hostile-photo.heic', 'image/jpeg', /image: This is a HEIC photo \(iPhone format\)/],
    ['a real PNG labelled as JPEG', 'selfie-good-c.png', 'image/jpeg', /image: the file is PNG but was labelled image\/jpeg/],
  ])('%s: input-rejected, naming the problem', async (_label, name, contentType, message) => {
    await expectRefused(selfieRequest(name, fixture(name), contentType), 'input-rejected', message, 'image');
  });
});

describe('uploads that fail the contract', () => {
  it('a 100 MB file: refused by size before anything decodes it', async () => {
    const huge = Buffer.alloc(100 * 1024 * 1024, 0xff);
    const started = Date.now();
    await expectRefused(selfieRequest('huge.jpg', huge), 'invalid-request', /files\.image\.data: Too big/, 'files.image.data');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(huge.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
  });

  it('a type the station does not send (image/svg+xml): names the field', async () => {
    await expectRefused(selfieRequest('drawing.svg', fixture('hostile-script.svg'), 'image/svg+xml'), 'invalid-request', /files\.image\.contentType/, 'files.image.contentType');
  });

  it('data that is not base64: names the field', async () => {
    const request = selfieRequest();
    request.files.image!.data = '<svg onload=alert(1)>';
    await expectRefused(request, 'invalid-request', /files\.image\.data/, 'files.image.data');
  });

  it('an image under a field the service does not take: names the field', async () => {
    const request = { service: 'face_liveness', files: { selfie_image: upload('s.jpg', fixture('selfie-good-a.jpg')) }, fields: {} } as SubmitRequest;
    await expectRefused(request, 'input-rejected', /face_liveness needs the image "image"/, 'image');
  });

  it('a birth date in the future: names the field', async () => {
    const request: SubmitRequest = { service: 'background_check', files: {}, fields: { fullname: 'Future Person', birth_date: '2999-01-01' } };
    await expectRefused(request, 'input-rejected', /"birth_date" must be a real date in the past/, 'birth_date');
  });

  it('an object smuggling extra keys (__proto__ from JSON): refused, nothing polluted', async () => {
    const request = JSON.parse(`{"service":"face_liveness","files":{"image":${JSON.stringify(upload('s.jpg', fixture('selfie-good-a.jpg')))}},"fields":{},"__proto__":{"polluted":true}}`) as unknown;
    await expectRefused(request, 'invalid-request', /verification:submit: request: Unrecognized key: "__proto__"/, 'request');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
