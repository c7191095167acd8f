/**
 * Registries written before descriptors came from the normalised face crop hold descriptors that
 * cannot be compared with today's: they are kept, marked version 1, and refused with a clear
 * "register again" instead of a false "does not match".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR_VERSION, openFaceRegistry } from '../../../main/sandbox/face-registry';
import { createMediaStore } from '../../../main/sandbox/media-store';
import { OUTDATED_REGISTRATION, runService, type ResultContext } from '../../../main/sandbox/sandbox-results';
import type { SandboxEngine } from '../../../main/sandbox/sandbox-types';
import { fixture, nodeAnalysis } from '../analysis/analysis-env';

const OLD_UUID = '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f';
/** A registry as version 1 of the sandbox wrote it: descriptors without a version. */
const versionOneFile = (embedding: number[]) => ({ version: 1, faces: { [OLD_UUID]: { embedding, registeredAt: '2026-01-05T10:00:00.000Z' } } });

function registryPath(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'face-registry-')), 'faces.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('face registry descriptor versions', () => {
  it('opens a version-1 registry, marks its faces outdated and keeps them when it writes', async () => {
    const path = registryPath(versionOneFile([0.1, 0.2, 0.3]));
    const registry = await openFaceRegistry(path);
    expect(registry.lookup(OLD_UUID)).toEqual({ status: 'outdated', descriptor: 1 });
    expect(registry.embedding(OLD_UUID)).toBeNull();
    expect(registry.lookup('00000000-0000-4000-8000-000000000000')).toEqual({ status: 'unknown' });

    const uuid = await registry.register([0.4, 0.5], Date.UTC(2026, 11, 2));
    expect(registry.lookup(uuid)).toEqual({ status: 'current', embedding: [0.4, 0.5] });
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.version).toBe(2);
    expect(file.faces[OLD_UUID]).toEqual({ embedding: [0.1, 0.2, 0.3], registeredAt: '2026-01-05T10:00:00.000Z', descriptor: 1 });
    expect(file.faces[uuid]).toMatchObject({ embedding: [0.4, 0.5], descriptor: DESCRIPTOR_VERSION });

    const reopened = await openFaceRegistry(path);
    expect(reopened.lookup(OLD_UUID).status).toBe('outdated');
    expect(reopened.embedding(uuid)).toEqual([0.4, 0.5]);
    expect(reopened.size).toBe(2);
  });

  it('still refuses a damaged registry of either version', async () => {
    await expect(openFaceRegistry(registryPath({ version: 2, faces: { [OLD_UUID]: { embedding: [0.1], registeredAt: 'x' } } }))).rejects.toThrow(/not a sandbox face registry/);
    await expect(openFaceRegistry(registryPath({ version: 3, faces: {} }))).rejects.toThrow(/not a sandbox face registry/);
  });
});

describe('authenticate_face against an upgraded registry (real engine, real photos)', () => {
  let engine: SandboxEngine;
  let ctx: ResultContext;
  const inputs = (image: string, uuid: string) => ({ files: { image: fixture(image) }, fields: { uuid }, extendData: false });

  beforeAll(async () => {
    engine = await nodeAnalysis();
    // The old entry holds a real descriptor made the old way: the face as boxed in the whole photo.
    const [face] = await engine.faces.detect(await engine.decode(fixture('selfie-good-a.jpg')), 'full');
    const path = registryPath(versionOneFile(face!.embedding!));
    const dir = join(path, '..');
    // authenticate_face and register_face use neither the watchlist nor stored media.
    ctx = { engine, registry: await openFaceRegistry(path), watchlist: null as never, media: createMediaStore(dir, () => 'http://127.0.0.1'), now: () => Date.UTC(2026, 11, 2) };
  }, 120_000);
  afterAll(async () => (await nodeAnalysis()).close());

  it('asks for the face to be registered again instead of comparing old and new descriptors', async () => {
    const result = await runService('authenticate_face', inputs('selfie-face-400.jpg', OLD_UUID), ctx);
    expect(result).toEqual({ status: 400, data: { authentication: { result: false }, issues: { authentication: { FACE_REGISTRATION_OUTDATED: OUTDATED_REGISTRATION } } } });
    expect(OUTDATED_REGISTRATION).toMatch(/register the face again/);
  });

  it('authenticates the same person once registered again', async () => {
    const registered = await runService('register_face', inputs('selfie-good-a.jpg', ''), ctx);
    const uuid = (registered.data as { uuid: string }).uuid;
    expect(ctx.registry.lookup(uuid).status).toBe('current');
    const result = await runService('authenticate_face', inputs('selfie-face-400.jpg', uuid), ctx);
    expect(result.status).toBe(200);
    expect((result.data as { authentication: { result: boolean } }).authentication.result).toBe(true);
  }, 60_000);
});
