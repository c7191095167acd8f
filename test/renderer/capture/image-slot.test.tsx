import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { centredFace, fakeEngine, fakePng, pngFile, polyfillBlobReading, renderSlot, stubObjectUrls } from './slot-harness';
import { installFakeCamera, installFakeVideoFrames } from './fake-camera';

let revoked: string[];
beforeEach(() => {
  polyfillBlobReading();
  revoked = stubObjectUrls();
});

const slot = () => screen.getByRole('region', { name: 'Selfie' });
const reportRow = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('ImageSlot: ways in', () => {
  it('takes a picked file, hands it up at once, then again with its pre-check shown as a table', async () => {
    const user = userEvent.setup();
    const { values } = await renderSlot();
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('customer.png'));

    const table = await screen.findByRole('table', { name: 'Pre-check: Selfie' });
    expect(values[0]).toMatchObject({ filename: 'customer.png', contentType: 'image/png', source: 'file', report: null, autoFixed: false });
    expect(values.at(-1)?.report?.checks.length).toBeGreaterThan(5);
    // Failures and warnings first; the passed checks wait behind their disclosure button.
    const problems = values.at(-1)!.report!.checks.filter((check) => check.verdict !== 'pass').length;
    expect(within(table).getAllByRole('row')).toHaveLength(problems + 1);
    await user.click(screen.getByRole('button', { name: /checks? passed$/ }));
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(values.at(-1)!.report!.checks.length + 1);
    expect(within(reportRow('File format')).getByText('PNG')).toBeInTheDocument();
    expect(within(reportRow('File format')).getByText('Pass')).toBeInTheDocument();
    expect(within(reportRow('Image dimensions')).getByText('800 × 1000 px')).toBeInTheDocument();
    expect(within(reportRow('Face size')).getByText('100 px')).toBeInTheDocument();
    expect(within(reportRow('Face size')).getByText('≥ 224 px')).toBeInTheDocument();
    // A failing check says what to do, in words, not only in colour.
    expect(within(reportRow('Face size')).getByText('Fail')).toBeInTheDocument();
    expect(within(reportRow('Face size')).getByText(/^Move the camera closer, or use a higher-resolution photo\./)).toBeInTheDocument();
    expect(screen.getByText(/^Failing checks: \d+\. Warnings: \d+\.$/)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Selfie: the image added' })).toHaveAttribute('src', values[0]!.previewUrl);
  });

  it('pre-checks, once, an image handed over unchecked (re-run as new)', async () => {
    const original = pngFile('original.png');
    const { values } = await renderSlot({ initial: { blob: original, filename: 'original.png', contentType: 'image/png', previewUrl: '', report: null, autoFixed: false, source: 'history' } });
    await screen.findByRole('table', { name: 'Pre-check: Selfie' });
    const checked = values.filter((value) => value?.report);
    expect(checked).toHaveLength(1);
    expect(checked[0]).toMatchObject({ filename: 'original.png', source: 'history' });
    expect(checked[0]!.blob).toBe(original);
  });

  it('says why an image can never be sent when a hard check fails', async () => {
    const user = userEvent.setup();
    await renderSlot();
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), new File(['%PDF-1.7 not a photo'], 'scan.png', { type: 'image/png' }));
    expect(await screen.findByText('This image cannot be sent: File format.')).toBeInTheDocument();
    expect(within(reportRow('File format')).getByText('(cannot be overridden)')).toBeInTheDocument();
  });

  it('never previews or auto-fixes a file too large to decode safely', async () => {
    const user = userEvent.setup();
    const { engine } = await renderSlot();
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('bomb.png', 30000, 30000));
    expect(await screen.findByText('This image cannot be sent: Pixel count.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fix automatically' })).not.toBeInTheDocument();
    expect(engine.decode).not.toHaveBeenCalled();
  });

  it('takes an image pasted while focus is in the slot', async () => {
    const { values } = await renderSlot();
    const photo = pngFile('image.png');
    const item = { kind: 'file', type: 'image/png', getAsFile: () => photo, webkitGetAsEntry: () => ({ isDirectory: false }) };
    fireEvent.paste(screen.getByRole('button', { name: 'Use the camera' }), { clipboardData: { items: [item], files: [photo] } });
    await screen.findByRole('table', { name: 'Pre-check: Selfie' });
    expect(values[0]).toMatchObject({ filename: 'image.png', source: 'paste' });
  });

  it('says so when the clipboard holds text instead of an image', async () => {
    const { values } = await renderSlot();
    fireEvent.paste(screen.getByRole('button', { name: 'Use the camera' }), { clipboardData: { items: [{ kind: 'string', type: 'text/plain' }], files: [] } });
    expect(await screen.findByText(/is not a file \(it was text or a link\)/)).toBeInTheDocument();
    expect(values).toEqual([]);
  });

  it('takes the first of two dropped files and says how many were ignored', async () => {
    const { values } = await renderSlot();
    const first = pngFile('first.png');
    const second = pngFile('second.png');
    fireEvent.drop(screen.getByRole('group', { name: /Drop an image file here/ }), { dataTransfer: { files: [first, second] } });
    expect(await screen.findByText('Only the first image was taken. Other files ignored: 1.')).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Pre-check: Selfie' });
    expect(values[0]).toMatchObject({ filename: 'first.png', source: 'drop' });
  });

  it('refuses a dropped folder with a message saying what to do', async () => {
    const { values } = await renderSlot();
    const folder = { kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => ({ isDirectory: true }) };
    fireEvent.drop(screen.getByRole('group', { name: /Drop an image file here/ }), { dataTransfer: { items: [folder], files: [] } });
    expect(await screen.findByText('A folder cannot be added: open it, then drop or choose one image file.')).toBeInTheDocument();
    expect(values).toEqual([]);
  });

  it('removes the image and frees its preview', async () => {
    const user = userEvent.setup();
    const { last, values } = await renderSlot();
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('customer.png'));
    await screen.findByRole('table');
    const url = last()!.previewUrl;
    await user.click(screen.getByRole('button', { name: 'Remove image' }));
    expect(values.at(-1)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Selfie' })).toHaveFocus();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(revoked).toContain(url);
  });

  it('drops the result of a check that a newer image overtook', async () => {
    const user = userEvent.setup();
    const engine = fakeEngine();
    let release = () => {};
    vi.mocked(engine.decode).mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ width: 800, height: 1000, channels: 4, data: new Uint8ClampedArray(800 * 1000 * 4) }))));
    const { values, last } = await renderSlot({ engine });
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('old.png'));
    await waitFor(() => expect(engine.decode).toHaveBeenCalledTimes(1));
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('new.png'));
    await screen.findByRole('table');
    release();
    // The old check runs on past decoding; its (synchronous) checks finish within the next task.
    await waitFor(() => expect(engine.faces.detect).toHaveBeenCalledTimes(2));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(last()).toMatchObject({ filename: 'new.png' });
    expect(values.filter((value) => value?.filename === 'old.png' && value.report)).toEqual([]);
  });
});

describe('ImageSlot: camera', () => {
  it('shows the permission recovery panel when the camera is refused, and files still work', async () => {
    const user = userEvent.setup();
    const camera = installFakeCamera({
      open: () => {
        throw new DOMException('Permission denied', 'NotAllowedError');
      },
    });
    const { values } = await renderSlot();
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Camera access is blocked' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('Allow the camera for this station');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(camera.getUserMedia).toHaveBeenCalledTimes(2));
    await screen.findByRole('heading', { name: 'Camera access is blocked' });

    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('customer.png'));
    await screen.findByRole('table', { name: 'Pre-check: Selfie' });
    expect(values.at(-1)).toMatchObject({ source: 'file' });
  });

  it('tells the operator to close the other application when the camera is busy', async () => {
    const user = userEvent.setup();
    installFakeCamera({
      open: () => {
        throw new DOMException('Could not start video source', 'NotReadableError');
      },
    });
    await renderSlot();
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The camera is in use by another application' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('for example a video call');
    expect(screen.getByLabelText('Choose a file for Selfie')).toBeEnabled();
  });

  it('offers a file instead when there is no camera at all', async () => {
    const user = userEvent.setup();
    const camera = installFakeCamera({ devices: [] });
    await renderSlot();
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    expect(await screen.findByRole('heading', { name: 'No camera found' })).toBeInTheDocument();
    expect(camera.getUserMedia).not.toHaveBeenCalled();
  });

  it('turns the camera off when the panel closes, and reports a camera lost mid-capture', async () => {
    const user = userEvent.setup();
    const camera = installFakeCamera();
    await renderSlot();
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    expect(screen.getByRole('group', { name: 'Camera for this image' })).toHaveFocus();
    expect(await screen.findByRole('combobox', { name: 'Camera' })).toHaveDisplayValue('Desk camera');
    expect(camera.tracks).toHaveLength(1);
    act(() => camera.tracks[0]!.end());
    expect(await screen.findByRole('heading', { name: 'The camera was disconnected' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('combobox', { name: 'Camera' });
    await user.click(screen.getByRole('button', { name: 'Close the camera' }));
    expect(camera.tracks[1]!.stop).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Use the camera' })).toHaveFocus();
  });

  it('switches cameras on request, remembering the choice and stopping the old one', async () => {
    const user = userEvent.setup();
    const onCameraChosen = vi.fn();
    const camera = installFakeCamera({
      devices: [
        { deviceId: 'cam-1', label: 'Desk camera' },
        { deviceId: 'cam-2', label: 'Document camera' },
      ],
    });
    await renderSlot({ role: 'selfie', onCameraChosen });
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Camera' }), 'Document camera');
    expect(onCameraChosen).toHaveBeenCalledWith('cam-2');
    await waitFor(() => expect(camera.tracks).toHaveLength(2));
    expect(camera.tracks[0]!.stop).toHaveBeenCalled();
    expect(camera.tracks[1]!.deviceId).toBe('cam-2');
  });

  it('captures with Alt+C from anywhere in the slot, unmirrored at JPEG 0.92, and turns the camera off', async () => {
    const user = userEvent.setup();
    const camera = installFakeCamera();
    const frames = installFakeVideoFrames(new Blob([fakePng(1920, 1080)], { type: 'image/jpeg' }));
    const { values } = await renderSlot({ engine: fakeEngine([]) });
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    const captureButton = await screen.findByRole('button', { name: 'Capture' });
    expect(captureButton).toHaveAttribute('aria-keyshortcuts', 'Alt+C');
    await waitFor(() => expect(captureButton).toBeEnabled());
    await screen.findByText('No face in view: ask the customer to face the camera.');

    screen.getByLabelText('Choose a file for Selfie').focus();
    await user.keyboard('{Alt>}c{/Alt}');
    await screen.findByRole('table', { name: 'Pre-check: Selfie' });
    expect(values[0]).toMatchObject({ source: 'camera', filename: 'selfie_image-camera.jpg' });
    expect(frames.toBlob).toHaveBeenLastCalledWith(expect.any(Function), 'image/jpeg', 0.92);
    expect(camera.tracks[0]!.stop).toHaveBeenCalled();
    const retake = screen.getByRole('button', { name: 'Retake' });
    expect(retake).toHaveFocus();
    expect(retake).toHaveAttribute('aria-keyshortcuts', 'Alt+R');

    await user.keyboard('{Alt>}r{/Alt}');
    await waitFor(() => expect(camera.getUserMedia).toHaveBeenCalledTimes(2));
  });

  it('captures on its own once the live guidance has seen a steady, compliant view', async () => {
    const user = userEvent.setup();
    installFakeCamera();
    installFakeVideoFrames(new Blob([fakePng(1920, 1080)], { type: 'image/jpeg' }));
    const engine = fakeEngine([centredFace]);
    const { values } = await renderSlot({ engine, autoCapture: true });
    await user.click(screen.getByRole('button', { name: 'Use the camera' }));
    await screen.findByText('Hold still…', {}, { timeout: 3000 });
    await waitFor(() => expect(values[0]).toMatchObject({ source: 'camera' }), { timeout: 3000 });
    expect(engine.faces.detect).toHaveBeenCalledWith(expect.objectContaining({ width: 640, height: 360, channels: 4 }), 'fast');
  });
});

describe('ImageSlot: document camera', () => {
  it('guides a document without the face engine, which only selfies need', async () => {
    const user = userEvent.setup();
    installFakeCamera();
    installFakeVideoFrames(new Blob([fakePng(1920, 1080)], { type: 'image/jpeg' }));
    await renderSlot({ role: 'passport', load: () => new Promise(() => {}) });
    const region = screen.getByRole('region', { name: 'Passport photo page' });
    await user.click(within(region).getByRole('button', { name: 'Use the camera' }));
    // A plain grey frame holds no document.
    expect(await within(region).findByText('Show the document inside the frame.')).toBeInTheDocument();
  });
});

describe('ImageSlot: auto-fix', () => {
  it('fixes an oversized image in the browser, shows what changed, and keeps the fixed one on request', async () => {
    const user = userEvent.setup();
    const fixedJpeg = new Blob([fakePng(1350, 1080)], { type: 'image/jpeg' });
    const canvases: number[][] = [];
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(() => Promise.resolve({ width: 5000, height: 4000, close: vi.fn() })),
    );
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(width: number, height: number) {
          canvases.push([width, height]);
        }
        getContext() {
          return { fillRect: vi.fn(), drawImage: vi.fn() };
        }
        convertToBlob(options: ImageEncodeOptions) {
          expect(options).toEqual({ type: 'image/jpeg', quality: 0.85 });
          return Promise.resolve(fixedJpeg);
        }
      },
    );
    const { last } = await renderSlot();
    await user.upload(screen.getByLabelText('Choose a file for Selfie'), pngFile('huge.png', 5000, 4000));
    await user.click(await screen.findByRole('button', { name: 'Fix automatically' }));

    const review = await screen.findByRole('region', { name: 'Automatic fix: before and after' });
    expect(canvases).toEqual([[1350, 1080]]);
    const changes = within(review).getByRole('list', { name: 'What changed' });
    expect(within(changes).getByText('Image dimensions: Fail → Pass')).toBeInTheDocument();
    expect(within(changes).getByText('Image height: Not checked → Pass')).toBeInTheDocument();

    await user.click(within(review).getByRole('button', { name: 'Keep the fixed image' }));
    expect(last()).toMatchObject({ filename: 'huge.jpg', autoFixed: true, blob: fixedJpeg, source: 'file' });
    expect(screen.queryByRole('region', { name: 'Automatic fix: before and after' })).not.toBeInTheDocument();
    expect(slot()).toHaveTextContent('(fixed automatically)');
    await user.click(screen.getByRole('button', { name: /checks? passed$/ }));
    expect(within(reportRow('Image dimensions')).getByText('Pass')).toBeInTheDocument();
  });
});
