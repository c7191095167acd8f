/** The same minimum main enforces (common/contract.ts UnlockRequestSchema), checked before sending. */
export const MIN_PASSPHRASE_LENGTH = 8;

export type NewPassphraseProblem = 'tooShort' | 'mismatch';

export function checkNewPassphrase(passphrase: string, repeated: string): NewPassphraseProblem | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return 'tooShort';
  if (passphrase !== repeated) return 'mismatch';
  return null;
}
