import { accounts } from './areas/accounts';
import { capture } from './areas/capture';
import { customer } from './areas/customer';
import { fleet } from './areas/fleet';
import { lock } from './areas/lock';
import { queue } from './areas/queue';
import { results } from './areas/results';
import { settings } from './areas/settings';
import { verify } from './areas/verify';
import { words } from './areas/words';
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
    mywork: 'عملي اليوم',
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
    sessionEnded: 'انتهت جلسة هذه الصفحة مع المحطة. افتح أحدث رابط «Open:» طبعته المحطة (كل رابط يفتح صفحة واحدة).',
  },
  settingsRecovered: 'تعذّرت قراءة ملف الإعدادات، لذا تُستخدم الإعدادات الافتراضية. حُفظ الملف القديم باسم {{file}}.',
  integrity: {
    title: 'عُدّلت بيانات المحطة من خارج المحطة.',
    auditBroken: 'سجل التدقيق لا يجتاز فحصه: عُدّلت قيود فيه أو حُذفت.',
    auditBrokenAt: 'سجل التدقيق لا يجتاز فحصه ابتداءً من القيد {{seq}}: عُدّلت قيود فيه أو حُذفت.',
    tamperedRecords: 'سجلات تحقق عُدّلت من خارج المحطة: {{count}}. يَسِمها السجل بأنها معدّلة ولا يعرض لها أي نتيجة.',
    whatToDo: 'لا تعتمد على هذه السجلات. اترك هذا الحاسوب ومجلد بياناته على حالهما وأبلغ مسؤول تقنية المعلومات أو الأمن.',
  },
  views: {
    new: {
      title: 'تحقق جديد',
    },
    queue: {
      title: 'قائمة الانتظار',
    },
    history: {
      title: 'السجل',
    },
    mywork: {
      title: 'عملي اليوم',
    },
    result: {
      title: 'نتيجة التحقق',
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
  words: words.ar,
  capture: capture.ar,
  verify: verify.ar,
  results: results.ar,
  queue: queue.ar,
  settings: settings.ar,
  lock: lock.ar,
  accounts: accounts.ar,
  customer: customer.ar,
  fleet: fleet.ar,
  upload: { sending: 'جارٍ رفع الصور…', percent: 'جارٍ رفع الصور: {{percent}}' },
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
};
