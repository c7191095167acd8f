import { afterEach, describe, expect, it } from 'vitest';
import { exportEvidence, renderEvidenceReport } from '../../../../main/core/history/evidence-report';
import { DAY, fakeJpeg, openStation, record, T0, type Station } from './history-fixtures';

let station: Station | undefined;
afterEach(() => station?.store.close());

const HOSTILE = { firstName: '<script>alert("x")</script>', lastName: "O'Brien & <b>Sons</b>", documentNumber: 'X<img src=x onerror=alert(1)>', dateOfBirth: '1970-01-01' };
const PLAIN = { firstName: 'Anna', lastName: 'Schmidt', documentNumber: 'K1234567', dateOfBirth: '1988-03-04' };

describe('evidence report', () => {
  it('escapes every customer value, even in names that contain markup', () => {
    station = openStation();
    const id = record(station, {
      person: HOSTILE,
      at: T0,
      verdict: 'not-verified',
      overrideReason: '</p><script>steal()</script>',
      prechecks: {
        selfie_image: { role: 'selfie', verdict: 'warn', checks: [{ id: 'face.size', value: '<i>180</i>', threshold: '≥ 224 px', verdict: 'warn', message: '<u>small</u>', guidance: 'closer' }] },
      },
    });
    const html = renderEvidenceReport(station.history.detail(id)!, { training: false });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>Sons');
    expect(html).not.toContain('<i>180');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;');
    expect(html).toContain('&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;');
    // The pre-check report was recognised and tabulated, not dumped.
    expect(html).toContain('face.size');
    expect(html).toContain('&lt;u&gt;small&lt;/u&gt;');
  });

  it('is self-contained and printable: no external resources, no script, a print stylesheet, images inline', () => {
    station = openStation();
    const selfie = fakeJpeg();
    const id = record(station, { person: PLAIN, at: T0, images: { selfie_image: selfie } });
    const html = exportEvidence(station.history, station.store.audit, id, 'desk-1', { locale: 'de-DE', now: T0 + DAY })!;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|<iframe|src="(?!data:)|url\(/i);
    expect(html).toContain(`src="data:image/jpeg;base64,${selfie.toString('base64')}"`);
    // Verdict, document fields, task id, operator, timestamps (local and UTC).
    for (const text of ['Verified', 'Anna Schmidt', 'K1234567', '1988-03-04', `task-${id.slice(0, 8)}`, 'desk-1', '2025-01-01T01:00:00.000Z', 'Liveness']) expect(html).toContain(text);
    expect(html).not.toContain('TRAINING');
    expect(station.store.audit.list().at(-1)).toMatchObject({ action: 'export', actor: 'desk-1', details: { format: 'evidence-html', verification: id, images: 1 } });
    expect(station.store.audit.verify()).toMatchObject({ ok: true });
    expect(exportEvidence(station.history, station.store.audit, 'missing', 'desk-1')).toBeNull();
  });

  it('words the document and the issues as the result screen does: one document status, advice by cause, scores as percentages', () => {
    station = openStation();
    const id = record(station, { person: PLAIN, at: T0, verdict: 'not-verified' });
    const detail = station.history.detail(id)!;
    const result = detail.result!;
    const html = renderEvidenceReport(
      {
        ...detail,
        result: {
          ...result,
          liveness: { passed: true, score: 9.21, quality: 0.754, probability: null },
          document: { ...result.document!, valid: true, expired: true },
          issues: [
            { check: 'document', code: 'DOCUMENT_EXPIRED', message: 'The document has expired', guidance: 'Check the images against the pre-check report and resubmit' },
            { check: 'compare', code: 'FACES_DO_NOT_MATCH', message: 'The selfie does not match the document portrait', guidance: 'resubmit' },
          ],
        },
      },
      { training: false },
    );
    expect(html).toContain('<th scope="row">Document status</th><td>Expired: it cannot be accepted, so the verification fails.</td>');
    expect(html).not.toContain('Document valid<');
    expect(html).not.toContain('Document expired');
    expect(html).toContain('Ask for a valid document: an expired one cannot be accepted.');
    expect(html).toContain('Check the person in front of you');
    expect(html).not.toContain('resubmit');
    expect(html).toContain('<th scope="row">Chance of a live person</th><td>100 %</td>');
    expect(html).toContain('<th scope="row">Picture quality</th><td>75.4 %</td>');
    expect(html).toContain('<th scope="row">Liveness score as received (log-odds)</th><td>9.21</td>');
  });

  it('marks training clearly: a training record, or when the caller asks', () => {
    station = openStation();
    const training = record(station, { person: PLAIN, at: T0, mode: 'training' });
    const live = record(station, { person: PLAIN, at: T0 + 1 });
    const trainingHtml = renderEvidenceReport(station.history.detail(training)!, { training: false });
    expect(trainingHtml).toContain('<title>TRAINING — ');
    expect(trainingHtml).toContain('class="training-banner"');
    expect(trainingHtml).toContain('class="training-watermark"');
    expect(renderEvidenceReport(station.history.detail(live)!, { training: true })).toContain('class="training-banner"');
  });

  it('says which images retention removed instead of showing nothing', () => {
    station = openStation();
    const id = record(station, { person: PLAIN, at: T0, images: { selfie_image: fakeJpeg() } });
    const detail = station.history.detail(id)!;
    const gone = { ...detail, images: detail.images.map((i) => ({ ...i, available: false, bytes: null })) };
    expect(renderEvidenceReport(gone, { training: false })).toContain('selfie_image (image): deleted under the retention policy');
  });
});
