import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDocumentRole } from '../../common/analysis/check';
import { asksConsent, NAME_REQUIRED_SERVICES } from '../../common/customer-consent';
import { DEFAULT_SETTINGS } from '../../common/default-settings';
import { useStation } from '../app/store-context';
import { releaseCameras } from '../capture/camera';
import { ImageSlot } from '../capture/image-slot';
import { ConsentStep } from '../verify/consent-step';
import { CustomerFields } from '../verify/customer-fields';
import { DocumentPrefill, type DocumentHolder } from '../verify/document-prefill';
import { PersonField } from '../verify/person-field';
import { SendPanel } from '../verify/send-panel';
import { SubmissionsList } from '../verify/submissions-list';
import { readiness } from '../verify/submission-rules';
import { TextFieldInput } from '../verify/text-field-input';
import { useFormShortcuts } from '../verify/use-form-shortcuts';
import { useVerifySession, useVerifySessionApi } from '../verify/verify-session';
import { useVerifyText } from '../verify/verify-text';
import { workflowOf } from '../verify/workflows';
import { WorkflowPicker } from '../verify/workflow-picker';
import '../styles/verify.css';

/** Where focus goes once the form has re-rendered: the first input, one input, or the Submit button. */
type FocusTarget = { kind: 'first' } | { kind: 'input'; name: string } | { kind: 'submit' } | { kind: 'confirmation' };

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

export function NewVerificationView() {
  const { t } = useTranslation();
  const text = useVerifyText();
  const session = useVerifySessionApi();
  const { chooseWorkflow, setImage, setField, setOverride, setCustomer, answerConsent, startOver, load, submit } = session.getState();
  const draft = useVerifySession((s) => s.draft);
  const sending = useVerifySession((s) => s.sending);
  const failure = useVerifySession((s) => s.failure);
  const submissions = useVerifySession((s) => s.submissions);
  const formNumber = useVerifySession((s) => s.formNumber);
  const settings = useStation((s) => s.settings) ?? DEFAULT_SETTINGS;
  const updateSettings = useStation((s) => s.updateSettings);
  const status = useStation((s) => s.status);
  const prefill = useStation((s) => s.prefill);
  const takePrefill = useStation((s) => s.takePrefill);
  const root = useRef<HTMLDivElement>(null);
  const inputs = useRef<HTMLFieldSetElement>(null);
  const rules = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  // The submission just sent from here, confirmed in words at the top of the submitted panel.
  const [justSent, setJustSent] = useState<string | null>(null);

  const workflow = workflowOf(draft.service);
  const consentSettings = settings.consent ?? DEFAULT_SETTINGS.consent;
  const ready = readiness(draft, new Date(), consentSettings.mode);
  // A face workflow shows no image slot (so no camera, no file) until the customer agrees, when consent is required; never after "declines".
  const asksForConsent = asksConsent(draft.service, consentSettings.mode);
  const gated = asksForConsent && draft.consent?.answer !== 'agreed' && (consentSettings.mode === 'required' || draft.consent?.answer === 'declined');
  const slotsToFill = ready.blockers.flatMap((item) => (item.kind === 'missing' || item.kind === 'hard' || item.kind === 'unsupported-format' ? [item.field] : []));
  const inputLabel = (name: string) => {
    const slot = workflow.slots.find((candidate) => candidate.name === name);
    if (name === 'customer.name' || name === 'customer.reference') return t(name);
    return slot ? text.slot(slot.role) : text.field(name);
  };
  // A refusal about one input is shown next to it; anything else goes next to Submit.
  const refused =
    failure?.code === 'input-rejected' &&
    failure.field !== null &&
    [...workflow.slots, ...workflow.fields, { name: 'customer.reference' }, { name: 'customer.name' }].some((input) => input.name === failure.field)
      ? failure
      : null;
  const rejectionOf = (name: string) => (refused?.field === name ? t('verify.error.rejected', { input: inputLabel(name), message: refused.message }) : null);

  // "Re-run as new" from the history or a result: take the prefill once, whenever it arrives.
  useEffect(() => {
    if (!prefill) return;
    const taken = takePrefill();
    if (taken) load(taken);
  }, [prefill, takePrefill, load]);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.kind === 'submit') return root.current?.querySelector<HTMLElement>('.verify-submit')?.focus();
    if (focusTarget.kind === 'confirmation') {
      // The operator sees and hears that it was queued: the panel comes into view, its first line focused.
      root.current?.querySelector<HTMLElement>('.verify-submissions')?.scrollIntoView?.({ block: 'start' });
      return root.current?.querySelector<HTMLElement>('.verify-confirmation')?.focus({ preventScroll: true });
    }
    // "First" is the first slot (or text field): the workflow usually stays the same for the next customer.
    // The customer fields come first on screen but keep their values' place: "first" is a slot or field, else the customer reference.
    const find = (selector: string) => inputs.current?.querySelector<HTMLElement>(selector) ?? null;
    const holder = focusTarget.kind === 'input' ? find(`[data-input="${focusTarget.name}"]`) : (find('[data-input]:not([data-customer-input])') ?? find('[data-input]'));
    (holder?.querySelector<HTMLElement>(FOCUSABLE) ?? holder)?.focus();
  }, [focusTarget]);

  const send = async () => {
    if (!ready.canSend || sending) {
      rules.current?.focus();
      return;
    }
    // The live feed belongs to this customer: it stops as the form goes, not with the next one.
    releaseCameras();
    const sent = await submit(consentSettings.mode);
    const field = session.getState().failure?.field ?? null;
    if (sent) setJustSent(sent.id);
    setFocusTarget(sent ? { kind: 'confirmation' } : field ? { kind: 'input', name: field } : { kind: 'submit' });
  };
  const newVerification = () => {
    if (sending) return;
    releaseCameras();
    startOver();
    setFocusTarget({ kind: 'first' });
  };
  // The next slot after the one holding focus that still needs an image, wrapping round.
  const nextSlot = () => {
    if (slotsToFill.length === 0) return;
    const order = workflow.slots.map((slot) => slot.name);
    const focused = order.findIndex((name) => inputs.current?.querySelector(`[data-input="${name}"]`)?.contains(document.activeElement));
    const after = [...order.slice(focused + 1), ...order.slice(0, focused + 1)];
    const target = after.find((name) => slotsToFill.includes(name));
    if (target) setFocusTarget({ kind: 'input', name: target });
  };
  useFormShortcuts(root, { submit: () => void send(), startOver: newVerification, nextSlot });

  const fillFromDocument = ({ name, dateOfBirth }: DocumentHolder) => {
    for (const field of workflow.fields) {
      if (field.kind === 'text') setField(field.name, name);
      if (field.kind === 'date' && dateOfBirth) setField(field.name, dateOfBirth);
    }
  };

  return (
    <div ref={root} className="verify">
      <fieldset ref={inputs} className="verify-form" disabled={sending}>
        <WorkflowPicker value={draft.service} onChange={chooseWorkflow} />
        <CustomerFields customer={draft.customer} nameRequired={NAME_REQUIRED_SERVICES.includes(draft.service)} onChange={setCustomer} rejectionOf={rejectionOf} />
        {asksForConsent && <ConsentStep key={formNumber} settings={consentSettings} consent={draft.consent} onAnswer={answerConsent} onNextCustomer={newVerification} />}
        {!gated && workflow.slots.length > 0 && (
          <div className="verify-slots">
            {workflow.slots.map((slot) => {
              const rejection = rejectionOf(slot.name);
              const camera = isDocumentRole(slot.role) ? 'document' : 'selfie';
              return (
                // The slot names itself (a region with a heading); this wrapper only keeps the refusal beside it.
                <div key={slot.name} className="verify-slot" data-input={slot.name} tabIndex={-1}>
                  <ImageSlot
                    field={slot.name}
                    role={slot.role}
                    value={draft.images[slot.name] ?? null}
                    onChange={(image) => setImage(slot.name, image)}
                    autoCapture={settings.autoCapture}
                    preferredCamera={settings.cameras[camera]}
                    onCameraChosen={(deviceId) => void updateSettings({ cameras: { ...settings.cameras, [camera]: deviceId } })}
                  />
                  {rejection && (
                    <p role="alert" className="error">
                      {rejection}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
        )}
        {!gated && workflow.fields.length > 0 && (
          // A fresh form re-reads the lists (a face registered meanwhile) and forgets what was touched.
          <div key={formNumber} className="verify-fields">
            {workflow.prefillFromDocuments && <DocumentPrefill onPick={fillFromDocument} />}
            {workflow.fields.map((field) => {
              const props = { field, value: draft.fields[field.name] ?? '', onChange: (value: string) => setField(field.name, value), rejection: rejectionOf(field.name) };
              return (
                <div key={field.name} data-input={field.name}>
                  {field.kind === 'uuid' ? <PersonField {...props} /> : <TextFieldInput {...props} />}
                </div>
              );
            })}
          </div>
        )}
      </fieldset>
      <SendPanel
        ready={ready}
        override={draft.override}
        onOverride={setOverride}
        sending={sending}
        failure={refused ? null : failure}
        refusedInput={refused?.field ? inputLabel(refused.field) : null}
        labelOf={inputLabel}
        status={status}
        slotsToFill={slotsToFill.length > 0}
        onSubmit={() => void send()}
        onStartOver={newVerification}
        onNextSlot={nextSlot}
        rulesRef={rules}
      />
      <SubmissionsList submissions={submissions} justSent={justSent} />
    </div>
  );
}
