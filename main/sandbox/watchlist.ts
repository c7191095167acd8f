/**
 * The background-check watchlist: `watchlist.json` in the data folder, editable by hand (re-read
 * whenever it changes). Created on first start with a few clearly fictional entries; an invalid
 * file stops the sandbox at start with the reason and is never overwritten. If it becomes invalid
 * while running, the last valid version stays in use and a warning is logged.
 *
 * Screening (sandbox design; the docs only show a no-hit result with risk_level "unknown"):
 * names are compared as sets of words after normalising case, accents and punctuation, so given
 * names may come in any order and "Eriksson, Anna-Maria" equals "Anna Maria Eriksson". A watchlist
 * name also matches when all its words appear in the query (a middle name the list lacks), and the
 * other way round, as long as at least two words agree. risk_level: "high" when a hit's birth date
 * equals the query's too, "medium" for a name-only hit, "low" when nothing matched.
 */
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../core/logger';
import { readJsonFile, writeJsonAtomically } from './json-file';
import { isIsoDate } from './service-validation';

const Entry = z.object({
  name: z.string().trim().min(1),
  birth_date: z.string().refine(isIsoDate, 'birth_date must be a real date written YYYY-MM-DD').nullable(),
  list: z.string().trim().min(1),
  reason: z.string(),
});
const WatchlistFile = z.object({ version: z.literal(1), entries: z.array(Entry) });
export type WatchlistEntry = z.infer<typeof Entry>;

export const STARTER_WATCHLIST: z.infer<typeof WatchlistFile> = {
  version: 1,
  entries: [
    { name: 'Anna Maria Eriksson', birth_date: '1974-08-12', list: 'SANDBOX SANCTIONS (FICTIONAL)', reason: 'Training entry: the ICAO Doc 9303 specimen passport holder of Utopia' },
    { name: 'Max Mustermann', birth_date: '1964-08-12', list: 'SANDBOX PEP (FICTIONAL)', reason: 'Training entry: the German specimen name, listed as a politically exposed person' },
    { name: 'Olga Testova', birth_date: null, list: 'SANDBOX ADVERSE MEDIA (FICTIONAL)', reason: 'Training entry without a birth date: can only ever be a name match' },
    { name: 'John Quincy Sandbox', birth_date: '1980-01-01', list: 'SANDBOX SANCTIONS (FICTIONAL)', reason: 'Training entry for screening exercises' },
  ],
};

export interface BackgroundCheck {
  potential_match: boolean;
  risk_level: 'high' | 'medium' | 'low';
  total_matches: number;
  hits: Array<{ name: string; birth_date: string | null; list: string; reason: string }>;
}

/** Lower-case words without accents or punctuation, as a sorted unique list. */
export function nameWords(name: string): string[] {
  const plain = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
  return [...new Set(plain.split(/[^\p{L}\p{N}]+/u).filter(Boolean))].sort();
}

export function namesMatch(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0) return false;
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  const contained = small.every((w) => large.includes(w));
  return contained && (small.length >= 2 || small.length === large.length);
}

export function screen(entries: readonly WatchlistEntry[], fullname: string, birthDate: string): BackgroundCheck {
  const named = entries.filter((e) => namesMatch(e.name, fullname));
  const sameBirth = named.some((e) => e.birth_date === birthDate);
  return {
    potential_match: named.length > 0,
    risk_level: sameBirth ? 'high' : named.length > 0 ? 'medium' : 'low',
    total_matches: named.length,
    hits: named.map((e) => ({ name: e.name, birth_date: e.birth_date, list: e.list, reason: e.reason })),
  };
}

function parse(path: string, raw: unknown): WatchlistEntry[] {
  const parsed = WatchlistFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new Error(
      `${path} is not a valid watchlist${where}: ${issue?.message ?? 'unexpected shape'} (expected {"version": 1, "entries": [{"name", "birth_date" (YYYY-MM-DD or null), "list", "reason"}]})`,
    );
  }
  return parsed.data.entries;
}

export interface Watchlist {
  check(fullname: string, birthDate: string): Promise<BackgroundCheck>;
}

export async function openWatchlist(path: string, log: Logger): Promise<Watchlist> {
  let raw = await readJsonFile(path);
  if (raw === null) {
    await writeJsonAtomically(path, STARTER_WATCHLIST);
    raw = STARTER_WATCHLIST;
  }
  let entries = parse(path, raw);
  let seen = (await stat(path)).mtimeMs;

  async function current(): Promise<readonly WatchlistEntry[]> {
    try {
      const mtime = (await stat(path)).mtimeMs;
      if (mtime !== seen) {
        seen = mtime;
        entries = parse(path, await readJsonFile(path));
      }
    } catch (error) {
      log.warn('watchlist not reloaded; the last valid version stays in use', { problem: error instanceof Error ? error.message : String(error) });
    }
    return entries;
  }

  return { check: async (fullname, birthDate) => screen(await current(), fullname, birthDate) };
}
