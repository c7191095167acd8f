/** The consent step on the New verification screen: no slot before "agrees", nothing at all after "declines". */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SubmitRequest } from '../../../common/contract';
import { ok } from '../../../common/result';
import { createFakeStation } from '../fake-station';
import { imageFile, renderVerification, SUBMITTED_ID } from './verify-harness';

vi.mock('../../../renderer/capture/image-slot', () => import('./fake-image-slot'));

const consentRegion = () => screen.getByRole('region', { name: 'Customer consent to biometric capture' });

describe('New verification: biometric consent (required)', () => {
  it('shows the text in the chosen language with its version, and no image slot until the customer agrees', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    const sent: SubmitRequest[] = [];
    station.handle('verification:submit', (request) => {
      sent.push(request);
      return ok({ id: SUBMITTED_ID });
    });
    await renderVerification(station, { consent: 'required' });
    await user.click(screen.getByRole('radio', { name: 'Liveness check' }));
    expect(screen.queryByLabelText('Image: selfie')).not.toBeInTheDocument();
    await user.selectOptions(within(consentRegion()).getByRole('combobox', { name: 'Language of the consent text' }), 'ar');
    expect(consentRegion().querySelector('[dir="rtl"][lang="ar"]')?.textContent).toMatch(/^قبل التقاط صورتك/);
    expect(consentRegion()).toHaveTextContent('العربية, version 1');
    await user.click(within(consentRegion()).getByRole('button', { name: 'Customer agrees' }));
    expect(screen.getByText(/The customer agreed to the consent text \(العربية, version 1\)/)).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Customer reference' }), 'ACC-9');
    await user.upload(screen.getByLabelText('Image: selfie'), imageFile('pass.jpg'));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ service: 'face_liveness', customer: { reference: 'ACC-9' }, consent: { answer: 'agreed', language: 'ar', version: 1 } });
  });

  it('"declines" ends the workflow: no slot, no file input, Submit refused with the reason, nothing sent', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    const submit = vi.fn(() => ok({ id: SUBMITTED_ID }));
    station.handle('verification:submit', submit);
    await renderVerification(station, { consent: 'required' });
    await user.click(screen.getByRole('radio', { name: 'KYC with passport' }));
    await user.click(within(consentRegion()).getByRole('button', { name: 'Customer declines' }));
    expect(screen.getByRole('alert', { name: 'The customer declined' })).toHaveTextContent('Nothing was captured and nothing will be sent');
    expect(document.querySelector('input[type="file"]')).toBeNull();
    expect(screen.queryByLabelText(/^Image:/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit' })).toBeDisabled();
    expect(screen.getByText('Customer consent: the customer declined, so no face may be captured or sent.')).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(submit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Next customer' }));
    expect(within(consentRegion()).getByRole('button', { name: 'Customer agrees' })).toBeInTheDocument();
  });
});
