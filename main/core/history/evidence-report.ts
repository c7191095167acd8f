import type { ResultCheck } from '../../../common/services/catalog';
import type { Outcome } from '../../../common/vocabulary';
import { documentStanding } from '../../../common/services/document-standing';
import { ISSUE_CODES, issueCause, isKnownIssueCode } from '../../../common/services/issue-causes';
import { livenessReading, qualityReading, similarityReading, type ScoreReading } from '../../../common/services/score-scales';
// The result screen's English sentences, so the report and the screen say the same thing in the same words.
import { results as resultWords } from '../../../renderer/i18n/areas/results';
import type { AuditLog } from '../store/audit-log';
import { BlobMissingError, BlobTamperedError } from '../store/blob-store';
import type { History } from './history';
import type { HistoryDetail, HistoryImage } from './history-types';
import { dataTable, dataUrl, definitionTable, escapeHtml, timeFormatter, yesNo } from './report-html';

/**
 * One verification as a printable, self-contained HTML document: the desktop prints it to PDF
 * (webContents.printToPDF), the web station opens it and uses the browser's print dialog.
 *
 * Self-contained on purpose: no external resources and no script (a Content-Security-Policy says so
 * too, as a second line of defence behind escaping), images inlined as data: URLs, one inline
 * stylesheet with print rules. Labels are English: the report is evidence kept outside the app, and
 * one fixed wording is easier to rely on than whatever language the operator had chosen.
 */

export interface EvidenceReportOptions {
  /** Locale for dates (e.g. 'de-DE'); UTC ISO times are always printed next to them. */
  locale?: string;
  timeZone?: string;
  /** Marks the report TRAINING. A training-mode record is always marked, whatever this says. */
  training: boolean;
  /** Decrypted images by blob id; images not given are listed without a picture. */
  images?: ReadonlyMap<string, Uint8Array>;
  /** When the report was made (default now). */
  generatedAt?: number;
}

const INTEGRITY_BANNER =
  'INTEGRITY CHECK FAILED — this record was changed outside the station after it was stored. Its verdict and mode cannot be trusted and are not shown; this document is not evidence of a verification.';

const VERDICT_LABEL: Readonly<Record<Outcome, string>> = { verified: 'Verified', 'not-verified': 'Not verified', 'needs-review': 'Needs review' };
const CHECK_LABEL: Readonly<Record<ResultCheck, string>> = {
  liveness: 'Liveness',
  registration: 'Face registration',
  authentication: 'Face authentication',
  document: 'Document valid and not expired',
  compare: 'Selfie matches document portrait',
  background_check: 'Background check clear',
};

const STYLE = `
  :root { color-scheme: light; }
  body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; }
  h1 { font-size: 18pt; margin: 0 0 .25rem; }
  h2 { font-size: 13pt; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #999; padding-bottom: .15rem; }
  .muted { color: #555; }
  .verdict { display: inline-block; font-weight: 700; padding: .15rem .6rem; border: 2px solid currentColor; border-radius: .3rem; }
  .verdict.verified { color: #0a6b2d; } .verdict.not-verified { color: #a11; } .verdict.needs-review, .verdict.none { color: #8a5a00; }
  .training-banner { border: 3px solid #a11; color: #a11; font-weight: 800; font-size: 14pt; text-align: center; padding: .4rem; margin-bottom: 1rem; letter-spacing: .1em; }
  .training-watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 72pt; font-weight: 800; color: rgba(170, 17, 17, .12); transform: rotate(-30deg); pointer-events: none; z-index: -1; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .2rem .4rem; border-bottom: 1px solid #ddd; }
  table.facts th { width: 14rem; font-weight: 600; }
  table.grid thead th { border-bottom: 2px solid #999; }
  .images { display: flex; flex-wrap: wrap; gap: 1rem; }
  figure { margin: 0; max-width: 16rem; }
  figure img { max-width: 100%; max-height: 14rem; border: 1px solid #999; }
  figcaption { font-size: 9pt; color: #444; }
  pre { white-space: pre-wrap; word-break: break-word; font-size: 8pt; background: #f5f5f5; padding: .5rem; }
  footer { margin-top: 2rem; font-size: 9pt; color: #444; border-top: 1px solid #999; padding-top: .4rem; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
    h2 { break-after: avoid; }
    tr, figure, .training-banner { break-inside: avoid; }
    pre { background: none; border: 1px solid #ccc; }
    a { color: inherit; text-decoration: none; }
  }
`;

// default-src 'none': nothing may load, no script may run; only inline styles and data: images.
// A constant without double quotes, so it goes into the attribute as it is.
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function renderEvidenceReport(detail: HistoryDetail, options: EvidenceReportOptions): string {
  // A record changed outside the station is not evidence of anything: it says so first and loudest,
  // and neither its verdict nor its mode is printed as a fact (history.ts has already withheld them).
  const tampered = detail.tampered;
  const training = !tampered && (options.training || detail.mode === 'training');
  const time = timeFormatter(options.locale, options.timeZone);
  const verdictClass = tampered ? 'not-verified' : (detail.verdict ?? 'none');
  const verdictText = tampered ? 'INTEGRITY CHECK FAILED — no verdict' : detail.verdict ? VERDICT_LABEL[detail.verdict] : `No result (${detail.state})`;
  const modeText = tampered ? 'unknown (record altered)' : detail.mode;
  const title = `${tampered ? 'ALTERED RECORD — ' : training ? 'TRAINING — ' : ''}Verification evidence ${detail.id}`;
  const sections = [
    section('Verification', recordFacts(detail, time, modeText)),
    section('Customer', customerFacts(detail)),
    section('Biometric consent', consentFacts(detail, time)),
    section('Checks', checksSection(detail)),
    section(
      'Issues',
      dataTable(
        ['Check', 'Code', 'Progeny’s message (as received)', 'Meaning', 'What to do'],
        (detail.result?.issues ?? []).map((i) => [i.check, i.code, i.message, issueMeaning(i.code), ENGLISH.advice[issueCause(i.check, i.code)]]),
      ),
    ),
    section('Pre-checks', prechecksSection(detail.prechecks)),
    section('Operator override', detail.overrideReason === null ? '<p class="muted">No override.</p>' : `<p>${escapeHtml(detail.overrideReason)}</p>`),
    section('Inputs', definitionTable(Object.entries(detail.fields))),
    section('Images', imagesSection(detail.images, options.images)),
    section(
      'Processing history',
      dataTable(
        ['#', 'Time', 'Action', 'Outcome', 'Detail'],
        detail.attempts.map((a) => [a.seq, time(a.at), a.action, a.outcome, a.detail ?? '']),
      ),
    ),
    detail.raw === null || detail.raw === undefined ? '' : section('Progeny response (as received)', `<pre>${escapeHtml(JSON.stringify(detail.raw, null, 2))}</pre>`),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${tampered ? `<div class="training-watermark" aria-hidden="true">ALTERED</div>\n<div class="training-banner" role="alert">${INTEGRITY_BANNER}</div>` : ''}
${training ? '<div class="training-watermark" aria-hidden="true">TRAINING</div>\n<div class="training-banner">TRAINING — practice verification, not a real identity check</div>' : ''}
<header>
<h1>Verification evidence report</h1>
<p><span class="verdict ${escapeHtml(verdictClass)}">${escapeHtml(verdictText)}</span> <span class="muted">${escapeHtml(detail.service)} · ${escapeHtml(modeText)} · state ${escapeHtml(detail.state)}</span></p>
</header>
${sections.join('\n')}
<footer>Generated by Progeny Station on ${escapeHtml(time(options.generatedAt ?? Date.now()))}. Contains personal data: keep and share it only as your data-protection policy allows.${detail.unreadable ? ` Some stored data could not be read (${escapeHtml(detail.unreadableColumns.join(', '))}).` : ''}</footer>
</body>
</html>
`;
}

const section = (heading: string, body: string) => `<section><h2>${escapeHtml(heading)}</h2>${body}</section>`;

const ENGLISH = resultWords.en;
const issueMeaning = (code: string): string | null => (isKnownIssueCode(code) ? ENGLISH.issue.message[ISSUE_CODES[code].key] : null);
/** A score on the result screen's scale: a percentage, one decimal. */
const percent = (reading: ScoreReading): string | null => (reading.percent === null ? null : `${Math.round(reading.percent * 10) / 10} %`);

function recordFacts(d: HistoryDetail, time: (ms: number | null) => string, modeText: string): string {
  return definitionTable([
    ['Verification id', d.id],
    ['Progeny task id', d.taskId ?? '—'],
    ['Service', d.service],
    ['Mode', modeText],
    ['State', d.state],
    ['Operator', d.operator ?? '—'],
    ['Created', time(d.createdAt)],
    ['Sent', d.submittedAt === null ? null : time(d.submittedAt)],
    ['Finished', d.finishedAt === null ? null : time(d.finishedAt)],
    ['Times sent', d.sendCount],
    ['Waiting because', d.attentionReason],
    ['Error', d.error ? `${d.error.kind}${d.error.message ? `: ${d.error.message}` : ''}` : null],
    [
      'Field errors',
      d.error?.fields
        ? Object.entries(d.error.fields)
            .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
            .join(' | ')
        : null,
    ],
  ]);
}

const CONSENT_LANGUAGE: Readonly<Record<string, string>> = { en: 'English', fr: 'French', ar: 'Arabic' };

/** The customer's answer as recorded with the submission: which text (language, version) and when. */
function consentFacts(d: HistoryDetail, time: (ms: number | null) => string): string {
  if (!d.consent) return '<p class="muted">No consent was recorded with this verification (not asked: the service captures no face, or consent was off or optional).</p>';
  return definitionTable([
    ['Answer', d.consent.answer === 'agreed' ? 'Customer agreed' : 'Customer declined'],
    ['Consent text', `${CONSENT_LANGUAGE[d.consent.language] ?? d.consent.language}, version ${d.consent.version}`],
    ['Answered at', time(d.consent.at)],
  ]);
}

function customerFacts(d: HistoryDetail): string {
  const doc = d.result?.document;
  const f = doc?.fields;
  return definitionTable([
    ['Customer reference', d.customer.reference],
    ['Customer name (as entered)', d.customer.name],
    ['Name', d.subject.name],
    ['First name', f?.firstName],
    ['Last name', f?.lastName],
    ['Document number', d.subject.documentNumber],
    ['Date of birth', d.subject.dateOfBirth],
    ['Nationality', f?.nationality],
    ['Sex', f?.sex],
    ['Date of issue', f?.dateOfIssue],
    ['Date of expiry', f?.dateOfExpiry],
    ['Age', f?.age],
    // One statement from is_valid and is_expired, as on the result screen (never "valid: yes, expired: yes").
    ['Document status', doc ? ENGLISH.card.document.standingText[documentStanding(doc)] : null],
  ]);
}

function checksSection(d: HistoryDetail): string {
  const r = d.result;
  if (!r) return '<p class="muted">No result yet.</p>';
  const rows = Object.entries(r.checks).map(([check, passed]) => [CHECK_LABEL[check as ResultCheck] ?? check, passed === true ? 'passed' : passed === false ? 'FAILED' : 'not reported']);
  const compared = r.authentication ?? r.compareScores ?? null;
  const scores = definitionTable([
    [ENGLISH.card.liveness.probability, percent(livenessReading(r.liveness))],
    [ENGLISH.card.liveness.quality, percent(qualityReading(r.liveness))],
    [ENGLISH.card.faceMatch.score, percent(similarityReading(compared))],
    ['Liveness score as received (log-odds)', r.liveness?.score],
    ['Liveness probability as received (0–1)', r.liveness?.probability],
    ['Liveness quality as received (0–1)', r.liveness?.quality],
    ['Face match score as received (0–20)', compared?.matchScore],
    ['Face match as received (%)', compared?.scorePercent],
    ['Registered face id', r.registration?.uuid],
    ['Selfie matches document', yesNo(r.compare)],
    ['Background check: potential match', yesNo(r.backgroundCheck?.potentialMatch)],
    ['Background check: risk level', r.backgroundCheck?.riskLevel],
    ['Background check: matches', r.backgroundCheck?.totalMatches],
    ['Progeny task state', r.taskState],
    ['Result shape not recognised', r.unrecognised ? 'yes: see the response below' : null],
  ]);
  return dataTable(['Check', 'Outcome'], rows) + scores;
}

interface PrecheckReport {
  role: string | null;
  verdict: string | null;
  checks: Array<Record<string, unknown>>;
}
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pre-check reports (common/analysis/check.ts Report) in an array, a map by field, or alone. */
function precheckReports(value: unknown): PrecheckReport[] | null {
  const asReport = (v: unknown, key: string | null): PrecheckReport | null =>
    isRecord(v) && Array.isArray(v.checks) && v.checks.every(isRecord)
      ? { role: typeof v.role === 'string' ? v.role : key, verdict: typeof v.verdict === 'string' ? v.verdict : null, checks: v.checks }
      : null;
  const candidates: Array<[unknown, string | null]> = Array.isArray(value)
    ? value.map((v: unknown) => [v, null])
    : isRecord(value)
      ? asReport(value, null)
        ? [[value, null]]
        : Object.entries(value).map(([key, v]) => [v, key])
      : [];
  const reports = candidates.map(([v, key]) => asReport(v, key));
  return reports.length > 0 && reports.every((r): r is PrecheckReport => r !== null) ? reports : null;
}

function prechecksSection(prechecks: unknown): string {
  if (prechecks === null || prechecks === undefined) return '<p class="muted">No pre-check findings were recorded.</p>';
  const reports = precheckReports(prechecks);
  // A shape this code does not know is still evidence: print it as it was stored.
  if (!reports) return `<pre>${escapeHtml(JSON.stringify(prechecks, null, 2))}</pre>`;
  return reports
    .map(
      (report) =>
        `<h3>${escapeHtml(report.role ?? 'Image')}: ${escapeHtml(report.verdict ?? '')}</h3>` +
        dataTable(
          ['Check', 'Result', 'Measured', 'Rule', 'Finding', 'What to do'],
          report.checks.map((c) => [c.id, c.verdict, c.value, c.threshold, c.message, c.guidance]),
        ),
    )
    .join('');
}

function imagesSection(images: readonly HistoryImage[], bytes: ReadonlyMap<string, Uint8Array> | undefined): string {
  if (images.length === 0) return '<p class="muted">No images were submitted.</p>';
  // A thumbnail only stands in for a full image that is gone; otherwise it would print the same picture twice.
  const fullImages = new Set(images.filter((i) => i.kind !== 'thumbnail' && i.available).map((i) => i.field));
  const shown = images.filter((i) => i.kind !== 'thumbnail' || !fullImages.has(i.field));
  const figures = shown.map((image) => {
    const caption = `${image.field} (${image.kind})`;
    const data = bytes?.get(image.blobId);
    const url = data && dataUrl(data);
    if (url) return `<figure><img src="${escapeHtml(url)}" alt="${escapeHtml(caption)}"><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
    const why = !image.available ? 'deleted under the retention policy' : data ? 'not a JPEG, PNG, WebP or GIF image' : 'not included';
    return `<figure><figcaption>${escapeHtml(caption)}: ${escapeHtml(why)}</figcaption></figure>`;
  });
  return `<div class="images">${figures.join('')}</div>`;
}

/**
 * The record's images that can still be read, by blob id, for an evidence export. A lost or damaged
 * file is reported in the document as "not included", not fatal to the export.
 */
export function readableImages(history: History, detail: HistoryDetail): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>();
  for (const image of detail.images) {
    if (!image.available) continue;
    try {
      images.set(image.blobId, history.image(image.blobId));
    } catch (error) {
      if (!(error instanceof BlobMissingError) && !(error instanceof BlobTamperedError)) throw error;
    }
  }
  return images;
}

/**
 * Renders the evidence report of one record with its stored images and records the export in the
 * audit log (ids only: the log outlives "forget"). Null when there is no such record.
 */
export function exportEvidence(history: History, audit: AuditLog, id: string, actor: string, options: { locale?: string; timeZone?: string; now?: number; approvedBy?: string } = {}): string | null {
  const detail = history.detail(id);
  if (!detail) return null;
  const images = readableImages(history, detail);
  const html = renderEvidenceReport(detail, { locale: options.locale, timeZone: options.timeZone, training: detail.mode === 'training', images, generatedAt: options.now });
  audit.append({
    actor,
    action: 'export',
    details: { format: 'evidence-html', verification: id, images: images.size, ...(detail.tampered ? { tampered: true } : {}), ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}) },
  });
  return html;
}
