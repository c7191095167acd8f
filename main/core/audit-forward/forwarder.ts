import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { hostname as osHostname } from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import type { Logger } from '../logger';
import type { AuditOutbox } from './outbox';
import { formatSyslog, frame } from './syslog-message';

/** Where audit entries go: a syslog collector over TCP, optionally TLS checked against a CA file. */
export interface AuditForwardConfig {
  host: string;
  port: number;
  tls?: boolean | undefined;
  /** PEM file of the CA that signed the collector's certificate (else the system's CAs). */
  caFile?: string | undefined;
}

export interface AuditForwardState {
  collector: string;
  connected: boolean;
  /** Entries not yet known to be at the collector. */
  outboxDepth: number;
  deliveredSeq: number;
  /** When the collector last took an entry (ms since the epoch), null if never during this run. */
  lastDeliveredAt: number | null;
  lastError: string | null;
}

export interface AuditForwarder {
  /** Something was appended: send it soon (the forwarder also polls, for entries other processes append). */
  wake(): void;
  state(): AuditForwardState;
  close(): Promise<void>;
}

export interface AuditForwarderOptions {
  outbox: AuditOutbox;
  config: AuditForwardConfig;
  log: Logger;
  hostname?: string;
  /** Reconnection back-off: first wait, doubling up to the maximum. */
  retry?: { initialMs: number; maxMs: number };
  /**
   * Plain TCP syslog has no acknowledgement: an entry counts as delivered once the connection has
   * stayed up this long after the entry left this computer. Entries written just before the
   * collector went away are sent again (the SIEM drops repeats by `seq`), so none is lost.
   */
  confirmMs?: number;
  /** How often to look for new entries and settle confirmations. */
  tickMs?: number;
  batch?: number;
  now?: () => number;
}

const HIGH_WATER = 256 * 1024;

export function startAuditForwarder(options: AuditForwarderOptions): AuditForwarder {
  const { outbox, config, log } = options;
  const now = options.now ?? Date.now;
  const retry = options.retry ?? { initialMs: 1_000, maxMs: 60_000 };
  const confirmMs = options.confirmMs ?? 2_000;
  const tickMs = options.tickMs ?? 250;
  const batch = options.batch ?? 200;
  const host = { hostname: options.hostname ?? osHostname(), procId: process.pid };
  const collector = `${config.host}:${config.port}`;

  let socket: Socket | null = null;
  let connected = false;
  let closed = false;
  let deliveredSeq = outbox.delivered();
  let sentSeq = deliveredSeq;
  /** Written batches waiting for their confirmation time: last seq of each and when it was flushed. */
  let inflight: { seq: number; flushedAt: number | null }[] = [];
  let delay = retry.initialMs;
  let nextAttemptAt = 0;
  let lastDeliveredAt: number | null = null;
  let lastError: string | null = null;
  let loggedDown = false;

  const dropConnection = (reason: string) => {
    if (!socket) return;
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.destroy();
    socket = null;
    connected = false;
    // Whatever was not confirmed goes again, in order, on the next connection.
    sentSeq = deliveredSeq;
    inflight = [];
    lastError = reason;
    nextAttemptAt = now() + delay;
    delay = Math.min(delay * 2, retry.maxMs);
    if (!loggedDown && !closed) log.warn('audit forwarding: collector unreachable, will retry', { collector, reason });
    loggedDown = true;
  };

  const openSocket = () => {
    nextAttemptAt = Number.POSITIVE_INFINITY;
    let created: Socket;
    try {
      created = config.tls
        ? tlsConnect({ host: config.host, port: config.port, servername: config.host, ...(config.caFile ? { ca: readFileSync(config.caFile) } : {}) })
        : netConnect({ host: config.host, port: config.port });
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      nextAttemptAt = now() + delay;
      delay = Math.min(delay * 2, retry.maxMs);
      return;
    }
    socket = created;
    created.setNoDelay(true);
    created.setKeepAlive(true, 10_000);
    created.on(config.tls ? 'secureConnect' : 'connect', () => {
      connected = true;
      delay = retry.initialMs;
      lastError = null;
      if (loggedDown) log.info('audit forwarding: collector reachable again', { collector });
      loggedDown = false;
      pump();
    });
    created.on('error', (error: NodeJS.ErrnoException) => dropConnection(error.code ?? error.message));
    created.on('end', () => dropConnection('closed by the collector'));
    created.on('close', () => dropConnection('connection closed'));
    created.on('drain', () => pump());
  };

  const pump = () => {
    if (!socket || !connected || closed) return;
    while (socket.writableLength < HIGH_WATER) {
      const entries = outbox.pending(sentSeq, batch);
      if (entries.length === 0) return;
      const bytes = Buffer.concat(entries.map((entry) => frame(formatSyslog(entry, host))));
      const mark: { seq: number; flushedAt: number | null } = { seq: entries[entries.length - 1]!.seq, flushedAt: null };
      inflight.push(mark);
      sentSeq = mark.seq;
      const current = socket;
      current.write(bytes, (error) => {
        if (!error && current === socket) mark.flushedAt = now();
      });
    }
  };

  const confirm = () => {
    if (!connected) return;
    const settledBefore = now() - confirmMs;
    let seq = deliveredSeq;
    while (inflight.length > 0 && inflight[0]!.flushedAt !== null && inflight[0]!.flushedAt <= settledBefore) seq = inflight.shift()!.seq;
    if (seq > deliveredSeq) {
      deliveredSeq = seq;
      const at = now();
      lastDeliveredAt = at;
      outbox.markDelivered(seq, at);
    }
  };

  const tick = () => {
    if (closed) return;
    try {
      if (socket) {
        confirm();
        pump();
      } else if (now() >= nextAttemptAt && outbox.depth() > 0) openSocket();
    } catch (error) {
      // The store closing under a tick, a disk error: say so, keep the cursor where it is.
      lastError = error instanceof Error ? error.message : String(error);
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  tick();

  return {
    wake: () => {
      if (socket) pump();
      else if (now() >= nextAttemptAt) tick();
    },
    state: () => {
      let outboxDepth = 0;
      try {
        outboxDepth = outbox.depth();
      } catch {
        outboxDepth = 0;
      }
      return { collector, connected, outboxDepth, deliveredSeq, lastDeliveredAt, lastError };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      const current = socket;
      if (!current) return;
      // What is confirmed stays confirmed; the rest goes again at the next start.
      await new Promise<void>((done) => {
        current.removeAllListeners();
        current.on('error', () => done());
        current.end(() => done());
        setTimeout(done, 500).unref();
      });
      current.destroy();
      socket = null;
    },
  };
}
