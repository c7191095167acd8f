import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type SubmitRequest } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import type { ServiceId } from '../../../common/services/catalog';
import { createFakeStation } from '../fake-station';
import { renderApp } from '../render-app';
import { base64Of, imageFile, renderVerification, SUBMITTED_ID } from './verify-harness';

vi.mock('../../../renderer/capture/image-slot', () => import('./fake-image-slot'));

const submitButton = () => screen.getByRole('button', { name: 'Submit' });
const slotInput = (role: string) => screen.getByLabelText(`Image: ${role}`);

function recordSubmits(station = createFakeStation()) {
  const sent: SubmitRequest[] = [];
  station.handle('verification:submit', (request) => {
    sent.push(request);
    return ok({ id: SUBMITTED_ID });
  });
  return { station, sent };
}

async function pickWorkflow(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(within(screen.getByRole('group', { name: 'Workflow' })).getByRole('radio', { name }));
}

describe('New verification: workflows and slots', () => {
  it('offers the eight workflows as radios and shows one slot per image of the chosen one', async () => {
    const user = userEvent.setup();
    await renderVerification();
    const picker = screen.getByRole('group', { name: 'Workflow' });
    expect(
      within(picker)
        .getAllByRole('radio')
        .map((radio) => radio.getAttribute('value')),
    ).toEqual(['kyc_card', 'kyc_passport', 'face_liveness', 'register_face', 'authenticate_face', 'ocr_card', 'ocr_passport', 'background_check']);
    expect(within(picker).getByRole('radio', { name: 'KYC with ID card' })).toBeChecked();
    expect(within(picker).getByRole('radio', { name: 'KYC with ID card' })).toHaveAccessibleDescription('Needs: Selfie, ID card front, and ID card back');
    expect(screen.getAllByLabelText(/^Image: /)).toHaveLength(3);

    await pickWorkflow(user, 'KYC with passport');
    expect(screen.getAllByLabelText(/^Image: /)).toHaveLength(2);
    expect(screen.getByLabelText('Image: selfie')).toBeInTheDocument();
    expect(screen.getByLabelText('Image: passport')).toBeInTheDocument();
    expect(screen.queryByLabelText('Image: id_front')).not.toBeInTheDocument();
  });

  it('gives each slot the camera for what it films and the auto-capture setting, and remembers a camera change', async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'en', autoCapture: false, cameras: { selfie: 'front-cam', document: 'desk-cam' } } });
    await renderVerification(station);
    expect(await screen.findByText('selfie_image camera "front-cam", auto-capture off')).toBeInTheDocument();
    expect(screen.getByText('front_id camera "desk-cam", auto-capture off')).toBeInTheDocument();
    expect(screen.getByText('back_id camera "desk-cam", auto-capture off')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Switch camera: id_back' }));
    expect(station.calls).toContainEqual({ operation: 'settings:update', payload: { cameras: { selfie: 'front-cam', document: 'id_back-camera-2' } } });
  });

  it('speaks Arabic, right to left, when the station does', async () => {
    await renderApp(createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'ar' } }));
    const picker = await screen.findByRole('group', { name: 'نوع التحقق' });
    expect(document.documentElement.dir).toBe('rtl');
    expect(within(picker).getByRole('radio', { name: 'اعرف عميلك بجواز السفر' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'إرسال' })).toBeDisabled();
    expect(screen.getByText('صورة شخصية: لا توجد صورة بعد.')).toBeInTheDocument();
  });

  it('moves between workflows with the arrow keys', async () => {
    const user = userEvent.setup();
    await renderVerification();
    within(screen.getByRole('group', { name: 'Workflow' }))
      .getByRole('radio', { name: 'KYC with ID card' })
      .focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: 'KYC with passport' })).toBeChecked();
    expect(screen.getAllByLabelText(/^Image: /)).toHaveLength(2);
  });

  it('keeps an image the next workflow also takes and drops the others', async () => {
    const user = userEvent.setup();
    await renderVerification();
    await pickWorkflow(user, 'Liveness check');
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await pickWorkflow(user, 'Register face');
    expect(screen.getByText('image holds pass.jpg (file, pass)')).toBeInTheDocument();
    await pickWorkflow(user, 'KYC with passport');
    expect(screen.queryByText(/holds/)).not.toBeInTheDocument();
  });

  it('takes a "re-run as new" prefill: its images wait in the slots for their pre-check', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = vi.fn();
    const { store } = await renderVerification();
    const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    act(() => store.getState().startVerification({ service: 'face_liveness', fields: {}, images: { image: { blob, filename: 'earlier.jpg' } } }));
    expect(await screen.findByText('image holds earlier.jpg (history, checking)')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Liveness check' })).toBeChecked();
    expect(store.getState().prefill).toBeNull();
    expect(created).toEqual([blob]);
    expect(screen.getByText('Selfie: the pre-check is still running.')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Start over' }));
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });
});

describe('New verification: when Submit may send', () => {
  it('stays disabled until both KYC passport images have finished their pre-check', async () => {
    const user = userEvent.setup();
    await renderVerification();
    await pickWorkflow(user, 'KYC with passport');
    expect(submitButton()).toBeDisabled();
    expect(submitButton()).toHaveAttribute('aria-keyshortcuts', 'Control+Enter');
    expect(screen.getByText('Selfie: no image yet.')).toBeInTheDocument();
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await user.upload(slotInput('passport'), imageFile('checking.jpg'));
    expect(submitButton()).toBeDisabled();
    expect(submitButton()).toHaveAccessibleDescription(/Passport photo page: the pre-check is still running\./);
    await user.upload(slotInput('passport'), imageFile('pass.jpg'));
    expect(submitButton()).toBeEnabled();
    expect(submitButton()).toHaveAccessibleDescription('Ready to send.');
  });

  it('blocks a hard failure even when "send anyway" is ticked with a reason', async () => {
    const user = userEvent.setup();
    await renderVerification();
    await pickWorkflow(user, 'KYC with passport');
    await user.upload(slotInput('selfie'), imageFile('hard-file.integrity.jpg'));
    await user.upload(slotInput('passport'), imageFile('fail-document.glare.jpg'));
    expect(screen.getByText('Selfie cannot be sent: File integrity. Take or choose another image.')).toBeInTheDocument();
    // The passport's glare is advice, but no override is offered while an image cannot be sent at all.
    expect(screen.queryByRole('checkbox', { name: 'Send anyway' })).not.toBeInTheDocument();
    expect(submitButton()).toBeDisabled();
  });

  it('offers no "send anyway" for a failed requirement, names it in words, and says how to conform', async () => {
    const user = userEvent.setup();
    await renderVerification();
    await pickWorkflow(user, 'KYC with passport');
    await user.upload(slotInput('selfie'), imageFile('fail-face.count=0+fail-face.sharpness.jpg'));
    await user.upload(slotInput('passport'), imageFile('fix-file.bytes.jpg'));
    expect(screen.getByText('Selfie does not meet Progeny’s requirements: Number of faces. Take a new picture (these cannot be sent anyway).')).toBeInTheDocument();
    expect(screen.getByText('Passport photo page does not meet Progeny’s requirements: File size. Use “Fix automatically” in the slot (these cannot be sent anyway).')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Send anyway' })).not.toBeInTheDocument();
    // The reasons next to Submit (the fake slots print their file names, which carry the ids).
    expect(screen.getByText('Not ready to send yet:').parentElement).not.toHaveTextContent(/face\.count|file\.bytes/);
    expect(submitButton()).toBeDisabled();
  });

  it('sends failing checks only with "send anyway" and a reason, and records which checks were accepted', async () => {
    const user = userEvent.setup();
    const { station, sent } = recordSubmits();
    await renderVerification(station);
    await pickWorkflow(user, 'KYC with passport');
    await user.upload(slotInput('selfie'), imageFile('fail-face.size+warn-face.exposure.jpg'));
    await user.upload(slotInput('passport'), imageFile('pass.jpg'));
    expect(screen.getByText('Selfie: Face size')).toBeInTheDocument();
    expect(screen.getByText('Warnings (they do not stop sending):')).toBeInTheDocument();
    expect(submitButton()).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Send anyway' }));
    const reason = screen.getByRole('textbox', { name: 'Reason for sending anyway' });
    await user.type(reason, ' ok ');
    expect(submitButton()).toBeDisabled();
    expect(screen.getByText('Give a reason of at least 5 characters for sending anyway.')).toBeInTheDocument();
    await user.type(reason, 'face checked by hand');
    expect(submitButton()).toBeEnabled();
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.override).toEqual({ checks: ['face.size'], reason: 'ok face checked by hand' });
    expect((sent[0]!.prechecks as { overridden: string[] }).overridden).toEqual(['face.size']);
  });

  it('sends base64 images under exactly the service field names, with the pre-check record', async () => {
    const user = userEvent.setup();
    const { station, sent } = recordSubmits();
    await renderVerification(station);
    await pickWorkflow(user, 'KYC with passport');
    const selfieBytes = [0xff, 0xd8, 0xff, 0xe0, 10, 20, 30];
    const passportBytes = [0x89, 0x50, 0x4e, 0x47, 40, 50];
    await user.upload(slotInput('selfie'), imageFile('pass.jpg', selfieBytes));
    await user.upload(slotInput('passport'), imageFile('warn-document.glare.png', passportBytes, 'image/png'));
    await user.click(submitButton());

    await waitFor(() => expect(sent).toHaveLength(1));
    const request = sent[0]!;
    expect(request.service).toBe('kyc_passport');
    expect(Object.keys(request.files).sort()).toEqual(['passport_image', 'selfie_image']);
    expect(request.files.selfie_image).toEqual({ filename: 'pass.jpg', contentType: 'image/jpeg', data: base64Of(selfieBytes) });
    expect(request.files.passport_image).toEqual({ filename: 'warn-document.glare.png', contentType: 'image/png', data: base64Of(passportBytes) });
    expect(request.fields).toEqual({});
    expect(request.override).toBeUndefined();
    const record = request.prechecks as { slots: Record<string, { role: string; verdict: string; autoFixed: boolean; checks: { id: string }[] }>; overridden: string[] };
    expect(Object.keys(record.slots).sort()).toEqual(['passport_image', 'selfie_image']);
    expect(record.slots.passport_image).toMatchObject({ role: 'passport', verdict: 'warn', autoFixed: false });
    expect(record.slots.passport_image!.checks.map((check) => check.id)).toEqual(['file.format', 'document.glare']);
    expect(record.overridden).toEqual([]);

    // The form is ready for the next customer straight away, same workflow.
    expect(await screen.findByRole('status', { name: 'Submitted: KYC with passport' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'KYC with passport' })).toBeChecked();
    expect(screen.queryByText(/holds/)).not.toBeInTheDocument();
    // Issue 16: what was sent is confirmed in words, focused (so it is read out and in view).
    await waitFor(() => expect(screen.getByText(/^Queued: KYC with passport/)).toHaveFocus());
  });
});

describe('New verification: text inputs', () => {
  it('checks the background-check name and birth date, and fills them from an earlier document read', async () => {
    const user = userEvent.setup();
    const { station, sent } = recordSubmits();
    const searches: unknown[] = [];
    station.handle('history:search', (query) => {
      searches.push(query);
      const summary = (id: string, service: ServiceId, name: string | null, dateOfBirth: string | null) => ({
        id,
        createdAt: Date.UTC(2025, 0, 10),
        finishedAt: Date.UTC(2025, 0, 10),
        service,
        mode: 'training' as const,
        state: 'done' as const,
        verdict: 'verified' as const,
        operator: null,
        subject: { name, documentNumber: null, dateOfBirth },
        unreadable: false,
      });
      return ok([summary('a1', 'ocr_passport', 'Amina Haddad', '1988-04-02'), summary('a2', 'kyc_card', null, '1970-01-01'), summary('a3', 'kyc_card', 'Jean Moreau', null)]);
    });
    await renderVerification(station);
    await pickWorkflow(user, 'Background check');
    expect(screen.queryAllByLabelText(/^Image: /)).toHaveLength(0);

    const name = screen.getByRole('textbox', { name: 'Full name' });
    const birth = screen.getByLabelText('Date of birth');
    await user.type(name, 'Amina');
    await user.type(birth, '2999-01-01');
    await user.tab();
    expect(screen.getAllByText('Date of birth: must be a date before today.').length).toBeGreaterThan(0);
    expect(birth).toHaveAttribute('aria-invalid', 'true');
    expect(submitButton()).toBeDisabled();

    const prefill = await screen.findByRole('combobox', { name: 'Prefill from an earlier document read' });
    expect(searches).toEqual([{ services: ['ocr_card', 'ocr_passport', 'kyc_card', 'kyc_passport'], outcomes: ['verified'], limit: 100 }]);
    const options = within(prefill)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['Choose a verified document', 'Amina Haddad, born Apr 2, 1988 – Read passport, Jan 10, 2025', 'Jean Moreau – KYC with ID card, Jan 10, 2025']);
    await user.selectOptions(prefill, 'a1');
    expect(name).toHaveValue('Amina Haddad');
    expect(birth).toHaveValue('1988-04-02');
    expect(submitButton()).toBeEnabled();
    await user.click(submitButton());
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ service: 'background_check', files: {}, fields: { fullname: 'Amina Haddad', birth_date: '1988-04-02' } });
  });

  it('authenticates against a person picked from those registered here', async () => {
    const user = userEvent.setup();
    const { station, sent } = recordSubmits();
    station.handle('history:persons', () =>
      ok([
        { verificationId: 'r1', uuid: '0b6c1f2a-9d3e-4c5b-8a7f-1e2d3c4b5a69', registeredAt: Date.UTC(2025, 2, 3, 12), name: 'Amina Haddad' },
        { verificationId: 'r2', uuid: 'aa11bb22-9d3e-4c5b-8a7f-1e2d3c4b5a69', registeredAt: Date.UTC(2025, 2, 4, 12), name: null },
      ]),
    );
    await renderVerification(station);
    await pickWorkflow(user, 'Authenticate face');
    const people = await screen.findByRole('combobox', { name: 'Registered person' });
    await waitFor(() => expect(people).toBeEnabled());
    expect(
      within(people)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose a registered person', 'Amina Haddad – registered Mar 3, 2025 – 0b6c1f2a…', 'Name unknown – registered Mar 4, 2025 – aa11bb22…']);
    await user.selectOptions(people, 'Amina Haddad – registered Mar 3, 2025 – 0b6c1f2a…');
    expect(screen.getByRole('textbox', { name: 'Person ID (UUID)' })).toHaveValue('0b6c1f2a-9d3e-4c5b-8a7f-1e2d3c4b5a69');
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await user.click(submitButton());
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ service: 'authenticate_face', fields: { uuid: '0b6c1f2a-9d3e-4c5b-8a7f-1e2d3c4b5a69' } });
    expect(Object.keys(sent[0]!.files)).toEqual(['image']);
  });

  it('takes a pasted person ID, and says what is wrong with one that is not a UUID', async () => {
    const user = userEvent.setup();
    const { station, sent } = recordSubmits();
    station.handle('history:persons', () => ok([]));
    await renderVerification(station);
    await pickWorkflow(user, 'Authenticate face');
    expect(await screen.findByText('No face has been registered on this station yet. Paste the person ID instead.')).toBeInTheDocument();
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    const id = screen.getByRole('textbox', { name: 'Person ID (UUID)' });
    await user.click(id);
    await user.paste('0b6c1f2a-9d3e-4c5b');
    await user.tab();
    expect(id).toHaveAttribute('aria-invalid', 'true');
    expect(id).toHaveAccessibleDescription(/Person ID \(UUID\): this is not a person ID\./);
    expect(submitButton()).toBeDisabled();
    await user.clear(id);
    await user.paste(' 0b6c1f2a-9d3e-4c5b-8a7f-1e2d3c4b5a69 ');
    expect(submitButton()).toBeEnabled();
    await user.click(submitButton());
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.fields).toEqual({ uuid: '0b6c1f2a-9d3e-4c5b-8a7f-1e2d3c4b5a69' });
  });
});

describe('New verification: refusals', () => {
  it('shows a refused image next to its slot and keeps the form', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    station.handle('verification:submit', () => fail('input-rejected', 'selfie_image: The file stops before its end. Take the photo again.', { field: 'selfie_image' }));
    await renderVerification(station);
    await pickWorkflow(user, 'KYC with passport');
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await user.upload(slotInput('passport'), imageFile('pass.jpg'));
    await user.click(submitButton());
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent('Selfie was refused when sending: selfie_image: The file stops before its end. Take the photo again.');
    // Beside its own slot, not the passport's.
    expect(refusal.parentElement).toContainElement(slotInput('selfie'));
    expect(refusal.parentElement).not.toContainElement(slotInput('passport'));
    expect(screen.getByText('Not sent: Selfie was refused. The reason is shown next to it.')).toBeInTheDocument();
    expect(screen.getByText('selfie_image holds pass.jpg (file, pass)')).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: /Submitted/ })).not.toBeInTheDocument();
    await waitFor(() => expect(slotInput('selfie')).toHaveFocus());
    // A new image answers the refusal.
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the data is locked when the store refuses', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    station.handle('verification:submit', () => fail('store-locked', 'The station data is locked.'));
    await renderVerification(station);
    await pickWorkflow(user, 'Liveness check');
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await user.click(submitButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent: the station’s data is locked. Unlock it, then submit again; the form is kept.');
    await waitFor(() => expect(submitButton()).toHaveFocus());
  });

  it('shows any other failure with its own message', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    station.handle('verification:submit', () => fail('internal', 'The disk is full: free some space.'));
    await renderVerification(station);
    await pickWorkflow(user, 'Liveness check');
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await user.click(submitButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent: The disk is full: free some space.');
  });
});

describe('New verification: keyboard', () => {
  it('Alt+S goes to the next slot still needing an image, Alt+N starts over', async () => {
    const user = userEvent.setup();
    await renderVerification();
    expect(screen.getByRole('button', { name: 'Next slot' })).toHaveAttribute('aria-keyshortcuts', 'Alt+S');
    expect(screen.getByRole('button', { name: 'Start over' })).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
    await user.upload(slotInput('selfie'), imageFile('pass.jpg'));
    await user.keyboard('{Alt>}s{/Alt}');
    expect(slotInput('id_front')).toHaveFocus();
    await user.keyboard('{Alt>}s{/Alt}');
    expect(slotInput('id_back')).toHaveFocus();
    await user.keyboard('{Alt>}s{/Alt}');
    expect(slotInput('id_front')).toHaveFocus();
    await user.keyboard('{Alt>}n{/Alt}');
    expect(screen.queryByText(/holds/)).not.toBeInTheDocument();
    expect(slotInput('selfie')).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('New verification');
  });

  it('Ctrl+Enter while sending is impossible moves focus to the reasons', async () => {
    const user = userEvent.setup();
    const { station, sent } = recordSubmits();
    await renderVerification(station);
    await user.click(slotInput('selfie'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(sent).toHaveLength(0);
    expect(screen.getByText('Not ready to send yet:').parentElement).toHaveFocus();
  });
});
