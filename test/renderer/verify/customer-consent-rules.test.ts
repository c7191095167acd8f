/** The form's own rules for the customer fields and the consent answer (main applies them again). */
import { describe, expect, it } from 'vitest';
import { buildSubmitRequest } from '../../../renderer/verify/build-request';
import { emptyDraft, switchWorkflow, type VerificationDraft } from '../../../renderer/verify/draft';
import { readiness } from '../../../renderer/verify/submission-rules';

const agreed = { answer: 'agreed', language: 'ar', version: 2, at: 1_760_000_000_000 } as const;
const named = (draft: VerificationDraft, name: string, reference = ''): VerificationDraft => ({ ...draft, customer: { name, reference, nameFromDocument: false } });
const kinds = (draft: VerificationDraft, mode: 'required' | 'optional' | 'off') => readiness(draft, new Date(), mode).blockers.filter((b) => b.kind === 'consent' || b.kind === 'customer');

describe('consent in the form', () => {
  it('a face workflow waits for "agreed" when consent is required; "declined" blocks in every mode but off', () => {
    expect(kinds(emptyDraft('face_liveness'), 'required')).toEqual([{ kind: 'consent', field: 'consent', answer: 'none' }]);
    expect(kinds(emptyDraft('face_liveness'), 'optional')).toEqual([]);
    expect(kinds({ ...emptyDraft('kyc_card'), consent: { ...agreed, answer: 'declined' } }, 'optional')).toEqual([{ kind: 'consent', field: 'consent', answer: 'declined' }]);
    expect(kinds({ ...emptyDraft('kyc_card'), consent: agreed }, 'required')).toEqual([]);
    expect(kinds(emptyDraft('ocr_passport'), 'required')).toEqual([]);
    expect(kinds(emptyDraft('face_liveness'), 'off')).toEqual([]);
  });

  it('the same customer keeps the answer and the fields when the operator switches workflow', () => {
    const draft = { ...named(emptyDraft('face_liveness'), 'Ana', 'R-1'), consent: agreed };
    expect(switchWorkflow(draft, 'kyc_passport').draft).toMatchObject({ consent: agreed, customer: { name: 'Ana', reference: 'R-1' } });
  });
});

describe('the customer in the form', () => {
  it('register face needs a name; a reference is optional everywhere; control characters and length are named', () => {
    expect(kinds(emptyDraft('register_face'), 'off')).toEqual([{ kind: 'customer', field: 'customer.name', problem: 'missing', max: 200 }]);
    expect(kinds(named(emptyDraft('register_face'), 'Ana'), 'off')).toEqual([]);
    expect(kinds(emptyDraft('face_liveness'), 'off')).toEqual([]);
    expect(kinds(named(emptyDraft('background_check'), 'Ana\u202E'), 'off')).toEqual([{ kind: 'customer', field: 'customer.name', problem: 'control', max: 200 }]);
    expect(kinds(named(emptyDraft('background_check'), 'Ana', 'R'.repeat(65)), 'off')).toEqual([{ kind: 'customer', field: 'customer.reference', problem: 'too-long', max: 64 }]);
  });

  it('sends the customer trimmed, leaves out what is empty, and the consent only with a face service', async () => {
    const background = { ...named(emptyDraft('background_check'), '  Ana Lima ', ' '), fields: { fullname: 'Ana Lima', birth_date: '1980-02-03' }, consent: agreed };
    const request = await buildSubmitRequest(background, readiness(background, new Date(), 'required'));
    expect(request.customer).toEqual({ name: 'Ana Lima' });
    expect(request.consent).toBeUndefined();
  });
});
