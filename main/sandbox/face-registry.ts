/**
 * Faces registered with /register_face/, kept in `faces.json` in the data folder so a uuid keeps
 * working across sandbox launches. Each entry is the engine's face descriptor (an embedding, not an
 * image). The file is rewritten atomically after each registration; an unreadable file stops the
 * sandbox at start rather than being overwritten.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomically } from './json-file';

const RegistryFile = z.object({
  version: z.literal(1),
  faces: z.record(z.uuid(), z.object({ embedding: z.array(z.number()).min(1), registeredAt: z.string() })),
});
type RegistryData = z.infer<typeof RegistryFile>;

export interface FaceRegistry {
  embedding(uuid: string): number[] | null;
  /** Stores the embedding under a new uuid and returns it once it is on disk. */
  register(embedding: number[], now: number): Promise<string>;
  readonly size: number;
}

export async function openFaceRegistry(path: string): Promise<FaceRegistry> {
  const raw = await readJsonFile(path);
  let data: RegistryData = { version: 1, faces: {} };
  if (raw !== null) {
    const parsed = RegistryFile.safeParse(raw);
    if (!parsed.success) throw new Error(`${path} is not a sandbox face registry (${parsed.error.issues[0]?.message ?? 'unexpected shape'}); fix or remove it`);
    data = parsed.data;
  }
  // Registrations are written one after another, each with everything registered before it.
  let writing: Promise<void> = Promise.resolve();
  return {
    embedding: (uuid) => data.faces[uuid.toLowerCase()]?.embedding ?? null,
    async register(embedding, now) {
      const uuid = randomUUID();
      data = { ...data, faces: { ...data.faces, [uuid]: { embedding: [...embedding], registeredAt: new Date(now).toISOString() } } };
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
