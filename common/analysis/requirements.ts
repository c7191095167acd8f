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
/**
 * The v3 overview's image requirements, which requests "must conform" to: JPEG or PNG, 480–4096 px,
 * at most 2 MB (2,000,000 bytes), JPEG quality at least 70 %. The stored copy of the page is cut
 * short (docs/progeny-api.md); these numbers are the ones issue 13 quotes from it. Which checks
 * enforce them, and for which images, is declared in requirement-rules.ts.
 */
const PROGENY_REQUIRES = 'Progeny v3 image requirements (requests must conform)';

/** One number for the quality check and the auto-fix's lowest quality: the fixed image must pass. */
const MIN_JPEG_QUALITY = limit(70, 'JPEG quality', `${PROGENY_REQUIRES}: JPEG quality at least 70 %`);

export const REQUIREMENTS = {
  file: {
    /** Formats Progeny accepts; anything else is converted (if we can) or refused. */
    acceptedFormats: ['jpeg', 'png'] as const,
    minSide: limit(480, 'px', `${PROGENY_REQUIRES}: each side at least 480 px`),
    maxSide: limit(4096, 'px', `${PROGENY_REQUIRES}: no side over 4096 px (the recommended height is far less, 1080 px)`),
    /** 2 MB in Progeny's decimal sense, not 2 MiB: a 2,000,001-byte file does not conform. */
    maxBytes: limit(2_000_000, 'bytes', `${PROGENY_REQUIRES}: at most 2 MB (2,000,000 bytes)`),
    /** Decompression-bomb guard: refuse before decoding anything that declares more pixels. */
    maxDecodePixels: limit(64_000_000, 'px', 'Station policy: above any real camera (a 50 MP phone photo fits); a 30000x30000 PNG does not'),
    /** Refuse files this large before reading them at all. */
    maxReadBytes: limit(64 * 1024 * 1024, 'bytes', 'Station policy: no JPEG or PNG photo of a face or document is this big'),
    /** Estimated IJG quality of a JPEG (from its quantisation tables); re-encoding cannot raise it. */
    minJpegQuality: MIN_JPEG_QUALITY,
  },
  autofix: {
    maxHeight: limit(1080, 'px', `${PROGENY}: recommended maximum image height 1080 px (every service page)`),
    quality: limit(85, 'JPEG quality', 'Common practice: visually lossless for photographs'),
    /** The same limit as file.minJpegQuality: the fixed image must pass the quality check itself. */
    minQuality: MIN_JPEG_QUALITY,
    /** Largest enlargement auto-fix applies to bring a small image (or its face) up to the minimum sizes. */
    maxEnlarge: limit(2.5, 'x', 'Station policy: Lanczos up to 2.5x keeps edges the detectors and OCR rely on; beyond it the image is mostly interpolation, so a new photo is needed'),
    /** Enlarging for the face aims this much above the face minimum, so rounding and re-detection stay clear of it. */
    faceMargin: limit(1.1, 'x', 'Station policy: the re-detected face box varies by a few per cent between sizes'),
  },
  selfie: {
    minFaceSide: limit(224, 'px', `${PROGENY} (v2 liveness table): FACE_TOO_SMALL, "face must be at least 224 px"`),
    minEyeDistance: limit(85, 'px', 'ISO/IEC 19794-5 token-image practice (about 90 px between eye centres); 85 px measured between mesh eye centres'),
    maxYaw: limit(25, 'degrees', `${PROGENY} (v2 liveness table): FACE_ANGLE_TOO_LARGE, pitch and yaw within ±25°`),
    maxPitch: limit(25, 'degrees', `${PROGENY} (v2 liveness table): FACE_ANGLE_TOO_LARGE, pitch and yaw within ±25°`),
    maxRoll: limit(35, 'degrees', 'Station policy: beyond this face detectors lose landmarks; ISO/IEC 19794-5 asks for ±8° on passport photos'),
    /**
     * A face enlarged by auto-fix must already hold the detail face recognisers use: ArcFace and
     * MobileFaceNet read a 112x112 aligned crop whose 5-point template spans a face about 100–115 px
     * across (eyes 35 px apart, eyes to mouth 41 px), so under 100 px enlarging would invent detail.
     */
    minFaceSideToEnlarge: limit(100, 'px', 'Face-recogniser input: ArcFace / MobileFaceNet 112x112 aligned crop (face about 100–115 px of it)'),
    /** A small face counts as a small photo (enlargeable) only when it fills this share of the shorter image side. */
    minFaceShareToEnlarge: limit(
      0.3,
      'share of shorter image side',
      'Station policy: a head-and-shoulders selfie has the face at 40–70 % of the width; under 30 % the customer stood too far away and must be re-taken',
    ),
    /** Re-blur blur measure (Crété-Roffet 2007) of the face at 128 px wide, worst of 4 directions. */
    maxBlurWarn: limit(
      0.6,
      'blur 0–1',
      'Calibrated on the npm sample faces (face-api demo, 14 faces): sharp 0.40–0.67, Gaussian σ = 1 % of the face 0.62–0.77, 15 px motion 0.71–0.82; eval-dev good selfies ≤ 0.43',
    ),
    maxBlurFail: limit(0.7, 'blur 0–1', 'Calibrated as maxBlurWarn; eval-dev blurred selfies (defocus, motion) score 0.74–0.77'),
    /** Skin luma percentiles (upper face, above the nose tip), robust to skin tone. */
    minSkinHighlightWarn: limit(100, 'luma p95', 'Calibrated on the npm sample faces: well-lit faces of every skin tone keep their brightest skin at 112–235; 0.3x under-exposure brings it to 34–70'),
    minSkinHighlightFail: limit(85, 'luma p95', 'Calibrated as minSkinHighlightWarn; eval-dev dark gamma selfie 47'),
    maxSkinMedianWarn: limit(215, 'luma median', 'Calibrated on the npm sample faces and eval-dev: well-lit faces have median skin 82–211'),
    maxSkinMedianFail: limit(230, 'luma median', 'Calibrated on the npm sample faces: 1.8x over-exposure gives median skin 237–255'),
    maxSkinClippedFail: limit(0.15, 'share of skin', 'Calibrated on the npm sample faces: none clipped when well lit, 0.32–0.92 over-exposed'),
    /**
     * Sunglasses: luma spread (p90 − p10) around each eye over the skin median. Lids, lashes, the
     * white and the iris make a real eye busy; a lens is flat. Judged on the more visible eye.
     */
    minEyeContrastWarn: limit(0.2, 'luma spread / skin median', 'Calibrated on the npm sample faces and eval-dev: real eyes 0.23–1.10, dark lenses drawn on them 0.00–0.03'),
    minEyeContrastFail: limit(0.12, 'luma spread / skin median', 'Calibrated as minEyeContrastWarn'),
    /** A lens is also darker than skin: the brightest tenth inside the lids under this share of skin. */
    maxLensBrightness: limit(0.6, 'luma p90 / skin median', 'Calibrated on the npm sample faces: dark lenses 0.03–0.24, real eyes 0.38–1.36'),
    /**
     * No eye white in either eye: hidden eyes, whatever the mesh's lids say. The mesh can slide half
     * off a lens (one eye's surroundings then look busy), so this alone fails.
     */
    minEyeWhite: limit(
      0.3,
      'luma p90 / skin median',
      'Cross-checked on the 42 eval-dev faces_pairs photos (not used to calibrate): the brighter eye of a real face 0.48–1.39; dark lenses drawn on them 0.08–0.18 on both eyes',
    ),
    /** Mask: share of the lower face whose chroma matches the upper face's skin. */
    minLowerSkinShare: limit(0.3, 'share of lower face', 'Calibrated on the npm sample faces and eval-dev: bare faces 0.09–1.00 (0.57+ but two), masks drawn over them 0.00–0.26'),
    /** Lips are visible when their chroma differs from the ring of skin around them by this much (Cr units). */
    minLipContrast: limit(4, 'Cr difference', 'Calibrated on the npm sample faces: masks give 0.0, bare mouths −5…27 (bare faces under the skin-share limit all above 6)'),
    /**
     * Lips are never much less red than the skin around them; cloth over the mouth is. Catches a
     * mask when the mesh has slid partly off it (the lower face then looks half bare).
     */
    maxMouthPallor: limit(
      -15,
      'Cr difference',
      'Cross-checked on the 42 eval-dev faces_pairs photos (not used to calibrate): bare mouths −10…44; masks drawn on them −21…−49 where the skin share missed them',
    ),
    /** Below this skin share, a lower face whose median colour is this far from the skin is covered. */
    maxLowerChromaDistance: limit(25, 'Cb/Cr distance', 'Cross-checked on the 42 eval-dev faces_pairs photos: bare lower faces (beards included) 0.2–14.9 from the upper skin, masks 23–78'),
    coveredLowerSkinShare: limit(0.5, 'share of lower face', 'Station policy: with the median lower-face colour far from the skin, half or more of it is covered'),
    /** Share of the face crop that is clipped white. */
    maxClippedShare: limit(0.05, 'share of face pixels', 'Common capture practice: blown highlights hide skin texture'),
    /** Offset of the face centre from the image centre, as a share of the image width/height. */
    maxCentreOffset: limit(0.25, 'share of image side', 'Station policy: keeps the whole head and shoulders in frame'),
    /** The face box may not come closer to an edge than this share of its own size. */
    minEdgeMargin: limit(0.05, 'share of face size', 'Station policy: a face touching the edge is cut off'),
    /** Eye openness from the mesh (lid distance / eye width). */
    minEyeOpenness: limit(0.12, 'lid gap / eye width', 'Calibrated on the fixture set: open eyes 0.2–0.35, closed under 0.1'),
    /** The fast path's coarse lighting gate (mean luma of the face), before the still is judged. */
    minFaceLuma: limit(60, 'mean luma', 'Common capture practice: faces under ~25 % brightness lose texture liveness models rely on'),
    maxFaceLuma: limit(200, 'mean luma', 'Common capture practice: faces over ~80 % brightness are washed out'),
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
