/**
 * Finding 6 of issue 12 at the dispatcher, which both transports share (a compromised renderer
 * can send the same payload over Electron IPC): deep or huge payloads are refused with an answer
 * before any schema recurses into them, and nothing a payload does escapes as a rejected promise.
 */
import { describe, expect, it, vi } from 'vitest';
import { MAX_PAYLOAD_DEPTH, MAX_PAYLOAD_VALUES, payloadShapeProblem } from '../../common/payload-shape';
import { createDispatcher } from '../../main/core/dispatcher';
import type { Logger } from '../../main/core/logger';
import { stubHandlers } from '../support/stub-handlers';

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies Logger;
const nestedArrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('a payload built to overflow the validator (issue 12, finding 6)', () => {
  it('ten thousand nested arrays in the pre-check reports: an invalid-request answer, the handler never called', async () => {
    const submit = vi.fn();
    const dispatch = createDispatcher(stubHandlers({ 'verification:submit': submit }), logger());
    const payload = { service: 'face_liveness', files: {}, fields: {}, prechecks: nestedArrays(10_000) };
    await expect(dispatch('verification:submit', payload)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: `verification:submit: request: nested deeper than ${MAX_PAYLOAD_DEPTH} levels`, details: { field: 'request' } },
    });
    expect(submit).not.toHaveBeenCalled();
  });

  it('more values than the limit, a cyclic object (structured clone allows one) and an unprintable operation: answers, never a rejection', async () => {
    const dispatch = createDispatcher(stubHandlers(), logger());
    const wide = { services: Array.from({ length: MAX_PAYLOAD_VALUES + 1 }, () => 0) };
    await expect(dispatch('history:search', wide)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/more than 100000 values/) } });
    const cyclic: Record<string, unknown> = { language: 'fr' };
    cyclic.self = cyclic;
    await expect(dispatch('settings:update', cyclic)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(dispatch(Object.create(null) as unknown, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('the walk itself: the depth and value limits, exactly', () => {
    expect(payloadShapeProblem(nestedArrays(MAX_PAYLOAD_DEPTH))).toBeNull();
    expect(payloadShapeProblem(nestedArrays(MAX_PAYLOAD_DEPTH + 1))).toMatch(/nested deeper/);
    expect(payloadShapeProblem(nestedArrays(1_000_000))).toMatch(/nested deeper/);
    expect(payloadShapeProblem(Array.from({ length: MAX_PAYLOAD_VALUES - 1 }, () => 'x'))).toBeNull();
    expect(payloadShapeProblem(Array.from({ length: MAX_PAYLOAD_VALUES }, () => 'x'))).toMatch(/more than/);
    // Strings are single values however long: the message cap bounds them.
    expect(payloadShapeProblem({ data: 'A'.repeat(1_000_000) })).toBeNull();
  });
});
