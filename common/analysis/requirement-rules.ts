/**
 * Which pre-check findings are Progeny's requirements and which are advice. A failed requirement
 * means Progeny's own rules refuse the image: it cannot be sent, only fixed automatically (when the
 * check says it is fixable) or replaced by a new picture. Failed advice (pose, light, blur, glare…)
 * may be sent anyway with the operator's reason. The renderer's send rules, main's intake and the
 * CLI all decide by this one table; the numbers themselves live in requirements.ts.
 */
import { IMAGE_ROLES, type Check, type ImageRole } from './check';
import { REQUIREMENTS } from './requirements';

const { file: F } = REQUIREMENTS;

/**
 * Images sent to a face service (face_liveness, register_face, authenticate_face, and the KYC
 * selfie): Progeny needs a face in them. Every catalog file with the selfie role is one of these.
 */
export const FACE_ROLES: readonly ImageRole[] = ['selfie'];

export interface RequirementRule {
  /** The pre-check id that measures it. */
  check: string;
  roles: readonly ImageRole[];
  /** What Progeny requires, in words: main's and the CLI's refusals say it. */
  requires: string;
  /**
   * Only some failures of the check break the requirement; without it, every failure does.
   * (`face.count` fails for several faces too, which is advice: Progeny only needs one present.)
   */
  brokenBy?: (check: Pick<Check, 'value'>) => boolean;
}

export const REQUIREMENT_RULES: readonly RequirementRule[] = [
  { check: 'file.format', roles: IMAGE_ROLES, requires: 'a JPEG or PNG image' },
  { check: 'file.bytes', roles: IMAGE_ROLES, requires: `a file of at most ${F.maxBytes.value.toLocaleString('en')} bytes` },
  { check: 'file.dimensions', roles: IMAGE_ROLES, requires: `each side ${F.minSide.value}–${F.maxSide.value} px` },
  { check: 'file.quality', roles: IMAGE_ROLES, requires: `JPEG quality of at least ${F.minJpegQuality.value}` },
  // A file Progeny cannot open conforms to nothing: cut off, damaged, a pixel bomb, undecodable.
  { check: 'file.integrity', roles: IMAGE_ROLES, requires: 'a complete, undamaged file' },
  { check: 'file.pixels', roles: IMAGE_ROLES, requires: `at most ${F.maxDecodePixels.value.toLocaleString('en')} pixels` },
  { check: 'file.decode', roles: IMAGE_ROLES, requires: 'an image that can be decoded' },
  { check: 'face.count', roles: FACE_ROLES, requires: 'a face in the picture', brokenBy: (check) => check.value === 0 },
];

const ruleFor = (role: ImageRole, id: string): RequirementRule | undefined => REQUIREMENT_RULES.find((rule) => rule.check === id && rule.roles.includes(role));

/** The check ids that can block an image of this role. */
export const requirementIds = (role: ImageRole): string[] => REQUIREMENT_RULES.filter((rule) => rule.roles.includes(role)).map((rule) => rule.check);

/** This failed check breaks a requirement for an image of `role`: no override can accept it. */
export function breaksRequirement(role: ImageRole, check: Pick<Check, 'id' | 'verdict' | 'value'>): boolean {
  if (check.verdict !== 'fail') return false;
  const rule = ruleFor(role, check.id);
  return rule !== undefined && (rule.brokenBy?.(check) ?? true);
}

/** The failed checks that break a requirement, in report order. */
export const unmetRequirements = <T extends Pick<Check, 'id' | 'verdict' | 'value'>>(role: ImageRole, checks: readonly T[]): T[] => checks.filter((check) => breaksRequirement(role, check));

/** The failed checks that are only advice: "send anyway" with a reason may accept them. */
export const failedAdvice = <T extends Pick<Check, 'id' | 'verdict' | 'value'>>(role: ImageRole, checks: readonly T[]): T[] =>
  checks.filter((check) => check.verdict === 'fail' && !breaksRequirement(role, check));

/**
 * A check id no override may name for an image of `role`: every failure of it breaks a requirement.
 * (`face.count` may be overridden when it failed for several faces.)
 */
export function neverOverridable(role: ImageRole, id: string): boolean {
  const rule = ruleFor(role, id);
  return rule !== undefined && rule.brokenBy === undefined;
}

/** What Progeny requires that this failed check breaks, in words. */
export const requiredBy = (role: ImageRole, id: string): string | null => ruleFor(role, id)?.requires ?? null;

/**
 * How an image with unmet requirements can be made to conform: the auto-fix repairs every one of
 * them, or only a new picture will do (low JPEG quality, no face, a damaged or unreadable file).
 */
export const remedyFor = (unmet: readonly Pick<Check, 'fixable' | 'hard'>[]): 'fix' | 'retake' =>
  unmet.length > 0 && unmet.every((check) => check.fixable === true && check.hard !== true) ? 'fix' : 'retake';
