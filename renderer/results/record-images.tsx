import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import { readPrecheckRecord } from '../../common/precheck-record';
import { isServiceId, SERVICES } from '../../common/services/catalog';
import { RegisteredPhotoFigure } from './registered-photo';
import { fullImages, useRecordImages, type ImageState } from './use-record-images';

// The record is stored JSON: only a verdict this screen knows is shown.
const PRECHECK_VERDICTS = ['pass', 'warn', 'fail'] as const;

/** The role of a file field (selfie, passport page…) in the record's service, for names and alt text. */
function roleName(service: string, field: string, t: TFunction): string {
  const role = isServiceId(service) ? SERVICES[service].files.find((file) => file.name === field)?.role : undefined;
  return role ? t(`words.role.${role}`) : field;
}

function ImageBody({ state, alt }: { state: ImageState | undefined; alt: string }) {
  const { t } = useTranslation();
  if (!state || state.status === 'loading') return <p className="record-image-placeholder">{t('results.images.loading')}</p>;
  if (state.status === 'deleted') return <p className="record-image-placeholder">{t('results.images.deleted')}</p>;
  if (state.status === 'failed') return <p className="record-image-placeholder error">{t('results.images.failed', { message: state.message })}</p>;
  return <img src={state.url} alt={alt} />;
}

/** The images as sent, side by side (selfie and document), each with its on-device pre-check. */
export function RecordImages({ detail }: { detail: HistoryDetail }) {
  const { t } = useTranslation();
  const states = useRecordImages(detail);
  const slots = readPrecheckRecord(detail.prechecks)?.slots ?? {};
  const images = fullImages(detail);
  const order = isServiceId(detail.service) ? SERVICES[detail.service].files.map((file) => file.name) : [];
  const sorted = [...images].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return (
    <section className="record-images" aria-label={t('results.images.title')}>
      {sorted.length === 0 && <p className="result-note">{t('results.images.none')}</p>}
      {sorted.map((image) => {
        const role = roleName(detail.service, image.field, t);
        const slot = slots[image.field];
        const verdict = slot && PRECHECK_VERDICTS.find((candidate) => candidate === slot.verdict);
        return (
          <figure key={image.blobId} className="record-image">
            <ImageBody state={states[image.field]} alt={t('results.images.alt', { role })} />
            <figcaption>
              <strong>{role}</strong>
              {verdict && <span>{t('results.images.precheck', { verdict: t(`results.images.precheckVerdict.${verdict}`) })}</span>}
              {slot?.autoFixed && <span>{t('results.images.autoFixed')}</span>}
            </figcaption>
          </figure>
        );
      })}
      {/* Authenticate face: the registered photo beside the new selfie, to compare by eye. */}
      <RegisteredPhotoFigure detail={detail} />
    </section>
  );
}
