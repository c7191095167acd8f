import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../../main/core/logger';
import { isAllowedExternalUrl, openExternalSafely } from '../../../../main/hosts/electron/external-links';
import { lockDownContents } from '../../../../main/hosts/electron/security';
import { FakeWebContents } from '../../../mocks/electron';

// The shared Electron mock has no `shell`; this file adds one to see what security.ts hands the OS.
const shell = vi.hoisted(() => ({ openExternal: vi.fn((_url: string) => Promise.resolve()) }));
vi.mock('electron', async (importOriginal) => ({ ...(await importOriginal<object>()), shell }));

interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

beforeEach(() => shell.openExternal.mockClear());

describe('isAllowedExternalUrl', () => {
  it.each(['https://docs.progeny.tech/our-api/overview', 'https://progeny.tech/', 'https://DOCS.Progeny.Tech/our-api/token-obtain', 'https://docs.progeny.tech:443/our-api/overview'])(
    'allows %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    ['plain http', 'http://docs.progeny.tech/our-api/overview'],
    ['a foreign host', 'https://evil.example/'],
    ['a look-alike host', 'https://docs.progeny.tech.evil.example/'],
    ['an unlisted subdomain', 'https://upload.progeny.tech/'],
    ['credentials in the URL', 'https://user:secret@docs.progeny.tech/'],
    ['a userinfo trick', 'https://docs.progeny.tech@evil.example/'],
    ['a non-default port', 'https://docs.progeny.tech:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['the station origin', 'station://app/index.html'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('openExternalSafely', () => {
  it('hands an allowlisted link to the OS browser unchanged', () => {
    const log = recordingLogger();
    expect(openExternalSafely('https://docs.progeny.tech/our-api/ocr_card?lang=fr', shell, log)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.progeny.tech/our-api/ocr_card?lang=fr');
    expect(log.lines).toEqual([]);
  });

  it('refuses any other link and logs only its scheme and host', () => {
    const log = recordingLogger();
    expect(openExternalSafely('https://evil.example/collect?token=SeCrEt-Token&name=Jane%20Doe#frag', shell, log)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: 'warn', fields: { target: 'https://evil.example' } });
    const logged = JSON.stringify(log.lines);
    for (const leak of ['SeCrEt-Token', 'Jane', '/collect', 'frag']) expect(logged).not.toContain(leak);
  });

  it('logs a link the OS could not open instead of leaving a rejected promise', async () => {
    const log = recordingLogger();
    shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(openExternalSafely('https://progeny.tech/pricing?ref=station', shell, log)).toBe(true);
    await vi.waitFor(() => expect(log.lines).toHaveLength(1));
    expect(log.lines[0]).toMatchObject({ level: 'warn', fields: { target: 'https://progeny.tech' } });
    expect(JSON.stringify(log.lines)).not.toContain('ref=station');
  });
});

describe('lockDownContents and external links', () => {
  function lockedContents() {
    const contents = new FakeWebContents();
    contents.url = 'station://app/index.html';
    const log = recordingLogger();
    lockDownContents(contents as never, log);
    return { contents, log };
  }

  it('denies every new window but opens an allowlisted link in the OS browser', () => {
    const { contents, log } = lockedContents();
    expect(contents.windowOpenHandler!({ url: 'https://docs.progeny.tech/our-api/overview' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.progeny.tech/our-api/overview');
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/?q=1' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(log.lines).toMatchObject([{ level: 'warn', fields: { target: 'https://evil.example' } }]);
  });

  it('keeps navigation inside the page and sends allowlisted links to the OS browser', () => {
    const { contents, log } = lockedContents();
    expect(contents.fire('will-navigate', 'https://docs.progeny.tech/our-api/overview').defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.progeny.tech/our-api/overview');
    expect(contents.fire('will-navigate', 'http://docs.progeny.tech/').defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(log.lines).toHaveLength(1);
  });

  it('neither opens nor logs the station’s own pages as external links', () => {
    const { contents, log } = lockedContents();
    expect(contents.fire('will-navigate', 'station://app/other.html').defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'station://app/index.html' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'station://app/index.html').defaultPrevented).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(log.lines).toEqual([]);
  });
});
