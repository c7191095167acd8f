/** The sandbox's pure parts and its data files: no models, no HTTP. */
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/logger';
import { ageOn, progenyDate } from '../../../main/sandbox/document-analysis';
import { openFaceRegistry } from '../../../main/sandbox/face-registry';
import { compareFaces, MATCH_THRESHOLD } from '../../../main/sandbox/face-match';
import { nationalityName } from '../../../main/sandbox/nationalities';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { SandboxEngine } from '../../../main/sandbox/sandbox-types';
import { isIsoDate } from '../../../main/sandbox/service-validation';
import { nameWords, namesMatch, openWatchlist, screen, STARTER_WATCHLIST } from '../../../main/sandbox/watchlist';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sandbox-parts-'));
const unusedEngine: SandboxEngine = {
  decode: () => Promise.reject(new Error('unused')),
  faces: { detect: () => Promise.resolve([]), similarity: () => 0 },
  mrz: { read: () => Promise.reject(new Error('unused')) },
};

describe('Progeny date and name formats', () => {
  it('writes dates Y-M-D without zero padding, "None-None-None" when unknown', () => {
    expect(progenyDate('1991-09-24')).toBe('1991-9-24');
    expect(progenyDate('2031-08-01')).toBe('2031-8-1');
    expect(progenyDate(null)).toBe('None-None-None');
    expect(progenyDate('garbage')).toBe('None-None-None');
  });

  it('computes age in full years', () => {
    expect(ageOn('1991-09-24', '2021-09-23')).toBe(29);
    expect(ageOn('1991-09-24', '2021-09-24')).toBe(30);
  });

  it('names nationalities as the docs do, falling back to the code', () => {
    expect(nationalityName('UKR')).toBe('UKRAINIAN');
    expect(nationalityName('D<<')).toBe('GERMAN');
    expect(nationalityName('GBR')).toBe('BRITISH');
    expect(nationalityName('XYZ')).toBe('XYZ');
    expect(nationalityName(null)).toBeNull();
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2001-02-29')).toBe(false);
    expect(isIsoDate('1990-1-1')).toBe(false);
  });

  it("reports match scores as strings on the docs' scales", () => {
    expect(compareFaces({ similarity: () => 1 }, [1], [1])).toEqual({ similarity: 1, match: true, data: { matchScore: '20.0', scorePercent: '100.0' } });
    expect(compareFaces({ similarity: () => MATCH_THRESHOLD - 0.01 }, [1], [1]).match).toBe(false);
  });
});

describe('watchlist screening', () => {
  it('normalises case, accents, punctuation and word order', () => {
    expect(nameWords('ERIKSSON, Ánna-María')).toEqual(['anna', 'eriksson', 'maria']);
    expect(namesMatch('Anna Maria Eriksson', 'eriksson anna maria')).toBe(true);
    expect(namesMatch('Olga Testova', 'Olga Ivanovna Testova')).toBe(true);
    expect(namesMatch('Olga Testova', 'Olga')).toBe(false);
    expect(namesMatch('Olga Testova', 'Olga Petrova')).toBe(false);
  });

  it('rates risk high for name + birth date, medium for a name only, low for nothing', () => {
    const entries = STARTER_WATCHLIST.entries;
    expect(screen(entries, 'Max Mustermann', '1964-08-12').risk_level).toBe('high');
    expect(screen(entries, 'Mustermann Max', '1970-01-01')).toEqual(expect.objectContaining({ potential_match: true, risk_level: 'medium', total_matches: 1 }));
    expect(screen(entries, 'Olga Testova', '1970-01-01').risk_level).toBe('medium');
    expect(screen(entries, 'Nobody Known', '1970-01-01')).toEqual({ potential_match: false, risk_level: 'low', total_matches: 0, hits: [] });
  });

  it('creates the starter file once and keeps the last valid list when an edit breaks it', async () => {
    const dir = tempDir();
    const path = join(dir, 'watchlist.json');
    const warnings: string[] = [];
    const list = await openWatchlist(path, { ...silentLogger, warn: (message) => warnings.push(message) });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(STARTER_WATCHLIST);
    writeFileSync(path, '{ broken');
    // A distinct modification time even on file systems with coarse timestamps.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect((await list.check('Anna Maria Eriksson', '1974-08-12')).risk_level).toBe('high');
    expect(warnings).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe('{ broken');
  });
});

describe('data files at start', () => {
  it('refuses to start on an invalid watchlist, naming the problem, and leaves the file alone', async () => {
    const dir = tempDir();
    const bad = JSON.stringify({ version: 1, entries: [{ name: 'X Y', birth_date: '12.03.1990', list: 'L', reason: '' }] });
    writeFileSync(join(dir, 'watchlist.json'), bad);
    await expect(startSandbox({ dataDir: dir, analysis: unusedEngine })).rejects.toThrow(/watchlist\.json is not a valid watchlist at entries\.0\.birth_date: birth_date must be a real date/);
    expect(readFileSync(join(dir, 'watchlist.json'), 'utf8')).toBe(bad);
    writeFileSync(join(dir, 'watchlist.json'), 'not json');
    await expect(startSandbox({ dataDir: dir, analysis: unusedEngine })).rejects.toThrow(/watchlist\.json is not valid JSON/);
  });

  it('refuses to start on a damaged face registry', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'faces.json'), JSON.stringify({ version: 2 }));
    await expect(startSandbox({ dataDir: dir, analysis: unusedEngine })).rejects.toThrow(/faces\.json is not a sandbox face registry/);
  });

  it('refuses nonsensical options', async () => {
    await expect(startSandbox({ dataDir: tempDir(), analysis: unusedEngine, failRate: 2 })).rejects.toThrow(/failRate/);
    await expect(startSandbox({ dataDir: tempDir(), analysis: unusedEngine, users: [] })).rejects.toThrow(/username and a password/);
  });

  it('writes registrations atomically and reads them back', async () => {
    const path = join(tempDir(), 'faces.json');
    const registry = await openFaceRegistry(path);
    const [a, b] = await Promise.all([registry.register([0.1, 0.2], 0), registry.register([0.3, 0.4], 1)]);
    const reopened = await openFaceRegistry(path);
    expect(reopened.embedding(a)).toEqual([0.1, 0.2]);
    expect(reopened.embedding(b.toUpperCase())).toEqual([0.3, 0.4]);
    expect(reopened.embedding('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(reopened.size).toBe(2);
  });
});
