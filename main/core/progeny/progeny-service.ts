import type { Mode } from '../../../common/vocabulary';
import type { Logger } from '../logger';
import { createProgenyClient, type ProgenyClient, type ServerPaths } from './progeny-client';
import { isProgenyError, ProgenyError } from './progeny-error';
import { createProgenyHttp, type ProgenyHttp } from './progeny-http';
import { inMemoryPaths, type PathMemory } from './service-paths';
import { createTokenManager, fixedCredentials, type CredentialsSource, type Credentials } from './token-manager';

export type StationMode = Mode;
export type Connectivity = 'unknown' | 'online' | 'offline';

/** A running training server (the sandbox), started in-process on a random loopback port. */
export interface TrainingServer {
  baseUrl: string;
  credentials: Credentials;
  close(): Promise<void>;
}

export interface ProgenyConfig {
  mode: StationMode;
  /** Live only: the API base URL. */
  baseUrl: string;
  credentials: CredentialsSource;
}

/** Watches every exchange: an answer (any status) means online; a failure to reach means offline. */
function trackConnectivity(http: ProgenyHttp, set: (c: Connectivity) => void): ProgenyHttp {
  return async (request) => {
    try {
      const response = await http(request);
      set('online');
      return response;
    } catch (error) {
      if (isProgenyError(error) && (error.kind === 'offline' || error.kind === 'timeout')) set('offline');
      else if (isProgenyError(error) && error.kind !== 'cancelled') set('online');
      throw error;
    }
  };
}

export interface ProgenyService {
  readonly mode: StationMode;
  readonly connectivity: Connectivity;
  /** The client, once the server (live, or the training sandbox) is ready. */
  client(): Promise<ProgenyClient>;
  /** A cheap request that proves the server answers (signing in). */
  probe(): Promise<Connectivity>;
  /** The server this service talks to and the credentials it presents (the training sandbox's once started), for `station doctor`. */
  target(): Promise<ProgenyTarget>;
  close(): Promise<void>;
}

export interface ProgenyTarget {
  mode: StationMode;
  baseUrl: string;
  credentials: CredentialsSource;
  /** The service-path memory for this server. */
  paths: PathMemory;
}

export interface ProgenyServiceOptions {
  config: ProgenyConfig;
  /** Starts the sandbox for training mode (injected by the host; tests may pass their own). */
  startTraining: () => Promise<TrainingServer>;
  log: Logger;
  onChange?: () => void;
  /** Which service-path spelling worked, per live server (service-paths.ts); training keeps it in memory only. */
  paths?: PathMemory;
}

export function createProgenyService({ config, startTraining, log, onChange, paths: livePaths }: ProgenyServiceOptions): ProgenyService {
  let connectivity: Connectivity = 'unknown';
  let training: TrainingServer | null = null;
  const set = (next: Connectivity) => {
    if (next !== connectivity) {
      connectivity = next;
      onChange?.();
    }
  };

  // Started on first use, not at construction: the host gets its window or web page up first, and
  // only then pays for the training sandbox's engine.
  let ready: Promise<ProgenyClient> | null = null;
  let current: ProgenyTarget | null = null;
  let closed = false;
  const start = (): Promise<ProgenyClient> => {
    // A closed service must not start a sandbox nobody would close.
    if (closed) return Promise.reject(new ProgenyError('cancelled', 'The connection to Progeny was closed.', 'automatic', 'no'));
    return (ready ??= build());
  };
  const build = async (): Promise<ProgenyClient> => {
    try {
      return await connect();
    } catch (error) {
      log.error('progeny client could not start', { error: error instanceof Error ? error.message : String(error) });
      set('offline');
      // Forget the failure, so the next probe tries again (the sandbox may start next time).
      ready = null;
      throw error;
    }
  };
  const connect = async (): Promise<ProgenyClient> => {
    let baseUrl = config.baseUrl;
    let credentials = config.credentials;
    if (config.mode === 'training') {
      training = await startTraining();
      baseUrl = training.baseUrl;
      credentials = fixedCredentials(training.credentials);
      log.info('training sandbox started', { baseUrl });
    }
    // The sandbox's port changes at every start: nothing about it is worth remembering on disk.
    const paths = config.mode === 'live' && livePaths ? livePaths : inMemoryPaths();
    current = { mode: config.mode, baseUrl, credentials, paths };
    const http = trackConnectivity(createProgenyHttp({ baseUrl }), set);
    const servicePaths: ServerPaths = { get: (service) => paths.get(baseUrl, service), remember: (service, path) => paths.remember(baseUrl, service, path) };
    return createProgenyClient({ http, servicePaths, tokens: createTokenManager({ http, credentials, onStateChange: (state) => log.info('progeny session', { state }) }) });
  };

  return {
    mode: config.mode,
    get connectivity() {
      return connectivity;
    },
    client: start,
    async probe() {
      try {
        await (await start()).tokens.accessToken();
      } catch {
        // connectivity was set by the exchange itself (or stays as it was for credential problems)
      }
      return connectivity;
    },
    async target() {
      await start();
      if (!current) throw new ProgenyError('cancelled', 'The connection to Progeny was closed.', 'automatic', 'no');
      return current;
    },
    async close() {
      closed = true;
      await ready?.catch(() => undefined);
      await training?.close();
    },
  };
}

export interface SwitchableProgeny extends ProgenyService {
  /** Replaces the running service with one for `config` (mode switch, new server, sign-in/out). */
  switchTo(config: ProgenyConfig): Promise<void>;
}

/**
 * The station's one Progeny service, whose mode and server the operator can change while it runs.
 * Callers keep this object; what it delegates to is replaced and the old one closed.
 */
export function createSwitchableProgeny(options: ProgenyServiceOptions): SwitchableProgeny {
  let current = createProgenyService(options);
  return {
    get mode() {
      return current.mode;
    },
    get connectivity() {
      return current.connectivity;
    },
    client: () => current.client(),
    probe: () => current.probe(),
    target: () => current.target(),
    close: () => current.close(),
    async switchTo(config) {
      const previous = current;
      current = createProgenyService({ ...options, config });
      options.onChange?.();
      await previous.close();
    },
  };
}
