import { afterEach, describe, expect, it } from 'vitest';
import { BlobMissingError } from '../../../../main/core/store/blob-store';
import { DAY, fakeJpeg, openStation, record, T0, type Station } from './history-fixtures';

let station: Station | undefined;
afterEach(() => station?.store.close());

const MAX = { firstName: 'Max', lastName: 'Mustermann', documentNumber: 'C01X00T47', dateOfBirth: '1964-08-12' };
const ERIKA = { firstName: 'Erika', lastName: 'Mustermann', documentNumber: 'L01X00T47', dateOfBirth: '1983-08-12' };
const JOSE = { firstName: 'José', lastName: 'Müller-Lüdenscheidt', documentNumber: 'P1234567', dateOfBirth: '1990-02-03' };
const LI = { firstName: 'Wei', lastName: 'Li', dateOfBirth: '1975-05-05' };

/** Six verifications over six days, varied in service, outcome, mode and final state. */
function seed() {
  station = openStation();
  const s = station;
  const ids = {
    maxKyc: record(s, { person: MAX, at: T0 + 1 * DAY, verdict: 'verified', images: { selfie_image: fakeJpeg(), passport_image: fakeJpeg() } }),
    erikaOcr: record(s, { service: 'ocr_card', person: ERIKA, at: T0 + 2 * DAY, verdict: 'not-verified', mode: 'training' }),
    joseKyc: record(s, { person: JOSE, at: T0 + 3 * DAY, verdict: 'needs-review', operator: 'desk-2' }),
    liBackground: record(s, { service: 'background_check', person: LI, at: T0 + 4 * DAY, verdict: 'verified' }),
    maxQueued: record(s, { service: 'background_check', person: MAX, at: T0 + 5 * DAY, end: 'ready' }),
    erikaStuck: record(s, { person: ERIKA, at: T0 + 6 * DAY, end: 'attention' }),
  };
  return { s, ids };
}

describe('history search', () => {
  it('lists every verification that left the draft state, newest first, with its state and decrypted subject', () => {
    const { s, ids } = seed();
    const all = s.history.search();
    expect(all.map((r) => r.id)).toEqual([ids.erikaStuck, ids.maxQueued, ids.liBackground, ids.joseKyc, ids.erikaOcr, ids.maxKyc]);
    expect(all.map((r) => r.state)).toEqual(['attention', 'ready', 'done', 'done', 'done', 'done']);
    expect(all.find((r) => r.id === ids.maxKyc)).toEqual({
      id: ids.maxKyc,
      createdAt: T0 + DAY,
      finishedAt: T0 + DAY + 3_600_000,
      service: 'kyc_passport',
      mode: 'live',
      state: 'done',
      verdict: 'verified',
      operator: 'desk-1',
      subject: { name: 'Max Mustermann', documentNumber: 'C01X00T47', dateOfBirth: '1964-08-12' },
      customer: { reference: null, name: null },
      unreadable: false,
      tampered: false,
    });
    // A background check names its person in the inputs; it is shown from there.
    expect(all.find((r) => r.id === ids.liBackground)?.subject).toEqual({ name: 'Wei Li', documentNumber: null, dateOfBirth: '1975-05-05' });
    // Not finished yet: no result, so no document subject.
    expect(all.find((r) => r.id === ids.erikaStuck)).toMatchObject({ verdict: null, finishedAt: null, subject: { name: null } });
  });

  it('finds by name prefix (from 3 letters), any case and accents, words ANDed', () => {
    const { s, ids } = seed();
    const find = (text: string) => s.history.search({ text }).map((r) => r.id);
    expect(find('must')).toEqual([ids.maxQueued, ids.erikaOcr, ids.maxKyc]);
    expect(find('MUSTERMANN max')).toEqual([ids.maxQueued, ids.maxKyc]);
    expect(find('max mus')).toEqual([ids.maxQueued, ids.maxKyc]);
    expect(find('jose muller')).toEqual([ids.joseKyc]);
    expect(find('lüdensch')).toEqual([ids.joseKyc]);
    // While typing "Max M": the single letter is ignored rather than hiding everything.
    expect(find('Max M')).toEqual([ids.maxQueued, ids.maxKyc]);
    // A short surname on its own matches that whole word.
    expect(find('Li')).toEqual([ids.liBackground]);
    expect(find('xyz')).toEqual([]);
    // Only punctuation is no text filter at all.
    expect(find(' - ')).toHaveLength(6);
  });

  it('finds by document number', () => {
    const { s, ids } = seed();
    expect(s.history.search({ text: 'C01X00T47' }).map((r) => r.id)).toEqual([ids.maxKyc]);
    expect(s.history.search({ text: 'c01x' }).map((r) => r.id)).toEqual([ids.maxKyc]);
    expect(s.history.search({ text: 'P1234567' }).map((r) => r.id)).toEqual([ids.joseKyc]);
  });

  it('filters by date range (half-open), service, outcome and mode, alone and combined with text', () => {
    const { s, ids } = seed();
    const find = (query: Parameters<Station['history']['search']>[0]) => s.history.search(query).map((r) => r.id);
    expect(find({ from: T0 + 2 * DAY, to: T0 + 4 * DAY })).toEqual([ids.joseKyc, ids.erikaOcr]);
    expect(find({ from: T0 + 4 * DAY })).toEqual([ids.erikaStuck, ids.maxQueued, ids.liBackground]);
    expect(find({ to: T0 + 2 * DAY })).toEqual([ids.maxKyc]);
    expect(find({ services: ['background_check'] })).toEqual([ids.maxQueued, ids.liBackground]);
    expect(find({ services: ['ocr_card', 'kyc_passport'] })).toEqual([ids.erikaStuck, ids.joseKyc, ids.erikaOcr, ids.maxKyc]);
    expect(find({ services: [] })).toHaveLength(6);
    expect(find({ outcomes: ['verified'] })).toEqual([ids.liBackground, ids.maxKyc]);
    expect(find({ outcomes: ['not-verified', 'needs-review'] })).toEqual([ids.joseKyc, ids.erikaOcr]);
    expect(find({ mode: 'training' })).toEqual([ids.erikaOcr]);
    expect(find({ mode: 'live' })).toHaveLength(5);
    expect(find({ text: 'mustermann', from: T0 + 2 * DAY, services: ['background_check'] })).toEqual([ids.maxQueued]);
    expect(find({ text: 'mustermann', outcomes: ['verified'], mode: 'live' })).toEqual([ids.maxKyc]);
  });

  it('pages with limit and offset', () => {
    const { s } = seed();
    const all = s.history.search().map((r) => r.id);
    expect(s.history.search({ limit: 2 }).map((r) => r.id)).toEqual(all.slice(0, 2));
    expect(s.history.search({ limit: 2, offset: 2 }).map((r) => r.id)).toEqual(all.slice(2, 4));
    expect(s.history.search({ limit: 0 })).toEqual([]);
  });
});

describe('history detail', () => {
  it('round-trips everything about a verification, decrypted', () => {
    station = openStation();
    const selfie = fakeJpeg();
    const prechecks = [
      {
        role: 'selfie',
        verdict: 'warn',
        blocked: false,
        fixable: false,
        checks: [{ id: 'face.size', value: 180, threshold: '≥ 224 px', verdict: 'warn', message: 'small face', guidance: 'move closer' }],
      },
    ];
    const id = record(station, { person: MAX, at: T0, images: { selfie_image: selfie, passport_image: fakeJpeg() }, prechecks, overrideReason: 'Customer has a bandage; checked by hand' });
    const detail = station.history.detail(id)!;
    expect(detail).toMatchObject({
      id,
      state: 'done',
      verdict: 'verified',
      mode: 'live',
      operator: 'desk-1',
      taskId: `task-${id.slice(0, 8)}`,
      sendCount: 1,
      submittedAt: T0 + 60_000,
      finishedAt: T0 + 3_600_000,
      subject: { name: 'Max Mustermann', documentNumber: 'C01X00T47', dateOfBirth: '1964-08-12' },
      prechecks,
      overrideReason: 'Customer has a bandage; checked by hand',
      error: null,
      fields: {},
      unreadable: false,
      tampered: false,
      unreadableColumns: [],
    });
    expect(detail.result).toMatchObject({ verdict: 'verified', document: { fields: { firstName: 'Max', documentNumber: 'C01X00T47' } } });
    expect(detail.result).not.toHaveProperty('raw');
    expect(detail.raw).toMatchObject({ status: 'SUCCESS' });
    expect(detail.attempts.map((a) => [a.action, a.outcome])).toEqual([
      ['enqueue', 'ready'],
      ['submit', 'sending'],
      ['submit', 'accepted'],
      ['poll', 'SUCCESS after 3 polls'],
    ]);
    expect(detail.images.map((i) => [i.field, i.kind, i.filename, i.contentType, i.available])).toEqual([
      ['selfie_image', 'image', 'selfie_image.jpg', 'image/jpeg', true],
      ['passport_image', 'image', 'passport_image.jpg', 'image/jpeg', true],
    ]);
    expect(station.history.image(detail.images[0]!.blobId)).toEqual(selfie);
    expect(() => station!.history.image('0'.repeat(32))).toThrow(BlobMissingError);
    expect(station.history.detail('no-such-id')).toBeNull();
  });

  it('shows why a verification waits for a person', () => {
    station = openStation();
    const id = record(station, { person: ERIKA, at: T0, end: 'attention' });
    expect(station.history.detail(id)).toMatchObject({
      state: 'attention',
      attentionReason: 'deadline',
      error: { kind: 'deadline', message: 'not finished in time', fields: null },
      result: null,
      raw: null,
    });
  });

  it('marks a record whose sealed data does not open instead of failing the list', () => {
    station = openStation();
    const id = record(station, { person: MAX, at: T0 });
    const other = record(station, { person: ERIKA, at: T0 + DAY });
    // Simulates tampering: another row's sealed subject (a different AAD) cannot open here.
    station.store.database.db.prepare('UPDATE verifications SET subject = (SELECT subject FROM verifications WHERE id = ?) WHERE id = ?').run(other, id);
    const summary = station.history.search().find((r) => r.id === id)!;
    expect(summary).toMatchObject({ unreadable: true, subject: { name: null } });
    // The row MAC covers the sealed columns too: the swap also marks the row tampered, verdict withheld.
    expect(station.history.detail(id)).toMatchObject({ unreadable: true, unreadableColumns: ['subject'], tampered: true, verdict: null });
    expect(station.history.detail(other)).toMatchObject({ unreadable: false, tampered: false, verdict: 'verified' });
  });
});
