import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../main/core/throttle';

afterEach(() => vi.useRealTimers());

describe('throttle', () => {
  it('calls at once, then once per interval during a burst, and always after the last call', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const call = throttle(fn, 200);
    call();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i += 1) {
      vi.advanceTimersByTime(10);
      call();
    }
    // 500 ms of calls every 10 ms: the leading call, then one per 200 ms.
    expect(fn).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(4);
    call();
    expect(fn).toHaveBeenCalledTimes(5);
  });

  it('drops a pending trailing call when cancelled', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const call = throttle(fn, 200);
    call();
    call();
    call.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
