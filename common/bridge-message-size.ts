/**
 * The size cap both transports apply to a bridge message. The web station's WebSocket counts the
 * frame's bytes; Electron IPC hands main an already structured-cloned value, so it is measured here,
 * without recursion (a hostile page can nest 100,000 arrays) and stopping as soon as it is over.
 */

/**
 * Largest bridge message either transport accepts. Generous enough for a 4096 px PNG that the
 * pre-check still has to reject, small enough that a hostile page cannot exhaust main's memory.
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 32 * 1024 * 1024;

/** Deepest nesting a bridge message may have; the contract's own requests stay below 10. */
export const MAX_BRIDGE_MESSAGE_DEPTH = 64;

export type BridgeMessageSize = 'ok' | 'too-large' | 'too-deep';

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

/**
 * Whether `value` fits the cap, counted about as its JSON would be (strings in UTF-8, binary at its
 * byte length). A value met twice (a shared or cyclic reference) counts once, as structured clone
 * sends it once.
 */
export function measureBridgeMessage(value: unknown, maxBytes: number = MAX_BRIDGE_MESSAGE_BYTES, maxDepth: number = MAX_BRIDGE_MESSAGE_DEPTH): BridgeMessageSize {
  let bytes = 0;
  const seen = new Set<object>();
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  const add = (more: number): boolean => (bytes += more) > maxBytes;
  while (pending.length > 0) {
    const next = pending.pop()!;
    const item = next.value;
    if (typeof item === 'string') {
      if (add(utf8Bytes(item, maxBytes - bytes) + 2)) return 'too-large';
      continue;
    }
    if (typeof item !== 'object' || item === null) {
      if (add(8)) return 'too-large';
      continue;
    }
    if (seen.has(item)) continue;
    seen.add(item);
    if (next.depth >= maxDepth) return 'too-deep';
    const depth = next.depth + 1;
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) {
      if (add(item.byteLength)) return 'too-large';
    } else if (Array.isArray(item)) {
      // Counted before walking: a sparse array of a billion holes is refused without visiting them.
      if (add(item.length + 2)) return 'too-large';
      for (const element of item as unknown[]) pending.push({ value: element, depth });
    } else if (item instanceof Map || item instanceof Set) {
      if (add(item.size + 2)) return 'too-large';
      for (const entry of item instanceof Map ? item.entries() : item.values()) pending.push({ value: entry, depth });
    } else {
      const keys = Object.keys(item);
      if (add(keys.length + 2)) return 'too-large';
      for (const key of keys) {
        if (add(utf8Bytes(key, maxBytes - bytes) + 3)) return 'too-large';
        pending.push({ value: (item as Record<string, unknown>)[key], depth });
      }
    }
  }
  return 'ok';
}
