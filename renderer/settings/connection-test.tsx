import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionReport } from '../../common/contract';
import type { DoctorCheck, DoctorReason } from '../../common/doctor-report';
import { settings } from '../i18n/areas/settings';
import { callMain } from '../app/call-main';

type Step = ConnectionReport['steps'][number];

/** Fails to compile when a reason or check the doctor can report has no English words. */
const WORDS_FOR_EVERY_REASON: { reason: Record<DoctorReason, string>; check: Record<DoctorCheck, string> } = settings.en.doctor;
void WORDS_FOR_EVERY_REASON;
/** The reasons' words take different values (host, path, seconds…): the keys are held complete above. */
type Translate = (key: string, values: Record<string, string | number>) => string;

/**
 * "Test connection": the checks of `station doctor` against the server this station uses now,
 * each with passed / failed / not checked and the reason in words.
 */
export function ConnectionTest() {
  const { t } = useTranslation();
  const ids = { heading: useId(), intro: useId() };
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    const result = await callMain('connection:test');
    setRunning(false);
    if (result.ok) setReport(result.value);
    else {
      setReport(null);
      setError(result.error.message);
    }
  }

  /** The step's reason in words; the clock's difference reads as a size, its sign is in the words. */
  const reasonText = (step: Step) => {
    const values = step.reason === 'clock-in-sync' || step.reason === 'clock-skewed' ? { ...step.values, seconds: Math.abs(Number(step.values.seconds)) } : step.values;
    return (t as unknown as Translate)(`settings.doctor.reason.${step.reason}`, values);
  };
  const failures = report?.steps.filter((step) => step.outcome === 'fail').length ?? 0;

  return (
    <div className="connection-test" role="group" aria-labelledby={ids.heading} aria-describedby={ids.intro}>
      <h3 id={ids.heading}>{t('settings.doctor.heading')}</h3>
      <p id={ids.intro} className="hint">
        {t('settings.doctor.intro')}
      </p>
      <button type="button" onClick={() => void run()} disabled={running} aria-busy={running}>
        {t('settings.doctor.run')}
      </button>
      <p role="status" className={report && !report.passed ? 'error' : 'saved'}>
        {running
          ? t('settings.doctor.working')
          : report
            ? report.passed
              ? t('settings.doctor.allPassed', { server: report.server })
              : t('settings.doctor.someFailed', { server: report.server, count: failures })
            : ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {t('settings.doctor.couldNotRun', { message: error })}
        </p>
      )}
      {report && !running && (
        <ul className="doctor-steps" aria-label={t('settings.doctor.resultsLabel')}>
          {report.steps.map((step) => (
            <li key={`${step.check}-${step.service ?? ''}`} className={`doctor-step ${step.outcome}`}>
              <strong>{t(`settings.doctor.check.${step.check}`, { service: step.service ?? '' })}</strong>: {t(`settings.doctor.outcome.${step.outcome}`)}. <span dir="auto">{reasonText(step)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
