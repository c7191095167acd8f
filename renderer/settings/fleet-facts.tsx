import { useTranslation } from 'react-i18next';
import type { Status } from '../../common/contract';
import { QUEUE_STATES, isOneOf } from '../../common/vocabulary';

/** Settings → About: the same facts as `station status` (health, mode, queue, Progeny, SIEM, policy). */
export function FleetFacts({ status }: { status: Status }) {
  const { t, i18n } = useTranslation();
  const when = (at: number | null) => (at === null ? t('fleet.about.never') : new Date(at).toLocaleString(i18n.language));
  const { health, policy, auditForward } = status;
  const queue = health ? Object.entries(health.queue).filter(([state, n]) => n > 0 && isOneOf(QUEUE_STATES, state)) : [];
  return (
    <>
      {health && (
        <>
          <dt>{t('fleet.about.health')}</dt>
          <dd data-level={health.level}>{t(`fleet.about.level.${health.level}`)}</dd>
        </>
      )}
      <dt>{t('fleet.about.mode')}</dt>
      <dd>{t(`words.mode.${status.mode}`)}</dd>
      {health && (
        <>
          <dt>{t('fleet.about.queue')}</dt>
          <dd>{queue.length === 0 ? t('fleet.about.queueEmpty') : queue.map(([state, n]) => `${t(`words.state.${state as (typeof QUEUE_STATES)[number]}`)}: ${n}`).join(', ')}</dd>
          <dt>{t('fleet.about.oldestUnsent')}</dt>
          <dd>{health.oldestUnsentAt === null ? t('fleet.about.none') : when(health.oldestUnsentAt)}</dd>
          <dt>{t('fleet.about.lastProgeny')}</dt>
          <dd>{when(health.lastProgenyOkAt)}</dd>
        </>
      )}
      <dt>{t('fleet.about.auditForward')}</dt>
      <dd>
        {auditForward
          ? t('fleet.about.auditForwardState', { collector: auditForward.collector, count: auditForward.outboxDepth, when: when(auditForward.lastDeliveredAt ?? health?.audit.forwardedAt ?? null) })
          : t('fleet.about.auditForwardOff')}
      </dd>
      <dt>{t('fleet.about.policy')}</dt>
      <dd dir="auto">
        {!policy || policy.state === 'none'
          ? t('fleet.about.policyNone')
          : policy.state === 'in-force'
            ? t('fleet.about.policyInForce', { file: policy.file })
            : t('fleet.about.policyInvalid', { file: policy.file, problem: policy.problem ?? '' })}
      </dd>
    </>
  );
}
