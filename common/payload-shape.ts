/**
 * The one walk over a bridge message before anything else reads it, with the one set of limits
 * every entry point applies: the Electron preload (before sending), Electron IPC in main (before
 * dispatching) and the dispatcher both transports share (before validating; it leaves bytes to the
 * transports, see `payloadShapeProblem`).
 *
 * Schemas recurse (`z.json()` for the pre-check reports), so ten thousand nested arrays would
 * overflow the stack inside the validator, and a hostile page can nest far deeper than that: the
 * walk never recurses and stops as soon as a limit is passed. It measures, in one pass:
 * - depth and values as the validator would walk them (a shared reference counts each time);
 * - approximate bytes as the transport carries them (strings in UTF-8, binary at its byte length,
 *   a shared reference once, as structured clone sends it once);
 * - cycles (possible over Electron's structured clone), which it reports instead of following.
 */

/**
 * Largest bridge message either transport accepts. Generous enough for a 4096 px PNG that the
 * pre-check still has to reject, small enough that a hostile page cannot exhaust main's memory.
 * The web station's WebSocket applies it to the frame's bytes.
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 32 * 1024 * 1024;
/** Deepest nesting a request may have; the contract's own requests stay below 10. */
export const MAX_PAYLOAD_DEPTH = 32;
/** Most values (the message itself, every element, every property value) a request may hold. */
export const MAX_PAYLOAD_VALUES = 100_000;

export interface PayloadLimits {
  bytes: number;
  depth: number;
  values: number;
}

export const PAYLOAD_LIMITS: PayloadLimits = { bytes: MAX_BRIDGE_MESSAGE_BYTES, depth: MAX_PAYLOAD_DEPTH, values: MAX_PAYLOAD_VALUES };

/** The first limit a payload passes, or null when it is within all of them. */
export type PayloadProblem = 'too-large' | 'too-deep' | 'too-many-values' | 'cyclic';

/** UTF-8 bytes of `text`, or Infinity once they pass `budget` (each UTF-16 unit is at least one byte). */
function utf8Bytes(text: string, budget: number): number {
  if (text.length > budget) return Infinity;
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

type Frame = { value: unknown; depth: number; counted: boolean } | { leave: object };

export function measurePayload(value: unknown, limits: PayloadLimits = PAYLOAD_LIMITS): PayloadProblem | null {
  let bytes = 0;
  let values = 1;
  /** Objects met before: their bytes are counted once. */
  const seen = new Set<object>();
  /** Objects on the path from the root to the current one: meeting one again is a cycle. */
  const open = new Set<object>();
  // Bytes: counted unless the caller leaves them to the transport (an infinite limit).
  const pending: Frame[] = [{ value, depth: 0, counted: Number.isFinite(limits.bytes) }];
  const add = (more: number): boolean => (bytes += more) > limits.bytes;
  while (pending.length > 0) {
    const frame = pending.pop()!;
    if ('leave' in frame) {
      open.delete(frame.leave);
      continue;
    }
    const { value: item, depth } = frame;
    if (typeof item === 'string') {
      if (frame.counted && add(utf8Bytes(item, limits.bytes - bytes) + 2)) return 'too-large';
      continue;
    }
    if (typeof item !== 'object' || item === null) {
      if (frame.counted && add(8)) return 'too-large';
      continue;
    }
    // Binary is a leaf of known size.
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) {
      if (frame.counted && !seen.has(item) && add(item.byteLength)) return 'too-large';
      seen.add(item);
      continue;
    }
    if (open.has(item)) return 'cyclic';
    if (depth >= limits.depth) return 'too-deep';
    const counted = frame.counted && !seen.has(item);
    seen.add(item);
    let children: Iterable<unknown>;
    let count: number;
    if (Array.isArray(item)) {
      children = item as unknown[];
      count = item.length;
    } else if (item instanceof Map || item instanceof Set) {
      children = item instanceof Map ? item.entries() : item.values();
      count = item.size;
    } else {
      const keys = Object.keys(item);
      if (counted) for (const key of keys) if (add(utf8Bytes(key, limits.bytes - bytes) + 3)) return 'too-large';
      children = keys.map((key) => (item as Record<string, unknown>)[key]);
      count = keys.length;
    }
    // Counted before walking: a sparse array of a billion holes is refused without visiting them.
    if (counted && add(count + 2)) return 'too-large';
    values += count;
    if (values > limits.values) return 'too-many-values';
    open.add(item);
    pending.push({ leave: item });
    for (const child of children) pending.push({ value: child, depth: depth + 1, counted });
  }
  return null;
}

/** The problem in words, for a refusal message. */
export function describePayloadProblem(problem: PayloadProblem, limits: PayloadLimits = PAYLOAD_LIMITS): string {
  switch (problem) {
    case 'too-large':
      return `larger than ${limits.bytes / 1024 / 1024} MB`;
    case 'too-deep':
      return `nested deeper than ${limits.depth} levels`;
    case 'too-many-values':
      return `more than ${limits.values} values`;
    case 'cyclic':
      return 'refers to itself';
  }
}

/**
 * The dispatcher's check: depth, values and cycles. Bytes are the transports' (the WebSocket's
 * frame cap, the IPC check), so that the schema can name an oversized field. null when the value is
 * within the limits, else what is exceeded (for the refusal message).
 */
export function payloadShapeProblem(value: unknown, limits: PayloadLimits = { ...PAYLOAD_LIMITS, bytes: Infinity }): string | null {
  const problem = measurePayload(value, limits);
  return problem ? describePayloadProblem(problem, limits) : null;
}
