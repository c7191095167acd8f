/**
 * Which spelling of each service path a server answers. The docs give two for some services
 * (face_liveness vs liveness; register_face with and without its slash: docs/progeny-api.md §1.3,
 * §4.1): the client tries the documented primary first, the alternative once on a 404, and keeps
 * what worked per server (base URL), so the next request goes straight to it and `station doctor`
 * can show it. The file is small, plain JSON (paths only, nothing personal) and validated on read:
 * a file that does not match is ignored, never trusted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isServiceId, SERVICES, type ServiceId } from '../../../common/services/catalog';
import type { Logger } from '../logger';

export const SERVICE_PATHS_FILE = 'progeny-paths.json';

/** What worked, per server base URL and service. */
export interface PathMemory {
  /** The path that last worked for `service` on `baseUrl`, or null when none is known. */
  get(baseUrl: string, service: ServiceId): string | null;
  remember(baseUrl: string, service: ServiceId, path: string): void;
  /** Everything known for `baseUrl`. */
  forServer(baseUrl: string): Partial<Record<ServiceId, string>>;
}

/** The paths the catalog allows for `service`: only these may ever be remembered or tried. */
const knownPaths = (service: ServiceId): readonly string[] => [SERVICES[service].path, ...SERVICES[service].alternativePaths];

/** The order to try: what worked last on this server, then the other documented spellings. */
export function pathsToTry(service: ServiceId, remembered: string | null): string[] {
  const known = knownPaths(service);
  const first = remembered !== null && known.includes(remembered) ? remembered : known[0]!;
  return [first, ...known.filter((path) => path !== first)];
}

/** One key per server however its address was typed (a trailing slash, upper-case host). */
export function serverKey(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}

const FileSchema = z
  .object({
    version: z.literal(1),
    servers: z.record(z.string().max(400), z.record(z.string(), z.string().max(200))),
  })
  .strict();
type PathsFile = z.infer<typeof FileSchema>;

/** Keeps only entries naming a known service and one of its documented paths. */
function sanitise(file: PathsFile): PathsFile['servers'] {
  const servers: PathsFile['servers'] = {};
  for (const [server, services] of Object.entries(file.servers)) {
    const kept: Record<string, string> = {};
    for (const [service, path] of Object.entries(services)) if (isServiceId(service) && knownPaths(service).includes(path)) kept[service] = path;
    servers[server] = kept;
  }
  return servers;
}

function createPathMemory(initial: PathsFile['servers'], save: (servers: PathsFile['servers']) => void): PathMemory {
  const servers = initial;
  return {
    get(baseUrl, service) {
      return servers[serverKey(baseUrl)]?.[service] ?? null;
    },
    remember(baseUrl, service, path) {
      if (!knownPaths(service).includes(path)) return;
      const key = serverKey(baseUrl);
      if (servers[key]?.[service] === path) return;
      servers[key] = { ...(servers[key] ?? {}), [service]: path };
      save(servers);
    },
    forServer(baseUrl) {
      return { ...(servers[serverKey(baseUrl)] ?? {}) };
    },
  };
}

/** For training mode and tests: nothing written (the sandbox's port changes every start). */
export const inMemoryPaths = (): PathMemory => createPathMemory({}, () => undefined);

/** The memory kept in `file`; an unreadable or invalid file starts empty (and is replaced on the next change). */
export function openPathMemoryFile(file: string, log: Logger): PathMemory {
  let initial: PathsFile['servers'] = {};
  try {
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) initial = sanitise(parsed.data);
    else log.warn('service paths file ignored: not in the expected form', { file });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('service paths file ignored: unreadable', { file });
  }
  return createPathMemory(initial, (servers) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ version: 1, servers }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    } catch (error) {
      // Only a cache: the next start tries the primary path again.
      log.warn('service paths not saved', { error: error instanceof Error ? error.message : String(error) });
    }
  });
}
