/**
 * The Progeny API v3 as the sandbox serves it, written from the documentation (docs/progeny-api.md),
 * NOT from the station's own service catalog: the sandbox is the other side of the wire, so a
 * mistake in the client's catalog (a path, a field name, a missing `extend_data`) meets this table
 * and fails, as it would against the real service. test/main/sandbox/sandbox-independence.test.ts
 * keeps the catalog out of every sandbox module.
 *
 * Each entry says where it comes from: "documented" (a docs page's field table or example) or
 * "inferred" (the docs are silent or cut off; the sandbox then takes the strictest reading, so that
 * a client that works here has the best chance with the real service).
 */

/** The services the docs list under "API reference" whose pages could be read. */
export const SANDBOX_SERVICES = ['face_liveness', 'register_face', 'authenticate_face', 'ocr_card', 'ocr_passport', 'kyc_card', 'kyc_passport', 'background_check'] as const;
export type SandboxService = (typeof SANDBOX_SERVICES)[number];

/** How a text field is checked, with DRF's field classes' messages (service-validation.ts). */
export type TextKind = 'uuid' | 'text' | 'date';

export interface ExtendDataSpec {
  /**
   * Documented: the field tables mark it optional everywhere, but the 400 examples of ocr_card,
   * ocr_passport and kyc_passport answer "This field is required." for it. A 400 is what the server
   * really does, so those examples win.
   */
  required: boolean;
  /** Documented type: "Boolean" on face_liveness and register_face, "String" on the other pages. */
  type: 'boolean' | 'string';
}

export interface ServiceSpec {
  /** Path under /api/v3, as the page's "Endpoint" block writes it (with its trailing slash). */
  path: string;
  /** Multipart file fields, in the order the docs' 400 examples list them. */
  files: readonly string[];
  /** Text fields, after the files (the order of the docs' 400 examples). */
  text: ReadonlyArray<{ name: string; kind: TextKind }>;
  /** null: the page has no `extend_data` (DRF ignores fields a serializer does not declare). */
  extendData: ExtendDataSpec | null;
}

const optionalBoolean: ExtendDataSpec = { required: false, type: 'boolean' };
const optionalString: ExtendDataSpec = { required: false, type: 'string' };
const requiredString: ExtendDataSpec = { required: true, type: 'string' };

export const SERVICE_SPECS: Readonly<Record<SandboxService, ServiceSpec>> = {
  // Documented (face_liveness page): image; 400 {"image": ["No file was submitted."]}.
  face_liveness: { path: '/services/face_liveness/', files: ['image'], text: [], extendData: optionalBoolean },
  // Documented (register_face page): image. Its POST line omits the trailing slash, its Endpoint
  // block has it: the slash is served, the other spelling is the `register-face-no-slash` quirk.
  register_face: { path: '/services/register_face/', files: ['image'], text: [], extendData: optionalBoolean },
  // Documented (authenticate_face page): image, uuid; 400 lists both.
  authenticate_face: { path: '/services/authenticate_face/', files: ['image'], text: [{ name: 'uuid', kind: 'uuid' }], extendData: optionalString },
  // Documented (ocr_card page): front_id, back_id; its 400 example requires extend_data. The
  // example's `selfie_image` is not in the field table (copied from kyc_card): not required here.
  ocr_card: { path: '/services/ocr_card/', files: ['front_id', 'back_id'], text: [], extendData: requiredString },
  // Documented (ocr_passport page): passport_image; 400 requires extend_data (same selfie_image oddity).
  ocr_passport: { path: '/services/ocr_passport/', files: ['passport_image'], text: [], extendData: requiredString },
  // Documented fields; the 400 example is cut off. Inferred: like ocr_card's, extend_data required
  // (the strictest reading; every example that shows it requires it).
  kyc_card: { path: '/services/kyc_card/', files: ['selfie_image', 'front_id', 'back_id'], text: [], extendData: requiredString },
  // Documented (kyc_passport page): selfie_image, passport_image; the 400 example starts "exte…".
  kyc_passport: { path: '/services/kyc_passport/', files: ['selfie_image', 'passport_image'], text: [], extendData: requiredString },
  // Documented (background_check page): fullname, birth_date (yyyy-mm-dd); no extend_data.
  background_check: {
    path: '/services/background_check/',
    files: [],
    text: [
      { name: 'fullname', kind: 'text' },
      { name: 'birth_date', kind: 'date' },
    ],
    extendData: null,
  },
};

/** Documented (token-obtain page): both take multipart, need no Authorization header. */
export const TOKEN_OBTAIN_PATH = '/accounts/token/obtain/';
export const TOKEN_REFRESH_PATH = '/accounts/token/refresh/';
/** Documented fields of the token endpoints, in the order of the docs' 400 example. */
export const TOKEN_OBTAIN_FIELDS = ['username', 'password'] as const;
export const TOKEN_REFRESH_FIELDS = ['refresh'] as const;

/** Documented (Overview): GET with the task uuid as the `id` query parameter. */
export const TASK_PATH = '/services/task/';

/** The liveness spelling the docs also use (the legacy /liveness page): the `liveness-path` quirk. */
export const LEGACY_LIVENESS_PATH = '/services/liveness/';
