/**
 * What each service's finished task reports (`result` inside the task envelope), built from the
 * engine's analysis. Shapes follow the docs' examples; where the docs show none they are inferred
 * and marked so:
 * - register_face failure (inferred): the liveness block and issues.liveness, no uuid.
 * - authenticate_face with an unknown uuid (inferred): result.status 400 and
 *   issues.authentication.UNKNOWN_UUID; nothing is analysed. A uuid registered with an older face
 *   descriptor is refused the same way with the sandbox's own FACE_REGISTRATION_OUTDATED. `authentication.result` is the face
 *   match alone; liveness is reported beside it, so a client must check both.
 * - ocr_passport reports `document` only: the docs' example also shows `compare` and `liveness`,
 *   but the service takes no selfie, so they would mean nothing (most likely pasted from KYC).
 * - kyc_* (inferred from that example): `document`, `compare` and `liveness` booleans, issues per check.
 * - background_check: `background_check` inside the usual envelope (see watchlist.ts for risk levels).
 * - extend_data=true adds `extended_data` with the sandbox's raw measurements (shape is the
 *   sandbox's own; the docs do not show the providers' raw responses).
 */
import type { SandboxService } from './progeny-api-spec';
import { documentReport, scanDocument, type DocumentReport } from './document-analysis';
import type { FaceRegistry } from './face-registry';
import { compareFaces, type FaceComparison } from './face-match';
import type { MediaStore } from './media-store';
import type { SandboxEngine, TaskResult } from './sandbox-types';
import { analyseSelfie, livenessIssues, type SelfieAnalysis } from './selfie-analysis';
import type { ServiceInputs } from './service-validation';
import type { Watchlist } from './watchlist';

export interface ResultContext {
  engine: SandboxEngine;
  registry: FaceRegistry;
  watchlist: Watchlist;
  media: MediaStore;
  now: () => number;
}

type Data = Record<string, unknown>;

export const OUTDATED_REGISTRATION = 'This face was registered by an older version of the sandbox whose face descriptors cannot be compared: register the face again';

const file = (inputs: ServiceInputs, name: string): Buffer => {
  const bytes = inputs.files[name];
  if (!bytes) throw new Error(`validated input ${name} is missing`);
  return bytes;
};

/** The selfie's embedding when its face was found and usable (no refusal). */
const usableEmbedding = (a: SelfieAnalysis): number[] | null => (a.status === 200 && a.face?.embedding ? a.face.embedding : null);

const round4 = (value: number | null) => (value === null ? null : Math.round(value * 1e4) / 1e4);

function extended(inputs: ServiceInputs, parts: { selfie?: SelfieAnalysis; comparison?: FaceComparison | null; report?: DocumentReport; mrzLines?: string[] }): Data {
  if (!inputs.extendData) return {};
  const m = parts.selfie?.measures;
  return {
    extended_data: {
      provider: 'progeny-station-sandbox',
      ...(m ? { liveness: { real: round4(m.real), live: round4(m.live), saturation: round4(m.saturation), stripes: round4(m.stripes), sharpness: round4(m.sharpness), luma: round4(m.luma) } } : {}),
      ...(parts.comparison ? { compare: { similarity: parts.comparison.similarity } } : {}),
      ...(parts.mrzLines ? { mrz: { lines: parts.mrzLines } } : {}),
    },
  };
}

function withIssues(data: Data, issues: Record<string, Record<string, string> | null>): Data {
  const present = Object.entries(issues).filter((entry): entry is [string, Record<string, string>] => entry[1] !== null && Object.keys(entry[1]).length > 0);
  return present.length > 0 ? { ...data, issues: Object.fromEntries(present) } : data;
}

async function faceLiveness(inputs: ServiceInputs, ctx: ResultContext): Promise<TaskResult> {
  const selfie = await analyseSelfie(file(inputs, 'image'), ctx.engine);
  return { status: selfie.status, data: withIssues({ liveness: selfie.block, ...extended(inputs, { selfie }) }, { liveness: livenessIssues(selfie) }) };
}

async function registerFace(inputs: ServiceInputs, ctx: ResultContext): Promise<TaskResult> {
  const selfie = await analyseSelfie(file(inputs, 'image'), ctx.engine);
  const embedding = usableEmbedding(selfie);
  if (!selfie.passed || !embedding) {
    return {
      status: selfie.status,
      data: withIssues({ liveness: selfie.block, ...extended(inputs, { selfie }) }, { liveness: livenessIssues(selfie) ?? { FACE_NOT_FOUND: 'Failed to detect face' } }),
    };
  }
  const uuid = await ctx.registry.register(embedding, ctx.now());
  return { status: 200, data: { uuid, ...extended(inputs, { selfie }) } };
}

async function authenticateFace(inputs: ServiceInputs, ctx: ResultContext): Promise<TaskResult> {
  const face = ctx.registry.lookup(inputs.fields.uuid ?? '');
  if (face.status === 'unknown') {
    return { status: 400, data: { authentication: { result: false }, issues: { authentication: { UNKNOWN_UUID: 'No face is registered under this uuid' } } } };
  }
  if (face.status === 'outdated') {
    // Its descriptor was made by an older method (face-registry.ts): comparing would say "no match" wrongly.
    return { status: 400, data: { authentication: { result: false }, issues: { authentication: { FACE_REGISTRATION_OUTDATED: OUTDATED_REGISTRATION } } } };
  }
  const registered = face.embedding;
  const selfie = await analyseSelfie(file(inputs, 'image'), ctx.engine);
  const embedding = usableEmbedding(selfie);
  const comparison = embedding ? compareFaces(ctx.engine.faces, registered, embedding) : null;
  let authentication: Data;
  let authIssues: Record<string, string> | null = null;
  if (comparison) {
    authentication = { result: comparison.match, data: comparison.data };
    if (!comparison.match) authIssues = { FACES_DO_NOT_MATCH: 'The face does not match the registered face' };
  } else {
    const issue = selfie.issue ?? { code: 'FACE_NOT_FOUND', message: 'Failed to detect face' };
    authentication = { result: false, error: issue.message, error_code: issue.code };
    authIssues = { [issue.code]: issue.message };
  }
  const data = { authentication, liveness: selfie.block, ...extended(inputs, { selfie, comparison }) };
  return { status: selfie.status, data: withIssues(data, { authentication: authIssues, liveness: livenessIssues(selfie) }) };
}

async function readDocument(service: SandboxService, inputs: ServiceInputs, ctx: ResultContext): Promise<DocumentReport & { mrzLines?: string[]; portraitEmbedding: number[] | null }> {
  if (service === 'ocr_passport' || service === 'kyc_passport') {
    const scan = await scanDocument(file(inputs, 'passport_image'), ctx.engine, { mrz: 'TD3', portrait: true });
    return { ...(await documentReport(scan, scan, service, ctx.media, ctx.now())), portraitEmbedding: scan.portrait?.face.embedding ?? null, mrzLines: scan.mrz?.lines };
  }
  const back = await scanDocument(file(inputs, 'back_id'), ctx.engine, { mrz: 'TD1' });
  const front = await scanDocument(file(inputs, 'front_id'), ctx.engine, { portrait: true });
  return { ...(await documentReport(back, front, service, ctx.media, ctx.now())), portraitEmbedding: front.portrait?.face.embedding ?? null, mrzLines: back.mrz?.lines };
}

async function ocr(service: SandboxService, inputs: ServiceInputs, ctx: ResultContext): Promise<TaskResult> {
  const report = await readDocument(service, inputs, ctx);
  const data = { document: report.document, ...extended(inputs, { report, mrzLines: report.mrzLines }) };
  return { status: report.unreadable ? 400 : 200, data: withIssues(data, { document: report.issues }) };
}

async function kyc(service: SandboxService, inputs: ServiceInputs, ctx: ResultContext): Promise<TaskResult> {
  const report = await readDocument(service, inputs, ctx);
  const selfie = await analyseSelfie(file(inputs, 'selfie_image'), ctx.engine);
  const selfieEmbedding = usableEmbedding(selfie);
  const portraitEmbedding = report.portraitEmbedding;
  const comparison = selfieEmbedding && portraitEmbedding ? compareFaces(ctx.engine.faces, selfieEmbedding, portraitEmbedding) : null;
  let compareIssues: Record<string, string> | null = null;
  if (!comparison) {
    compareIssues = !portraitEmbedding ? { PORTRAIT_NOT_FOUND: 'No portrait found on the document' } : { [selfie.issue?.code ?? 'FACE_NOT_FOUND']: selfie.issue?.message ?? 'Failed to detect face' };
  } else if (!comparison.match) compareIssues = { FACES_DO_NOT_MATCH: 'The selfie does not match the document portrait' };
  const data = { document: report.document, compare: comparison?.match ?? false, liveness: selfie.passed, ...extended(inputs, { selfie, comparison, report, mrzLines: report.mrzLines }) };
  const unreadable = report.unreadable || selfie.issue?.code === 'FAILED_TO_READ_IMAGE';
  return { status: unreadable ? 400 : 200, data: withIssues(data, { document: report.issues, liveness: livenessIssues(selfie), compare: compareIssues }) };
}

export async function runService(service: SandboxService, inputs: ServiceInputs, ctx: ResultContext): Promise<TaskResult> {
  switch (service) {
    case 'face_liveness':
      return faceLiveness(inputs, ctx);
    case 'register_face':
      return registerFace(inputs, ctx);
    case 'authenticate_face':
      return authenticateFace(inputs, ctx);
    case 'ocr_card':
    case 'ocr_passport':
      return ocr(service, inputs, ctx);
    case 'kyc_card':
    case 'kyc_passport':
      return kyc(service, inputs, ctx);
    case 'background_check': {
      const check = await ctx.watchlist.check(inputs.fields.fullname ?? '', inputs.fields.birth_date ?? '');
      return { status: 200, data: { background_check: check } };
    }
  }
}
