/**
 * Progeny's requirements judged from an image's bytes alone, for the places that must not trust a
 * pre-check they did not run (main's intake, the CLI): the file checks first (no decoding), then,
 * for an image sent to a face service, a face count on the decoded image.
 */
import type { Check, ImageRole } from './check';
import { decodeFailure, inspectFile } from './file-checks';
import type { AnalysisEnvironment } from './precheck';
import { FACE_ROLES, unmetRequirements } from './requirement-rules';
import { faceCountCheck } from './selfie-checks';

/** Just what the face requirement needs: a decoder and the face detector. */
export type FaceEngine = Pick<AnalysisEnvironment, 'decode' | 'faces'>;

/**
 * The checks of one image that break a requirement for its role, in the order found; empty when
 * it conforms. The face engine is asked for only when a face role's file itself conforms, so a
 * refused file is never decoded. Throws only when the face engine cannot be loaded.
 */
export async function unmetRequirementsOf(role: ImageRole, bytes: Uint8Array, faceEngine: () => Promise<FaceEngine>): Promise<Check[]> {
  const fileUnmet = unmetRequirements(role, inspectFile(bytes).checks);
  if (fileUnmet.length > 0 || !FACE_ROLES.includes(role)) return fileUnmet;
  const engine = await faceEngine();
  let image;
  try {
    image = await engine.decode(bytes);
  } catch (error) {
    return [decodeFailure(error instanceof Error ? error.message : String(error))];
  }
  // The same detector and mode as the pre-check's selfie checks, so main finds what the operator saw.
  return unmetRequirements(role, [faceCountCheck(await engine.faces.detect(image, 'full'))]);
}
