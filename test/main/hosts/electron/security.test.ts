import { beforeEach, describe, expect, it } from 'vitest';
import { isPermissionGranted, lockDownSession } from '../../../../main/hosts/electron/security';
import { resetElectronMock, session } from '../../../mocks/electron';

beforeEach(resetElectronMock);

describe('permission policy', () => {
  it('grants the camera to the station page only', () => {
    expect(isPermissionGranted('media', 'station://app/index.html', ['video'])).toBe(true);
    expect(isPermissionGranted('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(isPermissionGranted('media', 'station://other/index.html', ['video'])).toBe(false);
    expect(isPermissionGranted('media', undefined, ['video'])).toBe(false);
  });

  it('refuses the microphone, even bundled with the camera', () => {
    expect(isPermissionGranted('media', 'station://app/', ['audio'])).toBe(false);
    expect(isPermissionGranted('media', 'station://app/', ['video', 'audio'])).toBe(false);
  });

  it('lets the station page, and only it, show system notifications', () => {
    expect(isPermissionGranted('notifications', 'station://app/index.html', undefined)).toBe(true);
    expect(isPermissionGranted('notifications', 'https://evil.example/', undefined)).toBe(false);
  });

  it.each(['geolocation', 'display-capture', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial'])('refuses %s', (permission) => {
    expect(isPermissionGranted(permission, 'station://app/', undefined)).toBe(false);
  });

  it('installs request, check and device handlers that apply the policy', () => {
    const fake = session.defaultSession;
    lockDownSession(fake as never);
    const answers: boolean[] = [];
    fake.permissionRequestHandler!(null, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: 'station://app/index.html', mediaTypes: ['video'] });
    fake.permissionRequestHandler!(null, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    expect(answers).toEqual([true, false]);
    expect(fake.permissionCheckHandler!(null, 'media', 'station://app', { requestingUrl: 'station://app/index.html', mediaType: 'video' })).toBe(true);
    expect(fake.permissionCheckHandler!(null, 'media', 'station://app', { requestingUrl: 'station://app/index.html', mediaType: 'audio' })).toBe(false);
    expect(fake.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });
});
