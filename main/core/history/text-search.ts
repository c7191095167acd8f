import { MIN_PREFIX, normaliseWords, type BlindIndex } from '../store/blind-index';

/**
 * Free-text search on the blind index (store/blind-index.ts): no plaintext of names or document
 * numbers is ever written for search, only keyed hashes of words and their prefixes.
 *
 * Which query words count: the index holds prefixes from MIN_PREFIX (3) characters only, so a
 * shorter word could only match a whole word of that length. While someone types "Max M", the "m"
 * would then hide every result; so short words are dropped when the query has a longer one. A query
 * made only of short words (a surname like "Li") still matches those whole words.
 */
export function searchWords(text: string): string[] {
  const words = normaliseWords(text);
  const long = words.filter((word) => [...word].length >= MIN_PREFIX);
  return long.length > 0 ? long : words;
}

/**
 * A SQL condition on `verifications.id` matching rows that hold every token of `text`, with its
 * parameters; null when the text has no words (then it is not a filter at all).
 */
export function textCondition(index: BlindIndex, text: string): { sql: string; params: Buffer[] } | null {
  const tokens = index.queryTokens(searchWords(text).join(' '));
  if (tokens.length === 0) return null;
  // Tokens are distinct and (verification_id, token) is the primary key, so count(*) counts distinct tokens.
  const sql = `id IN (SELECT verification_id FROM search_tokens WHERE token IN (${tokens.map(() => '?').join(', ')}) GROUP BY verification_id HAVING count(*) = ${tokens.length})`;
  return { sql, params: tokens };
}
