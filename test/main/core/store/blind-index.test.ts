import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlindIndex, findByTokens, normaliseWords, replaceSearchTokens } from '../../../../main/core/store/blind-index';
import { openDatabase, type StationDatabase } from '../../../../main/core/store/database';
import { insertVerification, randomCipher, tempDir } from './helpers';

let store: StationDatabase | undefined;
afterEach(() => store?.close());

function setup(people: Record<string, string>) {
  store = openDatabase(join(tempDir('search'), 'station.sqlite'), { cipher: randomCipher(), backups: false });
  const index = createBlindIndex(store.cipher);
  let at = 1;
  for (const [id, text] of Object.entries(people)) {
    insertVerification(store.db, store.cipher, { id, createdAt: at++ });
    replaceSearchTokens(store.db, id, index.tokensFor(text));
  }
  const { db } = store;
  return { db, index, find: (query: string) => findByTokens(db, index.queryTokens(query)).sort() };
}

describe('blind index', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseWords('  Ærøskøbing-MÜLLER, Straße  O’Brien 12/34 ')).toEqual(['aeroskobing', 'muller', 'strasse', 'o', 'brien', '12', '34']);
    expect(normaliseWords('Zoë Ångström')).toEqual(['zoe', 'angstrom']);
  });

  it('finds by whole word and by prefix from 3 characters', () => {
    const { find } = setup({ a: 'Erika Mustermann C01X00T47 1964-08-12', b: 'Max Mustermann', c: 'Jana Musterfrau' });
    expect(find('mus')).toEqual(['a', 'b', 'c']);
    expect(find('Muster')).toEqual(['a', 'b', 'c']);
    expect(find('musterm')).toEqual(['a', 'b']);
    expect(find('mustermann')).toEqual(['a', 'b']);
    expect(find('erika')).toEqual(['a']);
    expect(find('c01x00t47')).toEqual(['a']);
    expect(find('1964')).toEqual(['a']);
    expect(find('mu')).toEqual([]); // shorter than a prefix and not a whole word
    expect(find('max')).toEqual(['b']);
    expect(find('mustermanns')).toEqual([]);
    expect(find('')).toEqual([]);
  });

  it('is case- and accent-insensitive, and ANDs query words', () => {
    const { find } = setup({ a: 'Jürgen Weiß', b: 'Jurgen Weber', c: 'José Müller' });
    expect(find('JURG')).toEqual(['a', 'b']);
    expect(find('jürgen weiss')).toEqual(['a']);
    expect(find('WEISS')).toEqual(['a']);
    expect(find('mull jose')).toEqual(['c']);
    expect(find('jurgen müller')).toEqual([]);
  });

  it('stores 16-byte keyed tokens and never the words themselves', () => {
    const { db, index } = setup({ a: 'Erika Mustermann' });
    const tokens = db.prepare('SELECT token FROM search_tokens').pluck().all() as Buffer[];
    expect(tokens).toHaveLength(1 + 2 + 1 + 7); // erika, eri, erik, mustermann + 7 prefixes
    const everything = Buffer.concat(tokens);
    for (const word of ['erika', 'eri', 'mus', 'mustermann', 'Mustermann']) {
      expect(everything.includes(Buffer.from(word, 'utf8'))).toBe(false);
      expect(everything.includes(Buffer.from(word, 'utf16le'))).toBe(false);
    }
    for (const t of tokens) expect(t).toHaveLength(16);
    // Another data key gives unrelated tokens: they cannot be precomputed from a list of names.
    const other = createBlindIndex(randomCipher()).tokensFor('Erika Mustermann');
    expect(other.some((t) => tokens.some((u) => u.equals(t)))).toBe(false);
    expect(
      index
        .tokensFor('ERIKA mustermann')
        .map((t) => t.toString('hex'))
        .sort(),
    ).toEqual(tokens.map((t) => t.toString('hex')).sort());
  });

  it("replaces a verification's tokens and drops them with the row", () => {
    const { db, index, find } = setup({ a: 'Erika Mustermann' });
    replaceSearchTokens(db, 'a', index.tokensFor('Erika Gabler'));
    expect(find('muster')).toEqual([]);
    expect(find('gab')).toEqual(['a']);
    db.prepare("DELETE FROM verifications WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) FROM search_tokens').pluck().get()).toBe(0);
  });
});
