/**
 * A cheap, iterative walk over a request before it is validated: schemas recurse (`z.json()` for
 * the pre-check reports), so ten thousand nested arrays would overflow the stack inside the
 * validator. The walk itself never recurses, and a cyclic value (possible over Electron's
 * structured clone) stops at the value count.
 */
export const MAX_PAYLOAD_DEPTH = 32;
export const MAX_PAYLOAD_VALUES = 100_000;

/** null when the value is within the limits, else what is exceeded (for the refusal message). */
export function payloadShapeProblem(value: unknown, maxDepth = MAX_PAYLOAD_DEPTH, maxValues = MAX_PAYLOAD_VALUES): string | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let values = 1;
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    // Strings, numbers and binary views are leaves; their size is bounded by the message cap.
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current) || current instanceof ArrayBuffer) continue;
    if (depth >= maxDepth) return `nested deeper than ${maxDepth} levels`;
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current);
    values += children.length;
    if (values > maxValues) return `more than ${maxValues} values`;
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  return null;
}
