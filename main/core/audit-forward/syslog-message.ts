import type { AuditAction, JsonValue } from '../store/audit-log';

/**
 * One audit entry as an RFC 5424 syslog message, framed for TCP by octet counting (RFC 6587 §3.4.1):
 *
 *   <110>1 2026-12-02T13:40:55.123Z desk-17 progeny-station 4242 submit [audit@32473 seq="12" hash="…" prev="…" actor="jdoe" action="submit"][details@32473 verification="…" service="kyc_passport"] -
 *
 * Facility 13 (log audit), severity 6 (informational). `seq` and `hash` (the entry's chain MAC, hex)
 * let the SIEM detect a gap or a replaced entry. Only ids, actions and closed-list values leave the
 * station: details go through `safeDetails`, which drops every free-text value (reasons, names,
 * addresses). SECURITY.md lists what is sent. 32473 is IANA's example enterprise number (RFC 5612).
 */

export interface ForwardedEntry {
  seq: number;
  at: number;
  actor: string;
  action: AuditAction;
  details: { [key: string]: JsonValue };
  /** This entry's chain MAC and the previous one's, hex. */
  hash: string;
  prevHash: string;
}

export const SYSLOG_APP_NAME = 'progeny-station';
const PRI = 13 * 8 + 6;
/** Structured-data ids: name@private enterprise number. */
const SD_AUDIT = 'audit@32473';
const SD_DETAILS = 'details@32473';

/**
 * Detail keys that only ever hold ids, counts, flags or closed-list words. A key not listed here is
 * never sent, whatever its value; `reason` only for the lock (an enum there, free text on an override).
 */
const SAFE_DETAIL_KEYS = new Set([
  'verification',
  'verifications',
  'service',
  'mode',
  'decision',
  'changed',
  'remembered',
  'set',
  'format',
  'images',
  'tampered',
  'refusal',
  'failures',
  'operation',
  'checks',
  'credentialsCleared',
  'recordsDeleted',
  'imagesDeleted',
  'imagesAfterDays',
  'recordsAfterDays',
  'schemaVersion',
  'rowsBound',
  'unreadableCandidates',
]);
/** Ids (uuids), service names, check names, enum words: never a space, never an address. */
const TOKEN = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_LIST = 50;

const safeScalar = (value: JsonValue): string | null => {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') return TOKEN.test(value) ? value : null;
  return null;
};

/** The details a SIEM may see, as strings; everything else is left out. */
export function safeDetails(action: AuditAction, details: { [key: string]: JsonValue }): [string, string][] {
  const out: [string, string][] = [];
  for (const key of Object.keys(details).sort()) {
    if (!SAFE_DETAIL_KEYS.has(key) && !(key === 'reason' && action === 'lock')) continue;
    const value = details[key]!;
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_LIST).map(safeScalar);
      if (items.every((item) => item !== null)) out.push([key, items.join(',')]);
      else if (value.every((item) => typeof item === 'string')) out.push([`${key}Count`, String(value.length)]);
      continue;
    }
    const scalar = safeScalar(value);
    if (scalar !== null) out.push([key, scalar]);
  }
  return out;
}

/** RFC 5424 §6.3.3: `"`, `\` and `]` are escaped inside a PARAM-VALUE. */
const escapeParam = (value: string) => value.replace(/[\\"\]]/g, (c) => `\\${c}`);
/** HOSTNAME, APP-NAME, MSGID: printable US-ASCII without spaces, or NILVALUE. */
const header = (value: string, max: number) => {
  const cleaned = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return cleaned === '' ? '-' : cleaned;
};
const element = (id: string, params: [string, string][]) => `[${id}${params.map(([k, v]) => ` ${k}="${escapeParam(v)}"`).join('')}]`;

export function formatSyslog(entry: ForwardedEntry, host: { hostname: string; procId: number | string }): string {
  const audit = element(SD_AUDIT, [
    ['seq', String(entry.seq)],
    ['hash', entry.hash],
    ['prev', entry.prevHash],
    ['actor', entry.actor],
    ['action', entry.action],
  ]);
  const details = safeDetails(entry.action, entry.details);
  const sd = details.length > 0 ? audit + element(SD_DETAILS, details) : audit;
  return `<${PRI}>1 ${new Date(entry.at).toISOString()} ${header(host.hostname, 255)} ${SYSLOG_APP_NAME} ${header(String(host.procId), 128)} ${header(entry.action, 32)} ${sd} -`;
}

/** RFC 6587 octet-counting: the message's length in bytes, a space, the message. */
export const frame = (message: string): Buffer => {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
};
