/**
 * What may reach a log line. Station logs end up in support tickets and on IT staff's screens, so
 * they must carry what the station did, never credentials, customers' personal data or images.
 * Every logger line passes through `redactLogEntry` before any sink sees it.
 *
 * Two layers: by field name (a value under `password`, `fullname`, `documentNumber`… is replaced
 * whole, the key stays so the line still says what was there), and by shape for every string,
 * whatever its field (JWTs, `Bearer …`, `token=…`, MRZ lines, base64 runs, data: URLs), because
 * error messages and free text carry what no field name announces. Document numbers have no shape
 * of their own that would not also match ordinary ids, so they are caught by field name only.
 */

export const REDACTED = '[redacted]';

/** Bounds that keep one careless call from writing megabytes or walking a huge graph. */
export const LOG_LIMITS = {
  /** Longest string kept in a line, after redaction. */
  maxStringLength: 2_000,
  /** Longest string examined at all; the rest is dropped before the patterns run. */
  maxScannedLength: 512 * 1024,
  maxDepth: 8,
  /** Items of an array, or keys of an object, kept per level. */
  maxEntries: 50,
  /** Objects and arrays visited per line. */
  maxContainers: 200,
} as const;

const SECRET_WORDS = new Set(['access', 'refresh', 'token', 'authorization', 'auth', 'cookie', 'password', 'passwd', 'passphrase', 'secret', 'key', 'credential', 'signature', 'pin']);
const PERSONAL_WORDS = new Set([
  'name',
  'fullname',
  'firstname',
  'lastname',
  'surname',
  'givenname',
  'birth',
  'birthdate',
  'dob',
  'email',
  'phone',
  'mobile',
  'address',
  'mrz',
  'uuid',
  'filename',
  'username',
  'nationality',
  'sex',
  'gender',
  // The customer reference (an account or customer number) names the customer as surely as a name.
  'reference',
]);
const DOCUMENT_WORDS = new Set(['document', 'passport', 'card', 'id', 'licence', 'license', 'personal']);
const NUMBER_WORDS = new Set(['number', 'no', 'num', 'nr']);

/** `documentNumber`, `birth_date`, `X-API-Key`, `URLToken` → lower-case words. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The word itself, or its singular: `tokens`, `names`, `given_names`, `addresses`. */
const inSet = (set: ReadonlySet<string>, word: string) => set.has(word) || (word.endsWith('s') && set.has(word.slice(0, -1))) || (word.endsWith('es') && set.has(word.slice(0, -2)));

/** `owner` is the key of the object holding this one: `{ document: { number } }` is a document number too. */
export function isSensitiveKey(key: string, owner = ''): boolean {
  const words = keyWords(key);
  const joined = words.join('');
  if (inSet(SECRET_WORDS, joined) || inSet(PERSONAL_WORDS, joined) || joined === 'dateofbirth' || joined === 'documentnumber') return true;
  if (words.some((word) => inSet(SECRET_WORDS, word) || inSet(PERSONAL_WORDS, word))) return true;
  const context = [...keyWords(owner), ...words];
  return context.some((word) => inSet(DOCUMENT_WORDS, word)) && words.some((word) => NUMBER_WORDS.has(word));
}

const binary = (bytes: number) => `[binary ${bytes} bytes]`;
const base64Bytes = (run: string) => {
  const compact = run.replace(/\s/g, '');
  return Math.max(0, Math.floor((compact.length * 3) / 4) - (compact.match(/=+$/)?.[0].length ?? 0));
};

const DATA_URL = /data:[a-z]+\/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*(;base64)?,[A-Za-z0-9+/=%._~\r\n-]*/gi;
const JWT = /eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2,4}/g;
const BEARER = /\bBearer\s+[^\s"',;]+/gi;
/** Images and other blobs: a run no prose, path or id is this long without a space or a dot. */
const BASE64_RUN = /[A-Za-z0-9+/_-][A-Za-z0-9+/_\r\n-]{199,}={0,2}/g;
const MRZ_RUN = /[A-Z0-9<]{30,}/g;
const QUERY_PAIR = /([A-Za-z][\w.-]{0,40})=([^&#?=\s"',;]*=*)/g;
const QUOTED_PAIR = /(["'])([A-Za-z][\w.-]{0,40})\1(\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,{}[\]"']+)/g;
const COLON_PAIR = /\b([A-Za-z][\w-]{0,40}):([ \t]+)([^\s,;]+)/g;

/**
 * Cuts a string that is too long to scan, dropping the word the cut went through: half a JWT or
 * half an MRZ line no longer matches its pattern and would otherwise slip through.
 */
function cutAtWord(text: string, length: number): string {
  let end = length;
  while (end > 0 && !/\s/.test(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}

/** The shape-based layer: every string of a line goes through it, whatever its field. */
export function redactText(text: string): string {
  let result = text.length > LOG_LIMITS.maxScannedLength ? cutAtWord(text, LOG_LIMITS.maxScannedLength) : text;
  result = result
    .replace(DATA_URL, (url, isBase64: string | undefined) => {
      const payload = url.slice(url.indexOf(',') + 1);
      return binary(isBase64 ? base64Bytes(payload) : payload.length);
    })
    .replace(JWT, REDACTED)
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(BASE64_RUN, (run) => binary(base64Bytes(run)))
    .replace(MRZ_RUN, (run) => (run.split('<').length > 3 ? REDACTED : run))
    .replace(QUERY_PAIR, (pair, key: string) => (isSensitiveKey(key) ? `${key}=${REDACTED}` : pair))
    .replace(QUOTED_PAIR, (pair, quote: string, key: string, separator: string) => (isSensitiveKey(key) ? `${quote}${key}${quote}${separator}"${REDACTED}"` : pair))
    .replace(COLON_PAIR, (pair, key: string, space: string) => (isSensitiveKey(key) ? `${key}:${space}${REDACTED}` : pair));
  // Cutting what is already redacted can only remove: a plain slice is safe here.
  if (result.length > LOG_LIMITS.maxStringLength) result = `${result.slice(0, LOG_LIMITS.maxStringLength)}… [truncated, ${text.length} characters]`;
  return result;
}

interface Walk {
  containers: number;
  /** Objects on the path from the root: a repeat is a cycle, a shared reference elsewhere is not. */
  ancestors: Set<object>;
}

/** No secret or personal data fits in these, and keeping them says e.g. whether a token was there. */
const carriesNothing = (value: unknown) => value === null || value === undefined || typeof value === 'boolean';

function redactEntries(entries: Iterable<[string, unknown]>, walk: Walk, depth: number, owner: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [key, value] of entries) {
    count += 1;
    if (count <= LOG_LIMITS.maxEntries) out[redactText(key)] = isSensitiveKey(key, owner) && !carriesNothing(value) ? REDACTED : redactValue(value, walk, depth + 1, key);
  }
  if (count > LOG_LIMITS.maxEntries) out['…'] = `[${count - LOG_LIMITS.maxEntries} more keys]`;
  return out;
}

/** Own enumerable properties, each read on its own: one throwing getter must not lose the line. */
function* readableEntries(object: object): Generator<[string, unknown]> {
  for (const key of Object.keys(object)) {
    let value: unknown;
    try {
      value = (object as Record<string, unknown>)[key];
    } catch {
      value = '[unreadable]';
    }
    yield [key, value];
  }
}

/** `owner`: the key this value sits under (an array passes it on to its items). */
function redactObject(value: object, walk: Walk, depth: number, owner: string): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = value.slice(0, LOG_LIMITS.maxEntries).map((item) => redactValue(item, walk, depth + 1, owner));
    if (value.length > LOG_LIMITS.maxEntries) items.push(`[${value.length - LOG_LIMITS.maxEntries} more items]`);
    return items;
  }
  if (value instanceof Map)
    return redactEntries(
      [...value].map(([key, item]) => [String(key), item] as [string, unknown]),
      walk,
      depth,
      owner,
    );
  if (value instanceof Set) return redactObject([...value], walk, depth, owner);
  const record = value as Record<string, unknown>;
  // A Buffer that went through JSON.parse(JSON.stringify(…)) on its way here.
  if (record.type === 'Buffer' && Array.isArray(record.data)) return binary(record.data.length);
  if (typeof record.toJSON === 'function') return redactValue((record.toJSON as () => unknown)(), walk, depth, owner);
  return redactEntries(readableEntries(value), walk, depth, owner);
}

function redactValue(value: unknown, walk: Walk, depth: number, owner: string): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol' || typeof value === 'function') return `[${typeof value}]`;
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return binary(value.byteLength);
  if (value instanceof ArrayBuffer) return binary(value.byteLength);
  // Stacks, causes and the extra properties of HTTP errors (their request, with its headers) stay out.
  if (value instanceof Error) return { name: redactText(value.name), message: redactText(value.message) };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (walk.ancestors.has(value)) return '[circular]';
  if (depth >= LOG_LIMITS.maxDepth) return '[nested too deep]';
  walk.containers += 1;
  if (walk.containers > LOG_LIMITS.maxContainers) return '[omitted]';
  walk.ancestors.add(value);
  try {
    return redactObject(value, walk, depth, owner);
  } finally {
    walk.ancestors.delete(value);
  }
}

/** A redacted copy of one log entry (its message, context fields and everything nested in them). */
export function redactLogEntry(entry: Record<string, unknown>): Record<string, unknown> {
  return redactEntries(readableEntries(entry), { containers: 0, ancestors: new Set() }, -1, '');
}
