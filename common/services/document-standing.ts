/**
 * One statement about a document from Progeny's two flags, `is_valid` and `is_expired`, so no screen
 * can say "Valid: yes" and "Expired: yes" side by side under "Failed". An expired document fails
 * the verification whatever `is_valid` says: the standing and the document check agree by
 * construction (`documentPasses`), and the result model decides the check the same way.
 */
export type DocumentStanding =
  /** Valid and not expired: the only standing that passes. */
  | 'valid'
  /** Valid, but Progeny did not say whether it has expired: passes (as before), with a word to check the date. */
  | 'valid-expiry-unknown'
  /** Expired (whatever `is_valid` says, or when it is absent). */
  | 'expired'
  /** Not valid, and not known to be expired. */
  | 'invalid'
  | 'invalid-and-expired'
  /** Neither flag reported. */
  | 'not-reported';

export function documentStanding(document: { valid: boolean | null; expired: boolean | null } | null): DocumentStanding {
  if (!document) return 'not-reported';
  const { valid, expired } = document;
  if (valid === false) return expired === true ? 'invalid-and-expired' : 'invalid';
  if (expired === true) return 'expired';
  if (valid === null) return 'not-reported';
  return expired === false ? 'valid' : 'valid-expiry-unknown';
}

/** Whether the document check passes on these facts: true, false, or null when they do not say. */
export function documentPasses(standing: DocumentStanding): boolean | null {
  switch (standing) {
    case 'valid':
    case 'valid-expiry-unknown':
      return true;
    case 'expired':
    case 'invalid':
    case 'invalid-and-expired':
      return false;
    case 'not-reported':
      return null;
  }
}
