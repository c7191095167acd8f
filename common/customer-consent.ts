/**
 * Who a verification is for (the customer's reference and name) and the customer's answer to the
 * biometric consent text: the rules both sides apply (the form while typing, main on submit), the
 * consent settings, and the default texts. The texts are the customer's, in the customer's language,
 * so they live in settings (an administrator edits them), not in the UI translations.
 * Zod-free, for the renderer; the schemas are in customer-consent-schema.ts.
 */
import { LANGUAGES, type Language } from './contract-names';
import { SERVICES, type ServiceId } from './services/catalog';
import type { ConsentAnswer, ConsentMode } from './vocabulary';

/** A customer or account number: short, as the organisation writes it. */
export const MAX_REFERENCE_LENGTH = 64;
export const MAX_CUSTOMER_NAME_LENGTH = 200;
export const MAX_CONSENT_TEXT_LENGTH = 4000;

/**
 * Control characters, line and paragraph separators, and the bidirectional overrides/isolates
 * (which can make a name display as something else). ZWJ/ZWNJ stay allowed: Persian and Arabic
 * names need them.
 */
export const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

export type CustomerTextProblem = 'too-long' | 'control';

export function customerTextProblem(value: string, max: number): CustomerTextProblem | null {
  if (CONTROL_CHARACTERS.test(value)) return 'control';
  if ([...value.trim()].length > max) return 'too-long';
  return null;
}

/** Services whose submission must name the customer (nothing else on the record would). */
export const NAME_REQUIRED_SERVICES: readonly ServiceId[] = ['register_face'];

export interface Customer {
  /** The organisation's customer or account number (optional, encouraged). */
  reference?: string | undefined;
  name?: string | undefined;
}

/** What the operator recorded: the answer, which text (language and version) and when (ms since the epoch). */
export interface ConsentRecord {
  answer: ConsentAnswer;
  language: Language;
  version: number;
  at: number;
}

export interface ConsentText {
  text: string;
  /** Raised by main each time the text changes: records keep the version they were shown. */
  version: number;
}

export interface ConsentSettings {
  mode: ConsentMode;
  texts: Record<Language, ConsentText>;
}

/** Whether a workflow processes faces (the catalog's `biometric` fact) and so asks for consent. */
export const asksConsent = (service: ServiceId, mode: ConsentMode): boolean => mode !== 'off' && SERVICES[service].biometric;

/**
 * The settings to keep after an administrator saved `next`: a text that changed gets the version
 * after the one in force, an unchanged one keeps it, whatever version the request claimed.
 */
export function withConsentVersions(before: ConsentSettings, next: ConsentSettings): ConsentSettings {
  const texts = { ...next.texts };
  for (const language of LANGUAGES) {
    const old = before.texts[language];
    const text = next.texts[language].text;
    texts[language] = { text, version: text === old.text ? old.version : old.version + 1 };
  }
  return { mode: next.mode, texts };
}

/** Why main refuses a submission's consent (null: acceptable). */
export function consentProblem(service: ServiceId, consent: ConsentRecord | undefined, settings: ConsentSettings, now: number): string | null {
  if (!SERVICES[service].biometric) return null;
  if (consent?.answer === 'declined') return 'The customer declined biometric consent: no face may be captured or sent for this verification.';
  if (!consent) return settings.mode === 'required' ? 'This workflow captures a face: record the customer’s answer to the consent text first (the customer must agree).' : null;
  if (consent.version !== settings.texts[consent.language].version)
    return `The consent text (${consent.language}) changed since the customer answered (version ${consent.version}, now ${settings.texts[consent.language].version}): ask the customer again.`;
  if (consent.at > now + 60_000) return 'The consent time is in the future: record the customer’s answer again.';
  return null;
}

const EN = `Before we take your photo, we need your agreement.
What we capture: a photo of your face (a selfie) and, for identity documents, the photo on the document.
Why: to check that you are a real person present here and that the document belongs to you.
Who receives it: the images are sent to Progeny, our identity-verification provider, which compares them and sends us the result.
How long: this station keeps the images for 30 days and the record of the check for one year, encrypted, unless the law requires otherwise.
Your choice: you may refuse; we will then not capture your face and will offer another way to identify you. You can withdraw your agreement at any time by asking staff; we will then delete the images we hold.`;

const FR = `Avant de prendre votre photo, nous avons besoin de votre accord.
Ce que nous recueillons : une photo de votre visage (selfie) et, pour les pièces d’identité, la photo figurant sur le document.
Pourquoi : pour vérifier que vous êtes bien une personne présente ici et que le document vous appartient.
Qui la reçoit : les images sont envoyées à Progeny, notre prestataire de vérification d’identité, qui les compare et nous renvoie le résultat.
Combien de temps : ce poste conserve les images 30 jours et la trace de la vérification un an, chiffrées, sauf obligation légale contraire.
Votre choix : vous pouvez refuser ; nous ne photographierons alors pas votre visage et vous proposerons un autre moyen de vous identifier. Vous pouvez retirer votre accord à tout moment auprès du personnel ; nous supprimerons alors les images conservées.`;

const AR = `قبل التقاط صورتك، نحتاج إلى موافقتك.
ما نلتقطه: صورة لوجهك (صورة ذاتية)، وفي حالة وثائق الهوية، الصورة الموجودة على الوثيقة.
السبب: للتحقق من أنك شخص حقيقي حاضر هنا وأن الوثيقة تخصك.
من يتسلّمها: تُرسل الصور إلى Progeny، مزوّد خدمة التحقق من الهوية لدينا، الذي يقارنها ويرسل إلينا النتيجة.
مدة الاحتفاظ: يحتفظ هذا الجهاز بالصور 30 يومًا وبسجل التحقق سنة واحدة، مشفّرة، ما لم يقتضِ القانون غير ذلك.
اختيارك: يمكنك الرفض، وعندها لن نلتقط صورة لوجهك وسنعرض عليك طريقة أخرى للتعرّف على هويتك. يمكنك سحب موافقتك في أي وقت بطلب ذلك من الموظفين، وعندها نحذف الصور المحفوظة لدينا.`;

export const DEFAULT_CONSENT_TEXTS: Readonly<Record<Language, string>> = { en: EN, fr: FR, ar: AR };

export const DEFAULT_CONSENT: ConsentSettings = {
  mode: 'required',
  texts: { en: { text: EN, version: 1 }, fr: { text: FR, version: 1 }, ar: { text: AR, version: 1 } },
};
