import { fail, ok } from '../../../common/result';
import { exportEvidencePdf } from '../history/evidence-pdf';
import { exportEvidence } from '../history/evidence-report';
import { registeredPersons } from '../verification-intake';
import { LOCKED, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'operator' | 'approve' | 'store' | 'history'>;

export function historyHandlers({
  operator,
  approve,
  store: openStore,
  history: openHistory,
}: Needs): HandlerGroup<'history:search' | 'history:detail' | 'history:image' | 'history:evidence' | 'history:evidence-pdf' | 'history:persons'> {
  return {
    'history:search': ({ mine, ...query }) => {
      const history = openHistory();
      return history ? ok(history.search(mine ? { ...query, operator: operator() } : query)) : fail('store-locked', LOCKED);
    },
    'history:detail': ({ id }) => {
      const history = openHistory();
      if (!history) return fail('store-locked', LOCKED);
      const detail = history.detail(id);
      return detail ? ok(detail) : fail('not-found', 'No verification with this id is in the history (it may have been purged or forgotten).');
    },
    'history:image': ({ id, blobId }) => {
      const history = openHistory();
      if (!history) return fail('store-locked', LOCKED);
      const image = history.detail(id)?.images.find((candidate) => candidate.blobId === blobId);
      if (!image) return fail('not-found', 'This image does not belong to that verification.');
      if (!image.available) return fail('not-found', 'This image was deleted by the retention policy; the record remains.');
      return ok({ contentType: image.contentType ?? 'image/jpeg', data: history.image(blobId).toString('base64') });
    },
    'history:evidence': ({ id, approval }) => {
      const history = openHistory();
      const store = openStore();
      if (!history || !store) return fail('store-locked', LOCKED);
      const approved = approve('export', approval);
      if (!approved.ok) return approved;
      const html = exportEvidence(history, store.audit, id, operator(), approved.value ? { approvedBy: approved.value.name } : {});
      return html === null ? fail('not-found', 'No verification with this id is in the history.') : ok({ filename: `evidence-${id}.html`, html });
    },
    'history:evidence-pdf': async ({ id, approval, appendix }) => {
      const history = openHistory();
      const store = openStore();
      if (!history || !store) return fail('store-locked', LOCKED);
      const approved = approve('export', approval);
      if (!approved.ok) return approved;
      const exported = await exportEvidencePdf(history, store.audit, id, operator(), { appendix: appendix === true, ...(approved.value ? { approvedBy: approved.value.name } : {}) });
      if (!exported) return fail('not-found', 'No verification with this id is in the history.');
      return ok({ filename: exported.filename, pdf: Buffer.from(exported.bytes).toString('base64'), sha256: exported.sha256 });
    },
    'history:persons': () => {
      const history = openHistory();
      return history ? ok(registeredPersons(history)) : fail('store-locked', LOCKED);
    },
  };
}
