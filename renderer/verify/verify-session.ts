/**
 * The New verification screen's state for this page session: the draft being filled in and the
 * verifications sent from it. It lives outside the view, as long as the page's app store (the
 * `StoreProvider` holds it), so that looking at the queue (Alt+2) and coming back keeps both, and
 * so a submit that finishes after the view closed still lands.
 */
import { createContext, createElement, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsentRecord } from '../../common/customer-consent';
import type { ErrorCode } from '../../common/result';
import type { ConsentMode } from '../../common/vocabulary';
import type { ServiceId } from '../../common/services/catalog';
import { callMain } from '../app/call-main';
import type { VerificationPrefill } from '../app/store';
import type { SlotImage } from '../capture/slot-types';
import { buildSubmitRequest, UnreadableImageError } from './build-request';
import { emptyDraft, switchWorkflow, type CustomerDraft, type OverrideDraft, type VerificationDraft } from './draft';
import { releasePreviews, slotImageFromHistory } from './prefill-images';
import { readiness } from './submission-rules';
import { WORKFLOWS, workflowOf } from './workflows';

/** How many of this session's submissions the screen keeps following. */
export const KEPT_SUBMISSIONS = 5;

export interface Submission {
  id: string;
  service: ServiceId;
  submittedAt: number;
  /** Who it is for, in the operator's words (the submit confirmation names them); null when the workflow has no customer. */
  customer?: string | null;
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
  setCustomer: (patch: Partial<Pick<CustomerDraft, 'reference' | 'name'>>) => void;
  /** Records the customer's answer; "declined" also drops every image already in the form. */
  answerConsent: (consent: ConsentRecord) => void;
  /** A fresh form for the next customer, same workflow. */
  startOver: () => void;
  load: (prefill: VerificationPrefill) => void;
  /** Sends the draft if it may be sent (under the station's consent mode); resolves with the submission, or null (see `failure`). */
  submit: (consentMode?: ConsentMode) => Promise<Submission | null>;
}

/**
 * A document whose MRZ was read on this computer names the customer: fill in the name when the
 * operator has not typed one (or when the last one came from a document too).
 */
function customerFromDocument(customer: CustomerDraft, image: SlotImage | null): CustomerDraft {
  const fields = image?.report?.mrz?.fields;
  const name = [fields?.firstName, fields?.lastName].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(' ');
  if (!name || (customer.name.trim() !== '' && !customer.nameFromDocument)) return customer;
  return { ...customer, name, nameFromDocument: true };
}

const sameChecks = (a: string[], b: string[]) => a.length === b.length && a.every((id, index) => id === b[index]);

function createSession(): StoreApi<VerifySession> {
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
        let draft: VerificationDraft = { ...before, images, customer: customerFromDocument(before.customer, image) };
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
      setCustomer(patch) {
        const { draft } = get();
        const customer = { ...draft.customer, ...patch, nameFromDocument: patch.name === undefined ? draft.customer.nameFromDocument : false };
        set({ draft: { ...draft, customer }, ...clearFailureOf(patch.name === undefined ? 'customer.reference' : 'customer.name') });
      },
      answerConsent(consent) {
        const { draft } = get();
        if (consent.answer === 'declined') {
          // Nothing of this customer's face stays in the page: the slots are gone and so are their images.
          releasePreviews(Object.values(draft.images));
          set({ draft: { ...draft, images: {}, consent, override: { accepted: false, reason: '' } }, failure: null });
          // No record will exist: the audit entry is the only trace that the customer was asked and said no.
          void callMain('consent:declined', { service: draft.service, consent });
        } else set({ draft: { ...draft, consent }, ...clearFailureOf('consent') });
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
      async submit(consentMode) {
        const { draft, sending } = get();
        const ready = readiness(draft, new Date(), consentMode);
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
        // A transport that fails comes back as a failed Result ('bridge-unavailable'), like any refusal.
        const result = await callMain('verification:submit', request);
        if (!result.ok) return failed({ code: result.error.code, message: result.error.message, field: result.error.details?.field ?? null });
        const submission: Submission = { id: result.value.id, service: draft.service, submittedAt: Date.now(), customer: draft.customer.name.trim() || draft.customer.reference.trim() || null };
        replaceDraft(emptyDraft(draft.service));
        set((state) => ({ sending: false, submissions: [submission, ...state.submissions].slice(0, KEPT_SUBMISSIONS) }));
        return submission;
      },
    };
  });
}

const SessionContext = createContext<StoreApi<VerifySession> | null>(null);

/** One session per page: app/store-context.tsx's StoreProvider wraps the app in this. */
export function VerifySessionProvider({ children }: { children: ReactNode }) {
  const [session] = useState(createSession);
  return createElement(SessionContext.Provider, { value: session }, children);
}

/** The session itself, for its actions (`getState()`); components read its state with `useVerifySession`. */
export function useVerifySessionApi(): StoreApi<VerifySession> {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useVerifySessionApi must be used inside <VerifySessionProvider>');
  return session;
}

export function useVerifySession<T>(selector: (state: VerifySession) => T): T {
  return useStore(useVerifySessionApi(), selector);
}
