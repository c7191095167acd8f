/** Small JSON files in the sandbox's data folder, written atomically (temporary file + rename). */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

export async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The parsed file, null when it does not exist; throws with the path when it is not valid JSON. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8's message quotes the file's text, which may hold names: keep only where it broke.
    const where = /(at position \d+(?: \(line \d+ column \d+\))?)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new Error(`${path} is not valid JSON${where ? ` (${where})` : ''}; fix or remove it`);
  }
}
