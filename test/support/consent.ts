import type { ConsentRecord } from '../../common/customer-consent';

/**
 * The customer agreed to the default consent text (version 1, English) just now: what the New
 * verification form sends with a face workflow while consent is required (the default).
 */
export const agreedConsent = (at = Date.now()): ConsentRecord => ({ answer: 'agreed', language: 'en', version: 1, at });
