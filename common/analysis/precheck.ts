import { isDocumentRole, summarise, type Check, type ImageRole, type Report } from './check';
import { documentChecks, MRZ_FORMAT_BY_ROLE, mrzChecks, mrzRegion, PORTRAIT_ROLES, portraitCheck } from './document-checks';
import type { DocumentGeometry } from './document-geometry';
import type { FaceAnalyzer, FaceObservation } from './face';
import { decodeFailure, inspectFile, type FileInspection } from './file-checks';
import { locateMrz } from './mrz-locate';
import type { MrzRead, MrzReader } from './mrz-types';
import type { RawImage } from './pixels';
import { selfieChecks } from './selfie-checks';

/** What an environment (Node or the browser) provides to the engine. */
export interface AnalysisEnvironment {
  /** Decodes an upright (EXIF-applied) image; throws with a short reason when it cannot. */
  decode(bytes: Uint8Array): Promise<RawImage>;
  faces: FaceAnalyzer;
  mrz: MrzReader | null;
}

export interface PrecheckResult extends Report {
  file: FileInspection['header'];
  faces: FaceObservation[];
  document: DocumentGeometry | null;
  mrz: MrzRead | null;
  /** Milliseconds spent, for the benchmark and the sandbox logs. */
  elapsedMs: number;
}

/** Runs every check for one image in its role; never throws for bad input, only for engine bugs. */
export async function precheck(role: ImageRole, bytes: Uint8Array, env: AnalysisEnvironment, totalBytes = bytes.length): Promise<PrecheckResult> {
  const started = Date.now();
  const inspection = inspectFile(bytes, totalBytes);
  const checks: Check[] = [...inspection.checks];
  const result = (extra: Partial<PrecheckResult> = {}): PrecheckResult => ({
    ...summarise(role, checks),
    file: inspection.header,
    faces: [],
    document: null,
    mrz: null,
    ...extra,
    elapsedMs: Date.now() - started,
  });
  if (!inspection.decodable || bytes.length < totalBytes) return result();

  let image: RawImage;
  try {
    image = await env.decode(bytes);
  } catch (error) {
    checks.push(decodeFailure(error instanceof Error ? error.message : String(error)));
    return result();
  }

  if (!isDocumentRole(role)) {
    const faces = await env.faces.detect(image, 'full');
    checks.push(...selfieChecks(image, faces));
    return result({ faces });
  }
  // On a document a face only has to be found (the portrait check): the fast path's detector and
  // mesh do that, without the descriptor, anti-spoof and liveness models a selfie needs.
  const faces = PORTRAIT_ROLES.includes(role) ? await env.faces.detect(image, 'fast') : [];

  const format = MRZ_FORMAT_BY_ROLE[role];
  // The MRZ is located first: it is the most reliable evidence of where the page is.
  const band = format ? locateMrz(image) : null;
  const findings = documentChecks(image, band);
  checks.push(...findings.checks);
  if (!findings.geometry.found) return result({ faces, document: findings.geometry });
  if (PORTRAIT_ROLES.includes(role)) checks.push(portraitCheck(faces, findings.geometry));
  let mrz: MrzRead | null = null;
  if (format && env.mrz) {
    mrz = await env.mrz.read(image, band ? null : mrzRegion(findings.geometry.bounds, format), format, band);
    checks.push(...mrzChecks(mrz));
  }
  return result({ faces, document: findings.geometry, mrz });
}
