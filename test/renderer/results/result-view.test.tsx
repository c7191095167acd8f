import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryDetail } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, type FakeStation } from '../fake-station';
import { JPEG_BASE64, JPEG_BYTES, kycDetail, kycResult, livenessDetail, passportPrechecks, RECORD_ID } from './result-fixtures';
import { renderResults, useFakeObjectUrls } from './render-results';

function stationWith(detail: HistoryDetail): FakeStation {
  const station = createFakeStation();
  station.handle('history:detail', () => ok(detail));
  station.handle('history:image', () => ok({ contentType: 'image/jpeg', data: JPEG_BASE64 }));
  return station;
}

/** jsdom's Blob has no text() or arrayBuffer(); its FileReader does the same job. */
function readBlob(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable blob'));
    reader.readAsArrayBuffer(blob);
  });
}

const banner = (name: string) => screen.findByRole('region', { name });

describe('result view', () => {
  const urls = useFakeObjectUrls();

  it.each([
    ['verified', kycDetail(), 'Verified', 'Every check passed.'],
    [
      'not-verified',
      kycDetail({
        verdict: 'not-verified',
        result: kycResult({
          verdict: 'not-verified',
          checks: { document: true, liveness: false, compare: false },
          compare: false,
          liveness: { passed: false, score: 0.1, quality: 0.5, probability: 0.1 },
        }),
      }),
      'Not verified',
      'Liveness failed: the selfie was not accepted as a live person.',
    ],
    [
      'needs-review',
      kycDetail({ verdict: 'needs-review', result: kycResult({ verdict: 'needs-review', checks: { document: true, liveness: null, compare: true } }) }),
      'Needs review',
      'Progeny did not report the liveness result',
    ],
  ])('puts the %s verdict in words at the top, with its reasons', async (_verdict, detail, title, reason) => {
    await renderResults(stationWith(detail), RECORD_ID);
    const region = await banner(title);
    expect(within(region).getByRole('heading', { level: 2 })).toHaveTextContent(title);
    expect(within(region).getByRole('list', { name: 'Why' })).toHaveTextContent(reason);
    expect(screen.queryByText(/TRAINING – not a real verification/)).not.toBeInTheDocument();
  });

  it('says why a verification failed, each reason once, then what to do, each advice once', async () => {
    const result = kycResult({
      verdict: 'not-verified',
      checks: { document: false, liveness: false, compare: false },
      compare: false,
      document: { ...kycResult().document!, expired: true },
      issues: [
        { check: 'liveness', code: 'FACE_TOO_SMALL', message: 'Absolute face size is too small', guidance: 'English guidance from main' },
        { check: 'compare', code: 'FACE_TOO_SMALL', message: 'Absolute face size is too small', guidance: 'English guidance from main' },
        { check: 'document', code: 'DOCUMENT_EXPIRED', message: 'The document has expired', guidance: 'English guidance from main' },
      ],
    });
    await renderResults(stationWith(kycDetail({ result })), RECORD_ID);
    const region = await banner('Not verified');
    expect(
      within(within(region).getByRole('list', { name: 'Why' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['The face is too small in the picture: Progeny needs at least 224 px across.', 'The document expired on Sep 25, 2031, so this verification fails.']);
    expect(
      within(within(region).getByRole('list', { name: 'What to do' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Take a new picture of the customer’s face: the whole face, looking at the camera, in good light.', 'Ask for a valid document: an expired one cannot be accepted.']);
    // Nowhere else on the screen: no second list of the same issues, no English guidance from main.
    expect(screen.queryByRole('region', { name: 'Issues' })).not.toBeInTheDocument();
    expect(screen.getAllByText(/expired on Sep/)).toHaveLength(1);
    expect(screen.queryByText(/English guidance from main/)).not.toBeInTheDocument();
  });

  it('gives a face mismatch the advice to check the person, not to resubmit', async () => {
    const result = kycResult({
      verdict: 'not-verified',
      checks: { document: true, liveness: true, compare: false },
      compare: false,
      issues: [{ check: 'compare', code: 'FACES_DO_NOT_MATCH', message: 'The selfie does not match the document portrait', guidance: 'resubmit' }],
    });
    await renderResults(stationWith(kycDetail({ result })), RECORD_ID);
    const region = await banner('Not verified');
    expect(within(region).getByRole('list', { name: 'Why' })).toHaveTextContent(/^The face does not match the document photo\.$/);
    expect(within(region).getByRole('list', { name: 'What to do' })).toHaveTextContent(/^Check the person in front of you/);
  });

  it.each([
    [true, true, 'Expired: it cannot be accepted, so the verification fails.', '✗ Failed'],
    [true, false, 'Valid and not expired.', '✓ Passed'],
    [false, false, 'Not valid: the verification fails.', '✗ Failed'],
    [true, null, 'Valid; Progeny did not say whether it has expired: check the expiry date on the document.', '✓ Passed'],
  ])('states the document as one fact: valid %s, expired %s', async (valid, expired, statement, outcome) => {
    const passed = valid && expired === false ? true : valid && expired === null ? true : false;
    const result = kycResult({ verdict: passed ? 'verified' : 'not-verified', checks: { document: passed, liveness: true, compare: true }, document: { ...kycResult().document!, valid, expired } });
    await renderResults(stationWith(kycDetail({ result })), RECORD_ID);
    await banner(passed ? 'Verified' : 'Not verified');
    const card = screen.getByRole('region', { name: 'Document' });
    const facts = within(card)
      .getAllByRole('definition')
      .map((item) => item.textContent);
    expect(facts[0]).toBe(outcome);
    expect(facts[1]).toBe(statement);
    expect(within(card).queryByText(/^(Yes|No)$/)).not.toBeInTheDocument();
  });

  it('marks a training record prominently', async () => {
    await renderResults(stationWith(kycDetail({ mode: 'training' })), RECORD_ID);
    const region = await banner('Verified');
    expect(within(region).getByText('TRAINING – not a real verification')).toBeInTheDocument();
  });

  it('shows a record that is not finished by its state', async () => {
    await renderResults(stationWith(kycDetail({ state: 'attention', attentionReason: 'uncertain', verdict: null, result: null, finishedAt: null })), RECORD_ID);
    const region = await banner('Not finished');
    expect(region).toHaveTextContent('It is not known whether Progeny received this verification: resolve it in the queue.');
    expect(screen.queryByRole('region', { name: 'Document' })).not.toBeInTheDocument();
  });

  it('compares the station’s MRZ read with Progeny’s OCR: a differing number is flagged, a missing one is not', async () => {
    const detail = kycDetail({ prechecks: passportPrechecks({ documentNumber: 'XX008081', nationality: null }) });
    await renderResults(stationWith(detail), RECORD_ID);
    const table = await screen.findByRole('table', { name: 'Document fields: read on this station and by Progeny' });
    const row = (field: string) => within(table).getByRole('rowheader', { name: field }).closest('tr')!;
    expect(
      within(row('Document number'))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['XX008081', 'XX008080', '≠ Differs']);
    expect(row('Document number')).toHaveClass('field-differs');
    expect(
      within(row('Nationality'))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Not read', 'UKR', '– Not read on this station']);
    expect(row('Nationality')).not.toHaveClass('field-differs');
    // A stored record without the list (written before it was kept) whose check digits all matched:
    // the name has no check digit, so agreeing on it is not called "Same"; the birth date is.
    expect(within(row('Surname')).getAllByRole('cell')[2]).toHaveTextContent(/^\? Read alike, but not confirmed: no check digit vouches/);
    expect(within(row('Birth date')).getAllByRole('cell')[2]).toHaveTextContent('= Same');
    expect(within(table).getAllByText('Differs')).toHaveLength(1);
    // The difference is also a reason in the banner, even though Progeny said "verified".
    expect(within(await banner('Verified')).getByRole('list', { name: 'Why' })).toHaveTextContent('differ between this station’s MRZ read and Progeny’s OCR: 1');
  });

  it('shows the cards of a kyc service with their figures, scores as labelled percentages', async () => {
    await renderResults(stationWith(kycDetail()), RECORD_ID);
    await banner('Verified');
    const liveness = screen.getByRole('region', { name: 'Liveness' });
    expect(liveness).toHaveTextContent('Passed');
    // probability 0.93 and quality 0.818 on one scale; the log-odds score 2.594 is not shown beside them.
    expect(liveness).toHaveTextContent('Chance of a live person93% (Progeny decides; it publishes no pass mark)');
    expect(liveness).toHaveTextContent('Picture quality81.8% (Progeny decides; it publishes no pass mark)');
    expect(liveness).not.toHaveTextContent('2.594');
    expect(screen.getByRole('region', { name: 'Face match' })).toHaveTextContent('The document photo');
    expect(screen.getByRole('region', { name: 'Document' })).toHaveTextContent('Sep 25, 2031');
    expect(screen.queryByRole('region', { name: 'Background check' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Registration' })).not.toBeInTheDocument();
  });

  it('shows a score sent only as log-odds on the same scale, with the sandbox’s pass mark in training', async () => {
    const detail = livenessDetail(true);
    await renderResults(stationWith({ ...detail, mode: 'training', result: { ...detail.result!, liveness: { passed: true, score: 9.21, quality: 0.754, probability: null } } }), RECORD_ID);
    const liveness = await screen.findByRole('region', { name: 'Liveness' });
    expect(liveness).toHaveTextContent('Chance of a live person100% (pass mark in training: 50%)');
    expect(liveness).toHaveTextContent('Picture quality75.4% (pass mark in training: 35%)');
  });

  it('keeps Progeny’s own messages and numbers for support, one click away', async () => {
    const user = userEvent.setup();
    const result = kycResult({
      verdict: 'not-verified',
      checks: { document: true, liveness: false, compare: true },
      liveness: { passed: false, score: 9.21, quality: 0.754, probability: null },
      issues: [{ check: 'liveness', code: 'FACE_ANGLE_TOO_LARGE', message: 'Face angle is too large', guidance: '' }],
    });
    await renderResults(stationWith({ ...kycDetail({ result }), raw: { id: 2190, status: 'SUCCESS', result: { status: 400 } } }), RECORD_ID);
    await banner('Not verified');
    // The screen says it in the operator's words; Progeny's English text is only in the details.
    expect(screen.getByText('The head is turned or tilted more than 25°.')).toBeVisible();
    const support = screen.getByRole('region', { name: 'Details for support' });
    const toggle = within(support).getByRole('button', { name: 'Details for support' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(support).getByText('Face angle is too large')).not.toBeVisible();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const messages = within(support).getByRole('table', { name: 'Progeny’s messages as received' });
    expect(within(messages).getByRole('row', { name: /FACE_ANGLE_TOO_LARGE/ })).toHaveTextContent('livenessFACE_ANGLE_TOO_LARGEFace angle is too large');
    expect(support).toHaveTextContent('liveness.score9.21');
    expect(support).toHaveTextContent('liveness.quality0.754');
    expect(support).toHaveTextContent('"id": 2190');
  });

  it('shows only the liveness card for a liveness check', async () => {
    await renderResults(stationWith(livenessDetail(true)), RECORD_ID);
    await banner('Verified');
    expect(screen.getByRole('region', { name: 'Liveness' })).toBeInTheDocument();
    for (const name of ['Document', 'Face match', 'Background check', 'Registration', 'Issues']) expect(screen.queryByRole('region', { name })).not.toBeInTheDocument();
  });

  it('shows a face authentication’s score and a background check’s match', async () => {
    const auth = kycDetail({
      service: 'authenticate_face',
      fields: { uuid: 'd3da2b7a-b062-11ec-b3b9-0242ac190002' },
      result: kycResult({
        service: 'authenticate_face',
        checks: { authentication: true, liveness: true },
        authentication: { passed: true, matchScore: 20, scorePercent: 97.5 },
        document: null,
        compare: null,
      }),
    });
    const { unmount } = await renderResults(stationWith(auth), RECORD_ID);
    const match = await screen.findByRole('region', { name: 'Face match' });
    expect(match).toHaveTextContent('Similarity of the two faces97.5% (Progeny decides; it publishes no pass mark)');
    expect(match).toHaveTextContent('Registered person d3da2b7a-b062-11ec-b3b9-0242ac190002');
    unmount();

    const background = kycDetail({
      service: 'background_check',
      verdict: 'not-verified',
      images: [],
      fields: { fullname: 'Ivan Petrov', birth_date: '1970-01-01' },
      result: kycResult({
        service: 'background_check',
        verdict: 'not-verified',
        checks: { background_check: false },
        document: null,
        compare: null,
        liveness: null,
        backgroundCheck: { potentialMatch: true, riskLevel: 'high', totalMatches: 3, hits: [] },
      }),
    });
    await renderResults(stationWith(background), RECORD_ID);
    expect(within(await banner('Not verified')).getByRole('list', { name: 'Why' })).toHaveTextContent('Possible watchlist match (risk level: High).');
    const card = screen.getByRole('region', { name: 'Background check' });
    expect(card).toHaveTextContent('Potential matchYes');
    expect(card).toHaveTextContent('Total matches3');
    expect(screen.getByRole('region', { name: 'Inputs' })).toHaveTextContent('Full nameIvan Petrov');
    expect(screen.getByText('No images were sent with this verification.')).toBeInTheDocument();
  });

  it('copies a registered person id', async () => {
    const user = userEvent.setup();
    const detail = kycDetail({
      service: 'register_face',
      result: kycResult({ service: 'register_face', checks: { registration: true }, registration: { uuid: 'd3da2b7a-b062-11ec-b3b9-0242ac190002' }, document: null, compare: null }),
    });
    await renderResults(stationWith(detail), RECORD_ID);
    const card = await screen.findByRole('region', { name: 'Registration' });
    await user.click(within(card).getByRole('button', { name: 'Copy the person id' }));
    expect(await navigator.clipboard.readText()).toBe('d3da2b7a-b062-11ec-b3b9-0242ac190002');
    expect(within(card).getByRole('status')).toHaveTextContent('Person id copied.');
  });

  it('shows the selfie and the document side by side, says when retention deleted one, and revokes the URLs', async () => {
    const detail = kycDetail();
    detail.images[2] = { ...detail.images[2]!, available: false, bytes: null };
    const station = stationWith(detail);
    const { unmount } = await renderResults(station, RECORD_ID);
    const selfie = await screen.findByRole('img', { name: 'Selfie sent with this verification' });
    expect(selfie).toHaveAttribute('src', 'blob:fake/1');
    expect(screen.getByText('This image was deleted by the retention policy; the record remains.')).toBeInTheDocument();
    expect(station.calls.filter((call) => call.operation === 'history:image').map((call) => call.payload)).toEqual([{ id: RECORD_ID, blobId: 'blob-selfie' }]);
    unmount();
    expect(urls.revoked).toEqual(['blob:fake/1']);
  });

  it('shows the override reason', async () => {
    await renderResults(stationWith(kycDetail({ overrideReason: 'Customer has a scar; photo checked by eye.', prechecks: { ...passportPrechecks(), overridden: ['face.sharpness'] } })), RECORD_ID);
    const card = await screen.findByRole('region', { name: 'Pre-check override' });
    expect(card).toHaveTextContent('Customer has a scar; photo checked by eye.');
    // Named in words, as the operator saw it on the report card; never the internal check id.
    expect(card).toHaveTextContent('Face sharpness');
    expect(card).not.toHaveTextContent('face.sharpness');
  });

  it('exports the evidence report as a PDF download, with the raw-response appendix only when ticked', async () => {
    const user = userEvent.setup();
    const station = stationWith(kycDetail());
    const pdf = '%PDF-1.7 evidence';
    const sha256 = 'a'.repeat(64);
    station.handle('history:evidence-pdf', ({ id }) => ok({ filename: `evidence-${id}.pdf`, pdf: btoa(pdf), sha256 }));
    const clicks: Array<{ download: string; href: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.getAttribute('href') ?? '' });
    });
    await renderResults(station, RECORD_ID);
    await banner('Verified');
    await user.click(screen.getByRole('button', { name: 'Export evidence report' }));
    expect(station.calls).toContainEqual({ operation: 'history:evidence-pdf', payload: { id: RECORD_ID, appendix: false } });
    await waitFor(() => expect(clicks).toHaveLength(1));
    const report = urls.created.find((blob) => blob.type === 'application/pdf')!;
    expect(new TextDecoder().decode(await readBlob(report))).toBe(pdf);
    expect(clicks[0]).toEqual({ download: `evidence-${RECORD_ID}.pdf`, href: `blob:fake/${urls.created.indexOf(report) + 1}` });
    expect(screen.getByText(new RegExp(`Evidence report saved as evidence-${RECORD_ID}.pdf. Its SHA-256 fingerprint, ${sha256}, is in the audit log`))).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Add Progeny’s raw responses as an appendix (for support)' }));
    await user.click(screen.getByRole('button', { name: 'Export evidence report' }));
    expect(station.calls).toContainEqual({ operation: 'history:evidence-pdf', payload: { id: RECORD_ID, appendix: true } });
    click.mockRestore();
  });

  it('says so when the evidence report cannot be made', async () => {
    const user = userEvent.setup();
    const station = stationWith(kycDetail());
    station.handle('history:evidence-pdf', () => fail('store-locked', 'The station is locked.'));
    await renderResults(station, RECORD_ID);
    await user.click(await screen.findByRole('button', { name: 'Export evidence report' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The evidence report could not be exported (The station is locked.). Try again.');
  });

  it('re-runs as new with the original images and inputs', async () => {
    const user = userEvent.setup();
    const detail = kycDetail({ fields: { note: 'kept' } });
    const { store } = await renderResults(stationWith(detail), RECORD_ID);
    await user.click(await screen.findByRole('button', { name: 'Re-run as new' }));
    await waitFor(() => expect(store.getState().view).toBe('new'));
    const prefill = store.getState().takePrefill()!;
    expect(prefill).toMatchObject({ service: 'kyc_passport', fields: { note: 'kept' } });
    expect(Object.keys(prefill.images)).toEqual(['selfie_image', 'passport_image']);
    expect(prefill.images.passport_image!.filename).toBe('passport.jpg');
    expect(new Uint8Array(await readBlob(prefill.images.selfie_image!.blob))).toEqual(JPEG_BYTES);
    expect(prefill.images.selfie_image!.blob.type).toBe('image/jpeg');
  });

  it('goes back to the history', async () => {
    const user = userEvent.setup();
    const station = stationWith(kycDetail());
    station.handle('history:search', () => ok([]));
    const { store } = await renderResults(station, RECORD_ID);
    await user.click(await screen.findByRole('button', { name: 'Back to history' }));
    expect(store.getState().view).toBe('history');
  });

  it('explains a record that is gone or a locked station in words', async () => {
    const station = createFakeStation();
    station.handle('history:detail', () => fail('not-found', 'No verification with this id.'));
    const { unmount } = await renderResults(station, RECORD_ID);
    expect(await screen.findByRole('alert')).toHaveTextContent('This verification is no longer in the history');
    unmount();

    station.handle('history:detail', () => fail('store-locked', 'locked'));
    await renderResults(station, RECORD_ID);
    expect(await screen.findByRole('alert')).toHaveTextContent('The station is locked: unlock it to see this verification.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('follows a record still in the queue to its result', async () => {
    let detail = kycDetail({ state: 'submitted', verdict: null, result: null, finishedAt: null });
    const station = createFakeStation();
    station.handle('history:detail', () => ok(detail));
    station.handle('history:image', () => ok({ contentType: 'image/jpeg', data: JPEG_BASE64 }));
    await renderResults(station, RECORD_ID);
    expect(await banner('Not finished')).toHaveTextContent('Sent: waiting for Progeny’s result.');
    detail = kycDetail();
    act(() => station.emit('queue:changed', { counts: { done: 1 } }));
    expect(await banner('Verified')).toBeInTheDocument();
  });

  it('prints the page', async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await renderResults(stationWith(kycDetail()), RECORD_ID);
    await user.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it.each([
    ['fr', 'Vérifié', 'Lu sur ce poste (MRZ)'],
    ['ar', 'تم التحقق', 'مقروء في هذه المحطة (المنطقة المقروءة آليًا)'],
  ])('speaks %s, with no untranslated key left on the screen', async (language, verdict, stationColumn) => {
    const detail = kycDetail({ mode: 'training', prechecks: passportPrechecks({ documentNumber: 'XX008081' }) });
    const { i18n } = await renderResults(stationWith(detail), RECORD_ID);
    await act(() => i18n.changeLanguage(language));
    expect(await screen.findByRole('region', { name: verdict })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: stationColumn })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/\b(results|words)\.[a-zA-Z]/);
  });
});
