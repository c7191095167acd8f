import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../common/contract';
import type { OverrideDraft } from './draft';
import { MIN_REASON_LENGTH, type Blocker, type Readiness } from './submission-rules';
import type { SubmitFailure } from './verify-session';
import { useVerifyText } from './verify-text';

interface Props {
  ready: Readiness;
  override: OverrideDraft;
  onOverride: (patch: Partial<OverrideDraft>) => void;
  sending: boolean;
  /** A failure not already shown next to its input. */
  failure: SubmitFailure | null;
  /** The refused input's name, when the reason is shown next to it. */
  refusedInput: string | null;
  /** An input's name in words, from its Progeny field name. */
  labelOf: (field: string) => string;
  status: Status | null;
  /** Whether some slot still needs an image (Alt+S has somewhere to go). */
  slotsToFill: boolean;
  onSubmit: () => void;
  onStartOver: () => void;
  onNextSlot: () => void;
  /** The summary, focused when Ctrl+Enter is pressed while sending is not possible. */
  rulesRef: Ref<HTMLDivElement>;
}

/**
 * The Submit button with, next to it in words, why it can or cannot send: what is missing, what
 * must be fixed or taken again to meet Progeny's requirements, which failing advice "send anyway"
 * would accept (named in words, never by check id).
 */
export function SendPanel(props: Props) {
  const { ready, override, onOverride, sending, failure, refusedInput, labelOf, status, rulesRef } = props;
  const { t } = useTranslation();
  const text = useVerifyText();
  const id = useId();

  const blocker = (item: Blocker) => {
    if (item.kind === 'field') return text.fieldProblem(item.field, item.problem);
    if (item.kind === 'consent') return t(item.answer === 'declined' ? 'customer.consent.rules.declined' : 'customer.consent.rules.needed');
    if (item.kind === 'customer') return t(`customer.problem.${item.problem}`, { field: labelOf(item.field), max: item.max });
    const slot = text.slot(item.role);
    if (item.kind === 'hard') return item.checks.length > 0 ? t('verify.rules.hard', { slot, checks: text.checks(item.checks) }) : t('verify.rules.hardSeeSlot', { slot });
    if (item.kind === 'requirement') return t(item.remedy === 'fix' ? 'verify.rules.requirementFix' : 'verify.rules.requirementRetake', { slot, checks: text.checks(item.checks) });
    return t(`verify.rules.${item.kind}`, { slot });
  };
  const failureText = (problem: SubmitFailure) => {
    switch (problem.code) {
      case 'store-locked':
        return t('verify.error.locked');
      case 'station-locked':
        return t('verify.error.stationLocked');
      case 'image-unreadable':
        return t('verify.error.unreadable', { slot: labelOf(problem.field ?? ''), message: problem.message });
      default:
        return t('verify.error.failed', { message: problem.message });
    }
  };
  // "Send anyway" is for advice only, and only once every image meets Progeny's requirements: an
  // override offered beside an image that must be fixed or retaken could accept nothing.
  const imagesConform = !ready.blockers.some((item) => item.kind === 'hard' || item.kind === 'requirement');
  const needsOverride = ready.failing.length > 0 && imagesConform;
  const mode = status?.mode === 'live' ? (status.signedIn ? t('verify.mode.live') : t('verify.mode.notSignedIn')) : t('verify.mode.training');

  return (
    <div className="verify-send">
      <div id={`${id}-rules`} ref={rulesRef} tabIndex={-1} className="verify-rules">
        {ready.blockers.length > 0 && (
          <>
            <p>{t('verify.rules.notReady')}</p>
            <ul>
              {ready.blockers.map((item) => (
                <li key={item.kind === 'field' ? item.field.name : item.field}>{blocker(item)}</li>
              ))}
            </ul>
          </>
        )}
        {needsOverride && (
          <>
            <p>{t('verify.rules.failingIntro')}</p>
            <ul>
              {ready.failing.map((slot) => (
                <li key={slot.field}>{t('verify.rules.failingSlot', { slot: text.slot(slot.role), checks: text.checks(slot.checks) })}</li>
              ))}
            </ul>
            {!ready.overrideReady && <p>{override.accepted ? t('verify.rules.reasonNeeded', { min: MIN_REASON_LENGTH }) : t('verify.rules.acceptNeeded')}</p>}
          </>
        )}
        {ready.canSend && <p className="verify-ready">{needsOverride ? t('verify.rules.readyAccepted') : t('verify.rules.ready')}</p>}
        {ready.warnings.length > 0 && (
          <>
            <p>{t('verify.rules.warningsIntro')}</p>
            <ul>
              {ready.warnings.map((slot) => (
                <li key={slot.field}>{t('verify.rules.failingSlot', { slot: text.slot(slot.role), checks: text.checks(slot.checks) })}</li>
              ))}
            </ul>
          </>
        )}
      </div>

      {needsOverride && (
        <div className="verify-override">
          <label className="verify-check">
            <input type="checkbox" checked={override.accepted} disabled={sending} onChange={(event) => onOverride({ accepted: event.target.checked })} />
            {t('verify.override.sendAnyway')}
          </label>
          {override.accepted && (
            <div className="field verify-field">
              <label htmlFor={`${id}-reason`}>{t('verify.override.reason')}</label>
              <textarea
                id={`${id}-reason`}
                value={override.reason}
                rows={2}
                maxLength={500}
                required
                disabled={sending}
                aria-describedby={`${id}-reason-hint`}
                onChange={(event) => onOverride({ reason: event.target.value })}
              />
              <p id={`${id}-reason-hint`} className="verify-hint">
                {t('verify.override.reasonHint', { min: MIN_REASON_LENGTH })}
              </p>
            </div>
          )}
        </div>
      )}

      {refusedInput && <p className="error">{t('verify.error.rejectedSummary', { input: refusedInput })}</p>}
      {failure && (
        <p role="alert" className="error">
          {failureText(failure)}
        </p>
      )}
      <p className={status?.mode === 'live' ? 'verify-hint' : 'verify-mode-training'}>{mode}</p>

      <div className="verify-actions">
        <button type="button" className="verify-submit" disabled={!ready.canSend || sending} aria-describedby={`${id}-rules`} aria-keyshortcuts="Control+Enter" onClick={props.onSubmit}>
          {sending ? t('verify.actions.sending') : t('verify.actions.submit')}
        </button>
        <kbd aria-hidden="true">{t('verify.shortcut.submit')}</kbd>
        <button type="button" aria-keyshortcuts="Alt+N" disabled={sending} onClick={props.onStartOver}>
          {t('verify.actions.startOver')}
        </button>
        <kbd aria-hidden="true">{t('verify.shortcut.startOver')}</kbd>
        {props.slotsToFill && (
          <>
            <button type="button" aria-keyshortcuts="Alt+S" onClick={props.onNextSlot}>
              {t('verify.actions.nextSlot')}
            </button>
            <kbd aria-hidden="true">{t('verify.shortcut.nextSlot')}</kbd>
          </>
        )}
      </div>
    </div>
  );
}
