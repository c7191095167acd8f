/**
 * Authenticate face: the photo the person was registered with, from this station's history, beside
 * the new selfie, so the operator can compare the two faces by eye. Found through the registered
 * persons list (the register_face verification that returned this person id), then that record's
 * selfie. A person registered elsewhere, or whose photo the retention policy deleted, is said so.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import { isServiceId, SERVICES } from '../../common/services/catalog';
import { callMain } from '../app/call-main';
import { loadRecordImage } from './image-blobs';

type Photo = { status: 'loading' } | { status: 'ready'; url: string; registeredAt: number } | { status: 'absent' } | { status: 'failed'; message: string };
type Found = Exclude<Photo, { status: 'loading' }> & { uuid: string };

async function findRegisteredPhoto(uuid: string): Promise<{ blob: Blob; registeredAt: number } | 'absent' | { failed: string }> {
  const persons = await callMain('history:persons');
  if (!persons.ok) return { failed: persons.error.message };
  const person = persons.value.find((candidate) => candidate.uuid === uuid);
  if (!person) return 'absent';
  const registration = await callMain('history:detail', { id: person.verificationId });
  if (!registration.ok) return registration.error.code === 'not-found' ? 'absent' : { failed: registration.error.message };
  // The registration's selfie field, by role (register_face calls it `image`), full image before thumbnail.
  const service = registration.value.service;
  const field = isServiceId(service) ? SERVICES[service].files.find((file) => file.role === 'selfie')?.name : undefined;
  const images = registration.value.images.filter((candidate) => candidate.field === field && candidate.available);
  const image = images.find((candidate) => candidate.kind === 'image') ?? images[0];
  if (!image) return 'absent';
  const blob = await loadRecordImage(registration.value.id, image.blobId);
  return blob.ok ? { blob: blob.value, registeredAt: person.registeredAt } : { failed: blob.error.message };
}

export function useRegisteredPhoto(detail: HistoryDetail): Photo | null {
  const uuid = detail.service === 'authenticate_face' ? (detail.fields.uuid ?? null) : null;
  // Keyed by the person id: a result for another person reads as still loading.
  const [photo, setPhoto] = useState<Found | null>(null);
  useEffect(() => {
    if (!uuid) return;
    let cancelled = false;
    let url: string | null = null;
    void findRegisteredPhoto(uuid).then((found) => {
      if (cancelled) return;
      if (found === 'absent') setPhoto({ uuid, status: 'absent' });
      else if ('failed' in found) setPhoto({ uuid, status: 'failed', message: found.failed });
      else {
        url = URL.createObjectURL(found.blob);
        setPhoto({ uuid, status: 'ready', url, registeredAt: found.registeredAt });
      }
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [uuid]);
  if (!uuid) return null;
  return photo?.uuid === uuid ? photo : { status: 'loading' };
}

/** One more figure in the images row: the registered photo, or why it is not there. */
export function RegisteredPhotoFigure({ detail }: { detail: HistoryDetail }) {
  const { t, i18n } = useTranslation();
  const photo = useRegisteredPhoto(detail);
  if (!photo) return null;
  const caption = <strong>{t('results.images.registered')}</strong>;
  if (photo.status === 'ready') {
    const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(photo.registeredAt);
    return (
      <figure className="record-image record-image-registered">
        <img src={photo.url} alt={t('results.images.registeredAlt')} />
        <figcaption>
          {caption}
          <span>{t('results.images.registeredOn', { date: when })}</span>
        </figcaption>
      </figure>
    );
  }
  const text = photo.status === 'loading' ? t('results.images.loading') : photo.status === 'absent' ? t('results.images.registeredAbsent') : t('results.images.failed', { message: photo.message });
  return (
    <figure className="record-image record-image-registered">
      <p className={`record-image-placeholder${photo.status === 'failed' ? ' error' : ''}`}>{text}</p>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
