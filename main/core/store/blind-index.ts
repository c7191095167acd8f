import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Cipher } from './cipher';

/**
 * Search over sealed data without plaintext on disk: a blind index.
 *
 * Why not SQLite FTS5: its index tables store every token in plain text (and its shadow tables
 * are not covered by our sealing), so "mustermann" would sit on disk next to the row id. Here
 * each token is stored only as HMAC-SHA256(subkey('search'), token), truncated to 16 bytes, and
 * a query is hashed the same way and matched by equality. Without the data key the tokens cannot
 * be reversed or guessed by trying names. What a blind index still reveals to someone holding the
 * file: which rows share a token (e.g. two verifications of the same surname) and roughly how long
 * the indexed words are (a word of n ≥ 3 letters yields n - 2 tokens). That is accepted here.
 *
 * Tokens: each normalised word, plus every prefix of it from 3 characters, so "mus" finds
 * "Mustermann". A query word matches a whole indexed word or a prefix; query words are ANDed.
 */

export const MIN_PREFIX = 3;
/** Longer words are indexed by their first 40 characters; nobody types more to search. */
const MAX_WORD = 40;
const TOKEN_BYTES = 16;

// Letters NFKD does not split into base letter + accent; folded so "Weiß" finds "weiss".
const FOLD: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, accents stripped, letters and digits kept; everything else separates words. */
export function normaliseWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? c);
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

export interface BlindIndex {
  /** Distinct tokens for everything a verification should be findable by (names, document numbers…). */
  tokensFor(text: string | readonly string[]): Buffer[];
  /** One token per query word; a row matches when it has all of them. */
  queryTokens(query: string): Buffer[];
}

export function createBlindIndex(cipher: Cipher): BlindIndex {
  const key = cipher.subkey('search');
  const hash = (token: string) => createHmac('sha256', key).update(token, 'utf8').digest().subarray(0, TOKEN_BYTES);
  const distinct = (words: Iterable<string>) => [...new Set(words)].map(hash);
  const clip = (word: string) => [...word].slice(0, MAX_WORD);

  return {
    tokensFor(text) {
      const words = (typeof text === 'string' ? [text] : text).flatMap(normaliseWords);
      const tokens: string[] = [];
      for (const word of words) {
        const chars = clip(word);
        tokens.push(chars.join(''));
        for (let n = MIN_PREFIX; n < chars.length; n++) tokens.push(chars.slice(0, n).join(''));
      }
      return distinct(tokens);
    },
    queryTokens: (query) => distinct(normaliseWords(query).map((w) => clip(w).join(''))),
  };
}

/** Replaces the search tokens of one verification (call in the same transaction as the row's write). */
export function replaceSearchTokens(db: Database.Database, verificationId: string, tokens: readonly Buffer[]): void {
  db.prepare('DELETE FROM search_tokens WHERE verification_id = ?').run(verificationId);
  const insert = db.prepare('INSERT OR IGNORE INTO search_tokens (verification_id, token) VALUES (?, ?)');
  for (const token of tokens) insert.run(verificationId, token);
}

/** Ids of verifications that have every token, newest first. An empty query matches nothing. */
export function findByTokens(db: Database.Database, tokens: readonly Buffer[], limit = 200): string[] {
  if (tokens.length === 0) return [];
  const placeholders = tokens.map(() => '?').join(', ');
  return db
    .prepare<unknown[], string>(
      `SELECT t.verification_id FROM search_tokens t JOIN verifications v ON v.id = t.verification_id
       WHERE t.token IN (${placeholders}) GROUP BY t.verification_id HAVING count(DISTINCT t.token) = ?
       ORDER BY max(v.created_at) DESC LIMIT ?`,
    )
    .pluck()
    .all(...tokens, tokens.length, limit);
}
