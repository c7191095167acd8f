/** Mounts the whole app on the New verification screen against a fake station. */
import { screen } from '@testing-library/react';
import type { HistoryDetail, QueueRow } from '../../../common/contract';
import type { ConsentMode } from '../../../common/vocabulary';
import { createFakeStation, type FakeStation } from '../fake-station';
import { renderApp } from '../render-app';

/**
 * The consent step has its own tests (consent-step.test.tsx): unless asked for, the station here has
 * consent off, so these tests reach the image slots at once as before.
 */
export async function renderVerification(station: FakeStation = createFakeStation(), options: { consent?: ConsentMode } = {}) {
  const settings = await station.invoke('settings:get');
  if (settings.ok) await station.invoke('settings:update', { consent: { ...settings.value.consent, mode: options.consent ?? 'off' } });
  const app = await renderApp(station);
  await screen.findByRole('group', { name: 'Workflow' });
  return { ...app, station };
}

/** Bytes that are not a real JPEG: the fake slot decides the report from the file name. */
export const imageFile = (name: string, bytes = [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250], type = 'image/jpeg') => new File([new Uint8Array(bytes)], name, { type });

export const base64Of = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

export const SUBMITTED_ID = '3f2a8c1e-5b7d-4e9f-a1c3-2d4e6f8a0b1c';

export function queueRow(overrides: Partial<QueueRow> = {}): QueueRow {
  return {
    id: SUBMITTED_ID,
    service: 'kyc_passport',
    mode: 'training',
    state: 'ready',
    attempts: 0,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    nextAttemptAt: null,
    verdict: null,
    attentionReason: null,
    errorKind: null,
    errorMessage: null,
    taskId: null,
    ...overrides,
  };
}

export function historyDetail(overrides: Partial<HistoryDetail> = {}): HistoryDetail {
  return {
    id: SUBMITTED_ID,
    createdAt: Date.now() - 5000,
    finishedAt: null,
    service: 'kyc_passport',
    mode: 'training',
    state: 'ready',
    verdict: null,
    operator: 'desk-1',
    subject: { name: null, documentNumber: null, dateOfBirth: null },
    unreadable: false,
    updatedAt: Date.now(),
    submittedAt: null,
    taskId: null,
    sendCount: 0,
    attentionReason: null,
    error: null,
    fields: {},
    prechecks: null,
    overrideReason: null,
    result: null,
    attempts: [],
    images: [],
    unreadableColumns: [],
    ...overrides,
  };
}
