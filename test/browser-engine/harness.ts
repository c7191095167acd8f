/**
 * Test-only page: runs the renderer's analysis engine in Chromium under the station's CSP so e2e
 * tests and benchmarks can drive it. Exposes `window.engine`; ships nowhere.
 */
import { guideSelfieFrame } from '../../common/analysis/live-guidance';
import { precheck, type PrecheckResult } from '../../common/analysis/precheck';
import type { ImageRole } from '../../common/analysis/check';
import { createBrowserAnalysis, decodeInBrowser, readFileForPrecheck } from '../../renderer/analysis/browser-analysis';

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const env = createBrowserAnalysis(new URL('engine/', location.href).href);

export interface EngineHarness {
  ready(): Promise<boolean>;
  precheck(role: ImageRole, base64: string): Promise<Omit<PrecheckResult, 'faces'> & { faceCount: number }>;
  /** Pre-checks a `megabytes`-sized file that starts like a JPEG, as if it had been dropped. */
  precheckLargeFile(megabytes: number): Promise<{ verdict: string; messages: string[]; bytesRead: number }>;
  /** Median milliseconds per live-guidance frame (fast detect + guidance) over `frames` runs. */
  guidanceFrameMs(base64: string, frames: number): Promise<{ medianMs: number; prompt: string }>;
}

const harness: EngineHarness = {
  ready: () => env.then(() => true),
  async precheck(role, base64) {
    const { faces, ...rest } = await precheck(role, bytesOf(base64), await env);
    return { ...rest, faceCount: faces.length };
  },
  async precheckLargeFile(megabytes) {
    const head = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    const file = new Blob([head, new Uint8Array(megabytes * 1024 * 1024 - head.length)], { type: 'image/jpeg' });
    const { bytes, totalBytes } = await readFileForPrecheck(file);
    const result = await precheck('selfie', bytes, await env, totalBytes);
    return { verdict: result.verdict, messages: result.checks.filter((c) => c.verdict === 'fail').map((c) => c.message), bytesRead: bytes.length };
  },
  async guidanceFrameMs(base64, frames) {
    const analysis = await env;
    const frame = await decodeInBrowser(bytesOf(base64));
    const times: number[] = [];
    let prompt = '';
    for (let i = 0; i < frames; i += 1) {
      const started = performance.now();
      const faces = await analysis.faces.detect(frame, 'fast');
      prompt = guideSelfieFrame(frame, faces, null, { captureScale: 1080 / frame.height }).prompt;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)]!, prompt };
  },
};

(window as unknown as { engine: EngineHarness }).engine = harness;
