/**
 * Every number the pre-check engine judges by, once, each with where it comes from. Progeny's
 * documented limits are hard requirements; the rest is published capture practice or this
 * station's own policy, and says so. Change a threshold here and every check, the sandbox and the
 * guidance follow.
 */

export interface Limit {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

const limit = (value: number, unit: string, source: string): Limit => ({ value, unit, source });

const PROGENY = 'Progeny API docs';

export const REQUIREMENTS = {
  file: {
    /** Formats Progeny accepts; anything else is converted (if we can) or refused. */
    acceptedFormats: ['jpeg', 'png'] as const,
    minSide: limit(480, 'px', 'Station policy: below this neither faces nor documents keep enough detail for Progeny\'s checks'),
    maxSide: limit(4096, 'px', 'Station policy: larger images only add upload time; Progeny recommends far less (1080 px high)'),
    maxBytes: limit(2 * 1024 * 1024, 'bytes', 'Station policy: keeps uploads fast on branch networks; every compliant 1080 px JPEG fits'),
    /** Decompression-bomb guard: refuse before decoding anything that declares more pixels. */
    maxDecodePixels: limit(64_000_000, 'px', 'Station policy: above any real camera (a 50 MP phone photo fits); a 30000x30000 PNG does not'),
    /** Refuse files this large before reading them at all. */
    maxReadBytes: limit(64 * 1024 * 1024, 'bytes', 'Station policy: no JPEG or PNG photo of a face or document is this big'),
  },
  autofix: {
    maxHeight: limit(1080, 'px', `${PROGENY}: recommended maximum image height 1080 px (every service page)`),
    quality: limit(85, 'JPEG quality', 'Common practice: visually lossless for photographs'),
    minQuality: limit(70, 'JPEG quality', 'Station policy: below this JPEG artefacts start to hurt face and text detail'),
  },
  selfie: {
    minFaceSide: limit(224, 'px', `${PROGENY} (v2 liveness table): FACE_TOO_SMALL, "face must be at least 224 px"`),
    minEyeDistance: limit(85, 'px', 'ISO/IEC 19794-5 token-image practice (about 90 px between eye centres); 85 px measured between mesh eye centres'),
    maxYaw: limit(25, 'degrees', `${PROGENY} (v2 liveness table): FACE_ANGLE_TOO_LARGE, pitch and yaw within ±25°`),
    maxPitch: limit(25, 'degrees', `${PROGENY} (v2 liveness table): FACE_ANGLE_TOO_LARGE, pitch and yaw within ±25°`),
    maxRoll: limit(35, 'degrees', 'Station policy: beyond this face detectors lose landmarks; ISO/IEC 19794-5 asks for ±8° on passport photos'),
    /** Laplacian variance on the face crop scaled to 128 px wide: below warn is soft, below fail is blurred. */
    sharpnessWarn: limit(35, 'Laplacian variance', 'Calibrated on the fixture set: in-focus sample faces score 50–250 at 128 px, a 6 px Gaussian blur scores 3'),
    sharpnessFail: limit(15, 'Laplacian variance', 'Calibrated on the fixture set (see sharpnessWarn)'),
    /** Mean luma (0–255) of the face crop. */
    minFaceLuma: limit(60, 'mean luma', 'Common capture practice: faces under ~25 % brightness lose texture liveness models rely on'),
    maxFaceLuma: limit(200, 'mean luma', 'Common capture practice: faces over ~80 % brightness are washed out'),
    /** Share of the face crop that is clipped white. */
    maxClippedShare: limit(0.05, 'share of face pixels', 'Common capture practice: blown highlights hide skin texture'),
    /** Offset of the face centre from the image centre, as a share of the image width/height. */
    maxCentreOffset: limit(0.25, 'share of image side', 'Station policy: keeps the whole head and shoulders in frame'),
    /** The face box may not come closer to an edge than this share of its own size. */
    minEdgeMargin: limit(0.05, 'share of face size', 'Station policy: a face touching the edge is cut off'),
    /** Eye openness from the mesh (lid distance / eye width). */
    minEyeOpenness: limit(0.12, 'lid gap / eye width', 'Calibrated on the fixture set: open eyes 0.2–0.35, closed under 0.1'),
  },
  document: {
    /** Share of the image the document covers. */
    minFill: limit(0.35, 'share of image', 'Station policy: below this the document text is too small to read reliably'),
    warnFill: limit(0.55, 'share of image', 'Station policy: fill the frame with the document for best OCR'),
    maxTiltWarn: limit(4, 'degrees', 'OCR practice: MRZ readers tolerate a few degrees of skew'),
    maxTiltFail: limit(12, 'degrees', 'OCR practice: beyond this MRZ lines cannot be read line by line'),
    /** Share of document pixels that are saturated highlights (glare). */
    maxGlareWarn: limit(0.01, 'share of document pixels', 'Capture practice: small reflections are tolerable'),
    maxGlareFail: limit(0.05, 'share of document pixels', 'Capture practice: large reflections hide printed data'),
    /** Auto-fix never shrinks a document narrower than this. */
    minWidthAfterFix: limit(900, 'px', 'Station policy: keeps each of the 44 MRZ characters of a passport about 20 px wide'),
    sharpnessWarn: limit(150, 'Laplacian variance', 'Calibrated on the fixture set: sharp renders score over 400, blur radius 2 under 120'),
    sharpnessFail: limit(60, 'Laplacian variance', 'Calibrated on the fixture set (see sharpnessWarn)'),
  },
  live: {
    /** Consecutive good frames before the camera is "ready" for auto-capture. */
    readyFrames: limit(5, 'frames', 'Station policy: about half a second of holding still at 10 frames/s'),
    /** Face movement between frames (share of face size) that counts as "not still". */
    maxMotion: limit(0.04, 'share of face size', 'Station policy'),
    /** Longest side of the frame the fast path analyses. */
    inputSide: limit(320, 'px', 'Station policy: detector + mesh stay accurate at this size and run over 10 frames/s'),
  },
} as const;

/** Human-readable threshold, e.g. "≥ 224 px". */
export const describeLimit = (comparison: '≥' | '≤', l: Limit): string =>
  `${comparison} ${Number.isInteger(l.value) ? l.value : l.value.toFixed(2)} ${l.unit}`;
