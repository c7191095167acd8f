import type { Messages } from './en';

export const ar: Messages = {
  app: {
    name: 'محطة Progeny',
    skipToContent: 'انتقل إلى المحتوى الرئيسي',
    trainingBanner: 'تدريب: النتائج صادرة عن بيئة الاختبار المدمجة، وليس عن Progeny.',
  },
  nav: {
    label: 'القائمة الرئيسية',
    new: 'تحقق جديد',
    queue: 'قائمة الانتظار',
    history: 'السجل',
    settings: 'الإعدادات',
    shortcutHint: 'Alt+{{key}}',
  },
  status: {
    label: 'حالة المحطة',
    mode: 'الوضع',
    modeTraining: 'تدريب',
    modeLive: 'فعلي',
    connectivity: 'الاتصال بـ Progeny',
    connectivityUnknown: 'لم يُفحص بعد',
    connectivityOnline: 'متصل',
    connectivityOffline: 'غير متصل',
    queue: 'قائمة الانتظار',
    queueUnavailable: 'غير متاحة',
    loading: 'جارٍ الاتصال بالمحطة…',
  },
  bridge: {
    unavailable: 'تعذّر الوصول إلى المحطة. ربما أُوقفت: شغّلها من جديد ثم أعد تحميل هذه الصفحة.',
    retry: 'أعد المحاولة',
  },
  settingsRecovered: 'تعذّرت قراءة ملف الإعدادات، لذا تُستخدم الإعدادات الافتراضية. حُفظ الملف القديم باسم {{file}}.',
  views: {
    new: {
      title: 'تحقق جديد',
      intro: 'مسارات التحقق (اعرف عميلك، كشف الحيوية، تسجيل الوجه والمصادقة عليه، قراءة المستندات، التحقق من الخلفية) غير متاحة بعد في هذا الإصدار من المحطة.',
    },
    queue: {
      title: 'قائمة الانتظار',
      intro: 'ستظهر هنا عمليات التحقق التي تنتظر الإرسال أو النتيجة. لا تحتوي هذه النسخة من المحطة على قائمة انتظار بعد.',
    },
    history: {
      title: 'السجل',
      intro: 'ستظهر هنا عمليات التحقق المكتملة، محفوظة ومشفّرة على هذا الحاسوب. لا تحتفظ هذه النسخة من المحطة بسجل بعد.',
    },
    settings: {
      title: 'الإعدادات',
      language: 'اللغة',
      languageSystem: 'لغة النظام',
      about: 'حول هذه المحطة',
      version: 'الإصدار',
      dataDir: 'مجلد البيانات',
      saveFailed: 'تعذّر حفظ الإعداد: {{message}}',
    },
  },
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
};
