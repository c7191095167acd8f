/**
 * The evidence report as a PDF laid out for filing, made in main so the CLI, the web station and the
 * desktop app all produce the same file (Chromium's print-to-PDF is not available to main in the
 * web station or the CLI, so a PDF library, pdf-lib, draws it). Contents, in words, in English (one
 * fixed wording for evidence kept outside the app):
 *   header: verdict, service, customer, operator(s), approver, consent, times;
 *   the images as sent; each check in words; the on-device read beside Progeny's;
 *   the audit trail of this verification; raw responses only in an appendix that can be left out.
 * No internal service id, no Progeny task state in the body (a "SUCCESS" beside "Not verified"
 * reads as a contradiction); the audit entry of the export counts the images actually in the file
 * and records the file's SHA-256, so a filed copy can be checked later (`station evidence verify`).
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../store/audit-log';

import type { PDFImage } from 'pdf-lib';
import type { ResultCheck } from '../../../common/services/catalog';
import { isServiceId, SERVICES } from '../../../common/services/catalog';
import type { Outcome } from '../../../common/vocabulary';
import { documentStanding } from '../../../common/services/document-standing';
import { ISSUE_CODES, issueCause, isKnownIssueCode } from '../../../common/services/issue-causes';
import { livenessReading, qualityReading, similarityReading, type ScoreReading } from '../../../common/services/score-scales';
import { readPrecheckRecord } from '../../../common/precheck-record';
// The screens' English words, so the report and the screen say the same thing in the same words.
import { capture as captureWords } from '../../../renderer/i18n/areas/capture';
import { results as resultWords } from '../../../renderer/i18n/areas/results';
import { words as sharedWords } from '../../../renderer/i18n/areas/words';
import { compareDocumentFields, stationMrzRead, type Agreement } from '../../../renderer/results/field-comparison';
import { readableImages } from './evidence-report';
import type { History } from './history';
import type { HistoryDetail } from './history-types';
import { timeFormatter } from './report-html';
import { COLOURS, PdfWriter, type Cell } from './pdf-layout';

const EN = resultWords.en;
const WORDS = sharedWords.en;
const CHECK_WORDS = captureWords.en.checks as unknown as Record<string, Record<string, { name: string } | undefined> | undefined>;

const VERDICT: Readonly<Record<Outcome, string>> = WORDS.verdict;
const CHECK_LABEL: Readonly<Record<ResultCheck, string>> = {
  liveness: 'Liveness (a live person, not a photo or screen)',
  registration: 'Face registration',
  authentication: 'Face authentication (same person as registered)',
  document: 'Document valid and not expired',
  compare: 'Selfie matches the document portrait',
  background_check: 'Background check clear',
};
const FIELD_LABEL: Readonly<Record<string, string>> = {
  firstName: 'First name',
  lastName: 'Last name',
  documentNumber: 'Document number',
  nationality: 'Nationality',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  dateOfExpiry: 'Date of expiry',
};
const AGREEMENT: Readonly<Record<Agreement, string>> = {
  same: 'Same',
  differs: 'DIFFERS',
  unconfirmed: 'Alike, but the station’s read is unconfirmed',
  incomparable: 'Not comparable',
  'station-missing': 'Not read on this station',
  'progeny-missing': 'Not returned by Progeny',
  'both-missing': 'Read by neither',
};
/** A file field's role in words, from the service's own catalog entry (register_face's selfie is `image`). */
const roleOfField = (service: string, field: string): string => {
  const role = isServiceId(service) ? SERVICES[service].files.find((file) => file.name === field)?.role : undefined;
  return role ? WORDS.role[role] : field;
};

export const serviceWords = (service: string): string => (isServiceId(service) ? WORDS.service[service] : 'Unknown service');
const percent = (reading: ScoreReading): string | null => (reading.percent === null ? null : `${Math.round(reading.percent * 10) / 10} %`);
const outcome = (passed: boolean | null | undefined): Cell =>
  passed === true ? { text: '✓ Passed', colour: COLOURS.ok } : passed === false ? { text: '✗ Failed', colour: COLOURS.bad, bold: true } : { text: 'Not reported', colour: COLOURS.muted };
const checkName = (id: string): string => {
  const [group, name] = id.split('.');
  return (group && name && CHECK_WORDS[group]?.[name]?.name) || id;
};

export interface EvidencePdfOptions {
  locale?: string;
  timeZone?: string;
  /** Decrypted images by blob id (JPEG and PNG are drawn; anything else is listed). */
  images?: ReadonlyMap<string, Uint8Array>;
  /** This verification's audit entries (oldest first). */
  auditTrail?: readonly AuditEntry[];
  /** Who approved this export (four-eyes), when someone did. */
  approvedBy?: string | null;
  /** The raw Progeny response and pre-check records in an appendix (off: left out). */
  appendix?: boolean;
  generatedAt?: number;
}

export interface EvidencePdf {
  bytes: Uint8Array;
  /** Images drawn in the file (not those only listed). */
  imageCount: number;
}

/** Who approved sending this verification despite failing advice: the override's own audit entry says (four-eyes). */
function overrideApprover(trail: readonly AuditEntry[] = []): string | null {
  const approvedBy = trail.find((entry) => entry.action === 'override')?.details?.approvedBy;
  return typeof approvedBy === 'string' && approvedBy !== '' ? approvedBy : null;
}

export async function renderEvidencePdf(detail: HistoryDetail, options: EvidencePdfOptions = {}): Promise<EvidencePdf> {
  const time = timeFormatter(options.locale, options.timeZone);
  const tampered = detail.tampered;
  const training = !tampered && detail.mode === 'training';
  const service = serviceWords(detail.service);
  const pdf = await PdfWriter.create(`Verification evidence: ${service}, ${detail.id}`);

  if (tampered)
    pdf.paragraph(
      'INTEGRITY CHECK FAILED: this record was changed outside the station after it was stored. Its verdict and mode cannot be trusted and are not shown; this document is not evidence of a verification.',
      { bold: true, colour: COLOURS.bad, boxed: true, size: 11 },
    );
  if (training) pdf.paragraph('TRAINING: a practice verification against the built-in sandbox, not a real identity check.', { bold: true, colour: COLOURS.bad, boxed: true, size: 11 });

  pdf.paragraph('Verification evidence report', { size: 18, bold: true });
  const verdict = tampered ? 'No verdict (record altered)' : detail.verdict ? VERDICT[detail.verdict] : `No result yet (${WORDS.state[detail.state] ?? 'unknown state'})`;
  const verdictColour = detail.verdict === 'verified' && !tampered ? COLOURS.ok : detail.verdict === 'needs-review' ? COLOURS.warn : COLOURS.bad;
  pdf.paragraph(`Verdict: ${verdict}`, { size: 15, bold: true, colour: verdictColour });
  pdf.paragraph(`${service}${training ? ' (training)' : ''}`, { size: 11 });

  const customer = detail.customer ?? { reference: null, name: null };
  const consent = detail.consent ?? null;
  const overrideApprovedBy = overrideApprover(options.auditTrail);
  const operators = [...new Set([detail.operator, overrideApprovedBy].filter((name): name is string => !!name))];
  pdf.facts([
    ['Customer', customer.name ?? detail.subject.name ?? 'Not recorded'],
    ['Customer reference', customer.reference],
    ['Operator', detail.operator ?? 'Not recorded'],
    ['Override approved by', overrideApprovedBy],
    ['Export approved by', options.approvedBy ?? null],
    ['Operators involved', operators.length > 1 ? operators.join(', ') : null],
    [
      'Biometric consent',
      consent
        ? `${consent.answer === 'agreed' ? 'Customer agreed' : 'Customer declined'} (text version ${consent.version}, ${consent.language}) at ${time(consent.at)}`
        : 'Not recorded with this verification (not asked for this service, or consent was off or optional)',
    ],
    ['Created', time(detail.createdAt)],
    ['Sent to Progeny', detail.submittedAt === null ? 'Not sent' : time(detail.submittedAt)],
    ['Result received', detail.finishedAt === null ? null : time(detail.finishedAt)],
    ['Verification id', detail.id],
  ]);

  // Why, in words: the result screen's reasons (issues), failures first.
  const issues = detail.result?.issues ?? [];
  if (issues.length > 0) {
    pdf.heading('Why');
    pdf.table(
      ['Finding', 'What to do'],
      issues.map((issue) => [{ text: isKnownIssueCode(issue.code) ? EN.issue.message[ISSUE_CODES[issue.code].key] : issue.message, bold: true }, EN.advice[issueCause(issue.check, issue.code)] ?? '']),
      [0.55, 0.45],
    );
  }

  // Images first after the verdict: the officer compares faces before reading rows.
  const shown = detail.images.filter((image) => image.kind !== 'thumbnail' || !detail.images.some((other) => other.field === image.field && other.kind !== 'thumbnail' && other.available));
  const drawn: Array<{ image: PDFImage; caption: string }> = [];
  const listed: string[] = [];
  const hashes: Array<[string, string]> = [];
  for (const image of shown) {
    const caption = `${roleOfField(detail.service, image.field)}${image.kind === 'thumbnail' ? ' (thumbnail; the full image was deleted)' : ''}`;
    const bytes = options.images?.get(image.blobId);
    let embedded: PDFImage | null = null;
    try {
      if (bytes && bytes[0] === 0xff && bytes[1] === 0xd8) embedded = await pdf.doc.embedJpg(bytes);
      else if (bytes && bytes[0] === 0x89 && bytes[1] === 0x50) embedded = await pdf.doc.embedPng(bytes);
    } catch {
      embedded = null;
    }
    const sha = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    if (embedded) {
      drawn.push({ image: embedded, caption });
      hashes.push([`${caption}: SHA-256`, sha ?? '']);
    } else listed.push(`${caption}: ${!image.available ? 'deleted under the retention policy' : bytes ? 'not a JPEG or PNG image, not drawn' : 'could not be read'}`);
  }
  pdf.heading(`Images (${drawn.length})`);
  if (drawn.length > 0) pdf.images(drawn);
  // Each image's fingerprint: a copy of the image kept elsewhere can be matched to this report.
  if (hashes.length > 0) pdf.facts(hashes, 7.5);
  for (const line of listed) pdf.paragraph(line, { colour: COLOURS.muted });
  if (shown.length === 0) pdf.paragraph('No images were submitted.', { colour: COLOURS.muted });

  pdf.heading('Checks by Progeny');
  const result = detail.result;
  if (!result) pdf.paragraph('No result yet.', { colour: COLOURS.muted });
  else {
    const rows = (Object.entries(result.checks) as Array<[ResultCheck, boolean | null]>).sort(([, a], [, b]) => (a === false ? 0 : a === null ? 1 : 2) - (b === false ? 0 : b === null ? 1 : 2));
    pdf.table(
      ['Check', 'Outcome'],
      rows.map(([check, passed]) => [CHECK_LABEL[check] ?? check, outcome(passed)]),
      [0.7, 0.3],
    );
    const compared = result.authentication ?? result.compareScores ?? null;
    const standing = result.document ? EN.card.document.standingText[documentStanding(result.document)] : null;
    pdf.facts([
      [EN.card.liveness.probability, percent(livenessReading(result.liveness))],
      [EN.card.liveness.quality, percent(qualityReading(result.liveness))],
      [EN.card.faceMatch.score, percent(similarityReading(compared))],
      ['Document', standing],
      ['Registered face', result.registration?.uuid ? `Registered as ${result.registration.uuid}` : null],
      ['Background check', result.backgroundCheck ? (result.backgroundCheck.potentialMatch ? `Potential match (risk ${result.backgroundCheck.riskLevel ?? 'not given'})` : 'No match') : null],
    ]);
  }

  // The on-device read (this station's MRZ) beside Progeny's OCR of the same document.
  const station = stationMrzRead(detail.prechecks);
  const document = result?.document ?? null;
  if (document || station) {
    pdf.heading('This station’s read beside Progeny’s');
    const comparisons = compareDocumentFields(station?.fields ?? null, document?.fields ?? null, station?.unconfirmed);
    pdf.table(
      ['Field', 'Read on this station', 'Read by Progeny', 'Agreement'],
      comparisons.map((row) => [
        FIELD_LABEL[row.field] ?? row.field,
        row.station ?? '—',
        row.progeny ?? '—',
        row.agreement === 'differs' ? { text: AGREEMENT[row.agreement], colour: COLOURS.bad, bold: true } : AGREEMENT[row.agreement],
      ]),
      [0.22, 0.28, 0.28, 0.22],
    );
  }

  // The on-device pre-checks in words: problems only, with the count of those that passed.
  const record = readPrecheckRecord(detail.prechecks);
  if (record) {
    pdf.heading('Checks on this station before sending');
    for (const [field, slot] of Object.entries(record.slots)) {
      const checks = Array.isArray((slot as { checks?: unknown }).checks) ? ((slot as { checks: Array<{ id?: unknown; verdict?: unknown }> }).checks ?? []) : [];
      const problems = checks.filter((check) => check.verdict === 'fail' || check.verdict === 'warn');
      const passed = checks.filter((check) => check.verdict === 'pass').length;
      pdf.paragraph(
        `${roleOfField(detail.service, field)}: ${problems.length === 0 ? 'every check passed' : `${problems.length} to note`}, ${passed} passed${(slot as { autoFixed?: unknown }).autoFixed ? ', fixed automatically before sending' : ''}`,
        { bold: true },
      );
      if (problems.length > 0)
        pdf.table(
          ['Check', 'Result'],
          problems.map((check) => [checkName(String(check.id)), check.verdict === 'fail' ? { text: 'Fail', colour: COLOURS.bad } : { text: 'Warning', colour: COLOURS.warn }]),
          [0.7, 0.3],
        );
    }
    if (record.overridden.length > 0) pdf.paragraph(`Sent anyway, accepting: ${record.overridden.map(checkName).join(', ')}. Reason given: ${detail.overrideReason ?? 'not recorded'}`);
  }

  pdf.heading('Audit trail of this verification');
  const trail = options.auditTrail ?? [];
  pdf.table(
    ['#', 'Time', 'Who', 'What'],
    trail.map((entry) => [String(entry.seq), time(entry.at), entry.actor, auditWords(entry)]),
    [0.08, 0.34, 0.18, 0.4],
  );
  if (detail.attempts.length > 0) {
    pdf.paragraph('Sending and result collection:', { bold: true });
    pdf.table(
      ['Time', 'Step', 'Outcome'],
      detail.attempts.map((attempt) => [time(attempt.at), STEP[attempt.action] ?? attempt.action, stepOutcome(attempt.outcome)]),
      [0.4, 0.3, 0.3],
    );
  }

  if (options.appendix) {
    pdf.heading('Appendix: responses as received');
    pdf.paragraph('For support and audit only: Progeny’s response and the station’s pre-check record, as stored.', { colour: COLOURS.muted });
    pdf.paragraph(`Progeny task state: ${result?.taskState ?? 'none'}`, { size: 8 });
    pdf.paragraph(JSON.stringify(detail.raw ?? null, null, 2), { size: 7 });
    pdf.paragraph(JSON.stringify(detail.prechecks ?? null, null, 2), { size: 7 });
  }

  const footer = `Progeny Station evidence report · verification ${detail.id} · generated ${time(options.generatedAt ?? Date.now())} · contains personal data: keep and share it only as your data-protection policy allows`;
  const bytes = await pdf.finish(footer, tampered ? 'ALTERED' : training ? 'TRAINING' : null);
  return { bytes, imageCount: drawn.length };
}

const STEP: Readonly<Record<string, string>> = { enqueue: 'Queued', submit: 'Sent to Progeny', poll: 'Result collection', cancel: 'Cancelled', resolve: 'Settled by an operator' };
const OUTCOME: Readonly<Record<string, string>> = { ready: 'waiting to send', sending: 'sending', accepted: 'accepted by Progeny', cancelled: 'cancelled', deadline: 'no result in time' };
/** Progeny's task states (SUCCESS, FAILURE…) are not verdicts: the step says only that the result came back. */
const stepOutcome = (outcome: string): string => OUTCOME[outcome] ?? (/^SUCCESS\b/.test(outcome) ? 'result received' : /^[A-Z_]{4,}\b/.test(outcome) ? 'task ended without a result' : outcome);

/** An audit entry of this verification in words (ids and codes stay in the log itself). */
function auditWords(entry: AuditEntry): string {
  const details = entry.details;
  // Stored JSON: a value is used only when it has the type this wording expects.
  const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  switch (entry.action) {
    case 'submit':
      return `Queued: ${serviceWords(text(details.service))} (${details.mode === 'training' ? 'training' : 'live'})`;
    case 'consent':
      return `Biometric consent: ${details.answer === 'agreed' ? 'agreed' : 'declined'}`;
    case 'override':
      return `Sent anyway, accepting ${Array.isArray(details.checks) ? details.checks.map((id) => checkName(text(id))).join(', ') : 'failing checks'}${text(details.approvedBy) ? `, approved by ${text(details.approvedBy)}` : ''}`;
    case 'export':
      return `Evidence exported (${details.format === 'evidence-pdf' ? 'PDF' : 'HTML'}, ${text(details.images) || '0'} images)${text(details.approvedBy) ? `, approved by ${text(details.approvedBy)}` : ''}${typeof details.sha256 === 'string' ? `, SHA-256 ${details.sha256}` : ''}`;
    case 'cancel':
      return 'Cancelled before sending';
    case 'resolve-uncertain':
      return 'Uncertain send settled by an operator';
    default:
      return entry.action;
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** This verification's entries in the audit log, oldest first. */
export function auditTrailOf(audit: AuditLog, id: string): AuditEntry[] {
  return audit.list().filter((entry) => {
    const details = (entry.details ?? {}) as Record<string, unknown>;
    return details.verification === id || (Array.isArray(details.verifications) && details.verifications.includes(id));
  });
}

export interface ExportedEvidence {
  filename: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * The PDF of one record with its stored images; the export is recorded in the audit log with the
 * file's SHA-256 and the number of images in the file. Null when there is no such record.
 */
export async function exportEvidencePdf(
  history: History,
  audit: AuditLog,
  id: string,
  actor: string,
  options: { locale?: string; timeZone?: string; now?: number; approvedBy?: string; appendix?: boolean } = {},
): Promise<ExportedEvidence | null> {
  const detail = history.detail(id);
  if (!detail) return null;
  const images = readableImages(history, detail);
  const { bytes, imageCount } = await renderEvidencePdf(detail, { ...options, images, auditTrail: auditTrailOf(audit, id), approvedBy: options.approvedBy ?? null, generatedAt: options.now });
  const hash = sha256(bytes);
  audit.append({
    actor,
    action: 'export',
    details: {
      format: 'evidence-pdf',
      verification: id,
      images: imageCount,
      sha256: hash,
      appendix: options.appendix === true,
      ...(detail.tampered ? { tampered: true } : {}),
      ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}),
    },
  });
  return { filename: `evidence-${id}.pdf`, bytes, sha256: hash };
}

export type EvidenceCheck = { matches: true; sha256: string; verification: string; exportedAt: number; exportedBy: string } | { matches: false; sha256: string };

/** Whether a filed copy is byte for byte a PDF this station exported (its SHA-256 is in the audit log). */
export function verifyEvidencePdf(audit: AuditLog, bytes: Uint8Array): EvidenceCheck {
  const hash = sha256(bytes);
  const entry = audit.list().find((candidate) => candidate.action === 'export' && (candidate.details as Record<string, unknown> | undefined)?.sha256 === hash);
  if (!entry) return { matches: false, sha256: hash };
  return { matches: true, sha256: hash, verification: String((entry.details as Record<string, unknown>).verification), exportedAt: entry.at, exportedBy: entry.actor };
}
