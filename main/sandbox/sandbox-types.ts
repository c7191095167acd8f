/**
 * Public types and defaults of the training-mode sandbox: a Progeny API v3 look-alike that really
 * analyses the images on this machine. What it mimics, and where it had to guess, follows
 * docs/progeny-api.md; each guess is marked "inferred" where it is made.
 */
import type { FaceAnalyzer } from '../../common/analysis/face';
import type { MrzReader } from '../../common/analysis/mrz-types';
import type { RawImage } from '../../common/analysis/pixels';
import { SANDBOX_SERVICES, type SandboxService } from './progeny-api-spec';
import type { Logger } from '../core/logger';
import type { SandboxQuirk } from './sandbox-quirks';

export interface SandboxUser {
  username: string;
  password: string;
}

/** The one account a sandbox accepts unless told otherwise. Printed by `station sandbox`. */
export const DEFAULT_TRAINING_USER: SandboxUser = { username: 'training', password: 'training' };

/** Documented: "the access token is valid for 5 minutes". */
export const DEFAULT_ACCESS_TTL_SECONDS = 300;
/** Inferred from the sample tokens (refresh.exp − access.exp = 14 days − 300 s). */
export const DEFAULT_REFRESH_TTL_SECONDS = 14 * 24 * 3600;
/** How long a task stays PENDING/STARTED by default: long enough that a client must really poll. */
export const DEFAULT_TASK_DURATION_MS = 1500;
/** Sandbox policy: above every compliant upload (Progeny recommends 1080 px high images). */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Sandbox policy: tasks waiting for the one engine; beyond this POSTs get 503 + Retry-After. */
export const DEFAULT_MAX_QUEUED_TASKS = 32;

/** The part of the analysis engine the sandbox drives (a NodeAnalysis fits). */
export interface SandboxEngine {
  decode(bytes: Uint8Array): Promise<RawImage>;
  faces: FaceAnalyzer;
  mrz: MrzReader;
}

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Where the face registry, the watchlist and the document portraits live. */
  dataDir: string;
  /**
   * 'files' (default, `station sandbox`): registered faces and document portraits are files in
   * dataDir and survive restarts. 'memory' (the station's in-process training sandbox): they stay
   * in this process, so no face, descriptor or portrait is ever written unencrypted; only the
   * (fictional, editable) watchlist is a file.
   */
  personalData?: 'files' | 'memory';
  /** Accounts accepted by /accounts/token/obtain/ (default: training / training). */
  users?: SandboxUser[];
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /** How long a task takes at least (0: finished as soon as its analysis is). */
  taskDurationMs?: number | ((service: SandboxService) => number);
  /** Share (0..1) of API requests answered 503 + Retry-After before any processing. */
  failRate?: number;
  /** An engine to share; otherwise one is created (about a second) and closed on close(). */
  analysis?: SandboxEngine;
  /** Clock in ms, for tests (token expiry, task timing, document age and expiry). */
  now?: () => number;
  /** Request size limit; larger requests get 413 (default 20 MB). */
  maxUploadBytes?: number;
  maxQueuedTasks?: number;
  /** Called for every task created, with its text fields (tests that count tasks per item). */
  onTaskCreated?: (service: SandboxService, fields: Readonly<Record<string, string>>) => void;
  /** Request and task log lines (method, route, status, timings; never names, images or tokens). */
  log?: Logger;
  /** Documented alternatives to serve instead of the primary reading of the docs (sandbox-quirks.ts). */
  quirks?: readonly SandboxQuirk[];
}

export interface SandboxStats {
  /** Successful token obtains. */
  obtains: number;
  /** Successful refreshes. */
  refreshes: number;
  /** Refresh tokens presented again after they were rotated out (a client bug or a replay). */
  refreshReuses: number;
  /** Accepted service POSTs (answered with a task id). */
  posts: Record<SandboxService, number>;
  /** Authenticated task polls. */
  taskGets: number;
  /** /services/ requests refused with 401 (missing, invalid, expired or revoked access token). */
  rejectedAuth: number;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234/api/v3 */
  baseUrl: string;
  close(): Promise<void>;
  stats: SandboxStats;
  /** Every token issued so far stops working (access and refresh), as if an admin revoked them. */
  revokeAllTokens(): void;
  /** The quirks this sandbox serves (empty: the docs' primary reading only). */
  quirks: readonly SandboxQuirk[];
}

export const createStats = (): SandboxStats => ({
  obtains: 0,
  refreshes: 0,
  refreshReuses: 0,
  posts: Object.fromEntries(SANDBOX_SERVICES.map((id) => [id, 0])) as Record<SandboxService, number>,
  taskGets: 0,
  rejectedAuth: 0,
});

/** A finished verification as Progeny reports it inside the task envelope. */
export interface TaskResult {
  status: 200 | 400;
  data: Record<string, unknown>;
}
