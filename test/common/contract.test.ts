import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, events, isEventName, isOperationName, LANGUAGES, LanguageSchema, OPERATION_NAMES, operations, SettingsPatchSchema, StatusSchema } from '../../common/contract';

describe('bridge contract', () => {
  it('has a schema for exactly the listed operation and event names', () => {
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('names every operation and event domain:action', () => {
    for (const name of [...OPERATION_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('recognises only its own names, including against prototype keys', () => {
    expect(isOperationName('status:get')).toBe(true);
    expect(isOperationName('toString')).toBe(false);
    expect(isOperationName('__proto__')).toBe(false);
    expect(isEventName('status:changed')).toBe(true);
    expect(isEventName('status:get')).toBe(false);
  });

  it('keeps the language enum in step with the language list', () => {
    expect(LanguageSchema.options).toEqual([...LANGUAGES]);
  });

  it('rejects settings patches with unknown keys or bad values', () => {
    expect(SettingsPatchSchema.safeParse({ language: 'ar' }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ language: 'de' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ language: 'en', admin: true }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ serverUrl: 'https://be.progeny.tech/api/v3' }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ serverUrl: 'http://127.0.0.1:8080/api/v3' }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ serverUrl: 'http://be.progeny.tech/api/v3' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ serverUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ retention: { imagesDays: 0, recordsDays: 10 } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ idleLockMinutes: 241 }).success).toBe(false);
  });

  it('refuses a negative or fractional queue size in a status', () => {
    const base = {
      mode: 'training',
      signedIn: false,
      canRememberCredentials: false,
      store: 'unlocked',
      locked: false,
      accounts: null,
      operator: null,
      connectivity: 'unknown',
      settingsRecoveredFrom: null,
    };
    expect(StatusSchema.safeParse({ ...base, queueSize: 3 }).success).toBe(true);
    expect(StatusSchema.safeParse({ ...base, queueSize: -1 }).success).toBe(false);
    expect(StatusSchema.safeParse({ ...base, queueSize: 1.5 }).success).toBe(false);
  });
});
