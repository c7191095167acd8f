import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../common/result';
import { stubHandlers, stubSettings } from '../../support/stub-handlers';
import { createDispatcher } from '../../../main/core/dispatcher';
import type { Logger } from '../../../main/core/logger';

const settings = stubSettings;
const handlers = stubHandlers;
const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies Logger;

describe('dispatcher', () => {
  it('answers a valid request with the handler value', async () => {
    const dispatch = createDispatcher(handlers(), logger());
    await expect(dispatch('settings:update', { language: 'fr' })).resolves.toEqual({ ok: true, value: { ...settings, language: 'fr' } });
  });

  it('refuses an unknown operation without calling anything', async () => {
    const result = await dispatch0('shell:exec', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('names the field that failed the schema', async () => {
    const update = vi.fn();
    const dispatch = createDispatcher(handlers({ 'settings:update': update }), logger());
    const result = await dispatch('settings:update', { language: 'klingon' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field: 'language' } } });
    expect(update).not.toHaveBeenCalled();
  });

  it('refuses a payload for an operation that takes none', async () => {
    const result = await dispatch0('status:get', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('turns a thrown handler error into an internal error and logs it without the payload', async () => {
    const log = logger();
    const dispatch = createDispatcher(
      handlers({
        'settings:update': () => {
          throw new Error('disk on fire');
        },
      }),
      log,
    );
    const result = await dispatch('settings:update', { language: 'ar' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.error).toHaveBeenCalledWith('handler threw', { operation: 'settings:update', error: 'disk on fire' });
  });

  it('does not let a response outside the contract reach the renderer', async () => {
    const log = logger();
    const dispatch = createDispatcher(handlers({ 'status:get': () => ok({ mode: 'pretend' } as never) }), log);
    await expect(dispatch('status:get', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.error).toHaveBeenCalledOnce();
  });
});

function dispatch0(operation: string, payload: unknown) {
  return createDispatcher(handlers(), logger())(operation, payload);
}
