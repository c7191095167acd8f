/**
 * The New verification screen's state for this page session: the draft being filled in and the
 * verifications sent from it. It lives outside the view so that looking at the queue (Alt+2) and
 * coming back keeps both, and so a submit that finishes after the view closed still lands.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StationApi } from '../../common/contract';
import type { ErrorCode } from '../../common/result';
import type { ServiceId } from '../../common/services/catalog';
import { getStation } from '../app/station';
import type { VerificationPrefill } from '../app/store';
import type { SlotImage } from '../capture/slot-types';
import { buildSubmitRequest, UnreadableImageError } from './build-request';
import { emptyDraft, switchWorkflow, type OverrideDraft, type VerificationDraft } from './draft';
import { releasePreviews, slotImageFromHistory } from './prefill-images';
import { readiness } from './submission-rules';
import { WORKFLOWS, workflowOf } from './workflows';

/** How many of this session's submissions the screen keeps following. */
export const KEPT_SUBMISSIONS = 5;

export interface Submission {
  id: string;
  service: ServiceId;
  submittedAt: number;
}

export interface SubmitFailure {
  code: ErrorCode | 'image-unreadable';
  message: string;
  /** The input it is about (Progeny field name), shown next to it. */
  field: string | null;
}

export interface VerifySession {
  draft: VerificationDraft;
  sending: boolean;
  failure: SubmitFailure | null;
  /** Latest first. */
  submissions: Submission[];
  /** Counts fresh forms (start over, sent, prefilled), so per-form state such as "touched" starts anew. */
  formNumber: number;
  chooseWorkflow: (service: ServiceId) => void;
  setImage: (field: string, image: SlotImage | null) => void;
  setField: (name: string, value: string) => void;
  setOverride: (patch: Partial<OverrideDraft>) => void;
  /** A fresh form for the next customer, same workflow. */
  startOver: () => void;
  load: (prefill: VerificationPrefill) => void;
  /** Sends the draft if it may be sent; resolves with the submission, or null (see `failure`). */
  submit: () => Promise<Submission | null>;
}

const sameChecks = (a: string[], b: string[]) => a.length === b.length && a.every((id, index) => id === b[index]);

function createSession(station: StationApi): StoreApi<VerifySession> {
  return createStore<VerifySession>()((set, get) => {
    const replaceDraft = (draft: VerificationDraft) => {
      releasePreviews(Object.values(get().draft.images));
      set((state) => ({ draft, failure: null, formNumber: state.formNumber + 1 }));
    };
    const clearFailureOf = (field: string) => (get().failure?.field === field ? { failure: null } : {});
    return {
      draft: emptyDraft(WORKFLOWS[0]!.id),
      sending: false,
      failure: null,
      submissions: [],
      formNumber: 0,
      chooseWorkflow(service) {
        const { draft, dropped } = switchWorkflow(get().draft, service);
        releasePreviews(dropped);
        set({ draft, failure: null });
      },
      setImage(field, image) {
        const before = get().draft;
        const images = { ...before.images };
        if (image) images[field] = image;
        else delete images[field];
        let draft: VerificationDraft = { ...before, images };
        // "Send anyway" accepted particular checks: a new image with other failures needs a new decision.
        if (draft.override.accepted && !sameChecks(readiness(before).overrideChecks, readiness(draft).overrideChecks)) draft = { ...draft, override: { ...draft.override, accepted: false } };
        set({ draft, ...clearFailureOf(field) });
      },
      setField(name, value) {
        const { draft } = get();
        set({ draft: { ...draft, fields: { ...draft.fields, [name]: value } }, ...clearFailureOf(name) });
      },
      setOverride(patch) {
        const { draft } = get();
        set({ draft: { ...draft, override: { ...draft.override, ...patch } } });
      },
      startOver() {
        if (!get().sending) replaceDraft(emptyDraft(get().draft.service));
      },
      load(prefill) {
        const workflow = workflowOf(prefill.service);
        const draft = emptyDraft(prefill.service);
        for (const slot of workflow.slots) {
          const source = prefill.images[slot.name];
          if (source) draft.images[slot.name] = slotImageFromHistory(source);
        }
        for (const field of workflow.fields) {
          const value = prefill.fields[field.name];
          if (value !== undefined) draft.fields[field.name] = value;
        }
        replaceDraft(draft);
      },
      async submit() {
        const { draft, sending } = get();
        const ready = readiness(draft);
        if (sending || !ready.canSend) return null;
        set({ sending: true, failure: null });
        const failed = (failure: SubmitFailure) => {
          set({ sending: false, failure });
          return null;
        };
        let request;
        try {
          request = await buildSubmitRequest(draft, ready);
        } catch (error) {
          if (error instanceof UnreadableImageError) return failed({ code: 'image-unreadable', message: error.message, field: error.field });
          throw error;
        }
        let result;
        try {
          result = await station.invoke('verification:submit', request);
        } catch (error) {
          return failed({ code: 'bridge-unavailable', message: error instanceof Error ? error.message : String(error), field: null });
        }
        if (!result.ok) return failed({ code: result.error.code, message: result.error.message, field: result.error.details?.field ?? null });
        const submission: Submission = { id: result.value.id, service: draft.service, submittedAt: Date.now() };
        replaceDraft(emptyDraft(draft.service));
        set((state) => ({ sending: false, submissions: [submission, ...state.submissions].slice(0, KEPT_SUBMISSIONS) }));
        return submission;
      },
    };
  });
}

const sessions = new WeakMap<StationApi, StoreApi<VerifySession>>();

/** One session per station bridge, i.e. per page load. */
export function verifySession(station: StationApi = getStation()): StoreApi<VerifySession> {
  let session = sessions.get(station);
  if (!session) {
    session = createSession(station);
    sessions.set(station, session);
  }
  return session;
}

export function useVerifySession<T>(selector: (state: VerifySession) => T): T {
  return useStore(verifySession(), selector);
}
