/**
 * Faces registered with /register_face/, kept in `faces.json` in the data folder so a uuid keeps
 * working across sandbox launches. Each entry is the engine's face descriptor (an embedding, not an
 * image) and the version of the method that made it. The file is rewritten atomically after each
 * registration; an unreadable file stops the sandbox at start rather than being overwritten.
 *
 * Descriptors of different methods are not comparable: version 1 took the descriptor off the face
 * where the detector boxed it in the whole photo; version 2 takes it off a normalised, mirrored crop
 * (face-embedding.ts), which scores the same person far higher. A version-1 entry cannot be
 * converted (the photo is not kept), so it is kept on disk but refused: authenticate_face answers
 * that the face must be registered again, rather than a false "does not match".
 *
 * Without a path (the station's own training sandbox) the registry lives in memory only: a face
 * descriptor is biometric data, and the station keeps no personal data unencrypted on disk. Faces
 * registered in training then last until the station closes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomically } from './json-file';

/** The descriptor method new registrations use (face-embedding.ts). Raise it when that method changes. */
export const DESCRIPTOR_VERSION = 2;

const Entry = z.object({ embedding: z.array(z.number()).min(1), registeredAt: z.string() });
/** Registries written before descriptors carried a version: every entry is version 1. */
const RegistryFileV1 = z.object({ version: z.literal(1), faces: z.record(z.uuid(), Entry) });
const RegistryFileV2 = z.object({ version: z.literal(2), faces: z.record(z.uuid(), Entry.extend({ descriptor: z.number().int().min(1) })) });
const RegistryFile = z.union([RegistryFileV1, RegistryFileV2]);
type RegistryData = z.infer<typeof RegistryFileV2>;

/** What a uuid holds: a usable descriptor, one made by an older method, or nothing. */
export type RegisteredFace = { status: 'current'; embedding: number[] } | { status: 'outdated'; descriptor: number } | { status: 'unknown' };

export interface FaceRegistry {
  lookup(uuid: string): RegisteredFace;
  /** The descriptor under `uuid` when it was made by the current method; null otherwise. */
  embedding(uuid: string): number[] | null;
  /** Stores the embedding (made by the current method) under a new uuid and returns it once it is on disk. */
  register(embedding: number[], now: number): Promise<string>;
  readonly size: number;
}

function upgrade(file: z.infer<typeof RegistryFile>): RegistryData {
  if (file.version === 2) return file;
  return { version: 2, faces: Object.fromEntries(Object.entries(file.faces).map(([uuid, entry]) => [uuid, { ...entry, descriptor: 1 }])) };
}

export async function openFaceRegistry(path: string | null): Promise<FaceRegistry> {
  const raw = path === null ? null : await readJsonFile(path);
  let data: RegistryData = { version: 2, faces: {} };
  if (raw !== null) {
    const parsed = RegistryFile.safeParse(raw);
    if (!parsed.success) throw new Error(`${path} is not a sandbox face registry (${parsed.error.issues[0]?.message ?? 'unexpected shape'}); fix or remove it`);
    data = upgrade(parsed.data);
  }
  // Registrations are written one after another, each with everything registered before it.
  let writing: Promise<void> = Promise.resolve();
  const lookup = (uuid: string): RegisteredFace => {
    const entry = data.faces[uuid.toLowerCase()];
    if (!entry) return { status: 'unknown' };
    return entry.descriptor === DESCRIPTOR_VERSION ? { status: 'current', embedding: entry.embedding } : { status: 'outdated', descriptor: entry.descriptor };
  };
  return {
    lookup,
    embedding(uuid) {
      const face = lookup(uuid);
      return face.status === 'current' ? face.embedding : null;
    },
    async register(embedding, now) {
      const uuid = randomUUID();
      data = { ...data, faces: { ...data.faces, [uuid]: { embedding: [...embedding], registeredAt: new Date(now).toISOString(), descriptor: DESCRIPTOR_VERSION } } };
      if (path === null) return uuid;
      const snapshot = data;
      const write = writing.then(() => writeJsonAtomically(path, snapshot));
      writing = write.catch(() => undefined);
      await write;
      return uuid;
    },
    get size() {
      return Object.keys(data.faces).length;
    },
  };
}
