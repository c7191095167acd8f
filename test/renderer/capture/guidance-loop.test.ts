import { describe, expect, it } from 'vitest';
import { steadyPrompts } from '../../../renderer/capture/guidance-loop';

describe('steadyPrompts', () => {
  it('shows a prompt once two frames agree, and "ready" at once', () => {
    const steady = steadyPrompts();
    expect(steady('move-closer')).toBeNull();
    expect(steady('move-closer')).toBe('move-closer');
    expect(steady('centre-face')).toBeNull();
    expect(steady('move-closer')).toBeNull();
    expect(steady('ready')).toBe('ready');
  });
});
