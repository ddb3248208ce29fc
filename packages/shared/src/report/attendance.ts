import type { Lang } from '../languages';
import type { Category } from '../participants/categories';
import { arabicFeminine, frenchWith, spanishOf } from './grammar';

/**
 * III.C Attendance, one sentence per category, as the model writes it
 * (paras. 68-76) and as UN reports in the other languages do. One
 * participant gets a sentence in the singular; with the treaty named
 * (`instrument`, typed as the sentence cites it: "the Trafficking in Persons
 * Protocol", "le Protocole …", "el Protocolo …", Russian in the genitive,
 * "《…》", "بروتوكول الاتجار بالأشخاص"), the States and the regional
 * organization are parties to it or signatories of it.
 *
 * Languages with articles (English, French, Spanish) name a lone
 * participant after a colon ("The following State was represented …: X"),
 * since a typed name does not say whether it takes "the"; Arabic names carry
 * their article, so Arabic writes the model's sentences with the name as
 * subject (paras. 69, 72, 75).
 */
export interface AttendanceWords {
  /** The names, joined as a list in the language. */
  list: string;
  count: number;
  /** The treaty as the sentence cites it in this language, or ''. */
  instrument: string;
}

type Frame = (w: AttendanceWords, one: boolean) => string;

const en = {
  to: (i: string) => (i ? ` to ${i}` : ''),
};
const fr = {
  to: (i: string) => (i ? ` ${frenchWith('à', i)}` : ''),
  of: (i: string) => (i ? ` ${frenchWith('de', i)}` : ''),
};
const es = {
  in: (i: string) => (i ? ` en ${i}` : ''),
  of: (i: string) => (i ? ` ${spanishOf(i)}` : ''),
};
const sp = (i: string) => (i ? ` ${i}` : '');
const ar = {
  in: (i: string) => (i ? ` في ${i}` : ''),
  on: (i: string) => (i ? ` على ${i}` : ''),
  /** "ولا موقِّعة عليه" / "عليها": the pronoun agrees with the treaty. */
  notSigned: (i: string) => (i ? ` ولا موقِّعة ${arabicFeminine(i) ? 'عليها' : 'عليه'}` : ' ولا موقِّعة'),
};
const nb = '\u00a0';

const FRAMES: Record<Category, Record<Lang, Frame>> = {
  state_party: {
    en: ({ list, instrument: i }, one) =>
      one
        ? `The following State party${en.to(i)} was represented at the meeting of the working group: ${list}.`
        : `The following States parties${en.to(i)} were represented at the meeting of the working group: ${list}.`,
    fr: ({ list, instrument: i }, one) =>
      one
        ? `${i ? `L’État suivant, partie${fr.to(i)},` : 'L’État partie suivant'} était représenté à la réunion du Groupe de travail${nb}: ${list}.`
        : `${i ? `Les États suivants, parties${fr.to(i)},` : 'Les États parties suivants'} étaient représentés à la réunion du Groupe de travail${nb}: ${list}.`,
    es: ({ list, instrument: i }, one) =>
      one
        ? `Estuvo representado en la reunión del Grupo de Trabajo el siguiente Estado parte${es.in(i)}: ${list}.`
        : `Estuvieron representados en la reunión del Grupo de Trabajo los siguientes Estados partes${es.in(i)}: ${list}.`,
    ru: ({ list, instrument: i }, one) =>
      one
        ? `На совещании Рабочей группы было представлено следующее государство – участник${sp(i)}: ${list}.`
        : `На совещании Рабочей группы были представлены следующие государства – участники${sp(i)}: ${list}.`,
    zh: ({ list, instrument: i }) => `下列${i}缔约国派代表出席了工作组会议：${list}。`,
    // Model, para. 68.
    ar: ({ list, instrument: i }, one) =>
      one
        ? `مثّلت في اجتماع الفريق العامل الدولة التالية الطرف${ar.in(i)}: ${list}.`
        : `مثّلت في اجتماع الفريق العامل الدول التالية الأطراف${ar.in(i)}: ${list}.`,
  },
  reio_party: {
    en: ({ list, instrument: i }, one) =>
      one
        ? `The following regional economic integration organization that is a party${en.to(i)} was also represented at the meeting: ${list}.`
        : `The following regional economic integration organizations that are parties${en.to(i)} were also represented at the meeting: ${list}.`,
    fr: ({ list, instrument: i }, one) =>
      one
        ? `L’organisation régionale d’intégration économique suivante, partie${fr.to(i)}, était également représentée à la réunion${nb}: ${list}.`
        : `Les organisations régionales d’intégration économique suivantes, parties${fr.to(i)}, étaient également représentées à la réunion${nb}: ${list}.`,
    es: ({ list, instrument: i }, one) =>
      one
        ? `También estuvo representada en la reunión la siguiente organización regional de integración económica que es parte${es.in(i)}: ${list}.`
        : `También estuvieron representadas en la reunión las siguientes organizaciones regionales de integración económica que son partes${es.in(i)}: ${list}.`,
    ru: ({ list, instrument: i }, one) =>
      one
        ? `На совещании была также представлена следующая региональная организация экономической интеграции – участник${sp(i)}: ${list}.`
        : `На совещании были также представлены следующие региональные организации экономической интеграции – участники${sp(i)}: ${list}.`,
    zh: ({ list, instrument: i }) => `下列${i}缔约方区域经济一体化组织也派代表出席了会议：${list}。`,
    // Model, para. 69: "ومثّل في الاجتماع أيضاً الاتحاد الأوروبي، وهو منظمة إقليمية للتكامل الاقتصادي وطرف في بروتوكول الاتجار."
    ar: ({ list, instrument: i }, one) => {
      if (!one) return `ومثّلت في الاجتماع أيضاً منظمات التكامل الاقتصادي الإقليمية التالية الأطراف${ar.in(i)}: ${list}.`;
      const f = arabicFeminine(list);
      const party = i ? `وطرف في ${i}` : 'من الأطراف';
      return `${f ? 'ومثّلت' : 'ومثّل'} في الاجتماع أيضاً ${list}، ${f ? 'وهي' : 'وهو'} منظمة إقليمية للتكامل الاقتصادي ${party}.`;
    },
  },
  signatory: {
    en: ({ list, instrument: i }, one) =>
      one
        ? `The following signatory State${en.to(i)} was represented by an observer: ${list}.`
        : `The following signatory States${en.to(i)} were represented by observers: ${list}.`,
    fr: ({ list, instrument: i }, one) =>
      one
        ? `${i ? `L’État suivant, signataire${fr.of(i)},` : 'L’État signataire suivant'} était représenté par un observateur${nb}: ${list}.`
        : `${i ? `Les États suivants, signataires${fr.of(i)},` : 'Les États signataires suivants'} étaient représentés par des observateurs${nb}: ${list}.`,
    es: ({ list, instrument: i }, one) =>
      one
        ? `Estuvo representado por un observador el siguiente Estado signatario${es.of(i)}: ${list}.`
        : `Estuvieron representados por observadores los siguientes Estados signatarios${es.of(i)}: ${list}.`,
    ru: ({ list, instrument: i }, one) =>
      one
        ? `Наблюдателем было представлено следующее государство, являющееся сигнатарием${sp(i)}: ${list}.`
        : `Наблюдателями были представлены следующие государства, являющиеся сигнатариями${sp(i)}: ${list}.`,
    zh: ({ list, instrument: i }) => `下列${i}签署国派观察员出席了会议：${list}。`,
    // Model, para. 70.
    ar: ({ list, instrument: i }, one) =>
      one
        ? `ومثّلت بمراقب الدولة التالية الموقِّعة${ar.on(i)}: ${list}.`
        : `ومثّلت بمراقبين الدول التالية الموقِّعة${ar.on(i)}: ${list}.`,
  },
  observer_state: {
    en: ({ list, instrument: i }, one) =>
      one
        ? `The following State that is neither a party${i ? ` to nor a signatory of ${i}` : ' nor a signatory'} was also represented by an observer: ${list}.`
        : `The following States that are neither parties${i ? ` to nor signatories of ${i}` : ' nor signatories'} were also represented by observers: ${list}.`,
    fr: ({ list, instrument: i }, one) =>
      one
        ? `L’État suivant, qui n’est ni partie${fr.to(i)} ni signataire, était également représenté par un observateur${nb}: ${list}.`
        : `Les États suivants, qui ne sont ni parties${fr.to(i)} ni signataires, étaient également représentés par des observateurs${nb}: ${list}.`,
    es: ({ list, instrument: i }, one) =>
      one
        ? `También estuvo representado por un observador el siguiente Estado que no es parte${es.in(i)} ni signatario: ${list}.`
        : `También estuvieron representados por observadores los siguientes Estados que no son partes${es.in(i)} ni signatarios: ${list}.`,
    ru: ({ list, instrument: i }, one) =>
      one
        ? `Наблюдателем было также представлено следующее государство, не являющееся ни участником, ни сигнатарием${sp(i)}: ${list}.`
        : `Наблюдателями были также представлены следующие государства, не являющиеся ни участниками, ни сигнатариями${sp(i)}: ${list}.`,
    zh: ({ list, instrument: i }) =>
      i ? `下列既非${i}缔约国也非签署国的国家也派观察员出席了会议：${list}。` : `下列非缔约国和非签署国也派观察员出席了会议：${list}。`,
    // Model, para. 71.
    ar: ({ list, instrument: i }, one) =>
      one
        ? `ومثّلت بمراقب أيضاً الدولة التالية التي هي ليست طرفاً${ar.in(i)}${ar.notSigned(i)}: ${list}.`
        : `ومثّلت بمراقبين أيضاً الدول التالية التي هي ليست أطرافاً${ar.in(i)}${ar.notSigned(i)}: ${list}.`,
  },
  observer_entity: {
    en: ({ list }, one) =>
      one
        ? `The following entity maintaining a permanent observer mission was also represented by an observer: ${list}.`
        : `The following entities maintaining permanent observer missions were also represented by observers: ${list}.`,
    fr: ({ list }, one) =>
      one
        ? `L’entité suivante, dotée d’une mission permanente d’observation, était également représentée par un observateur${nb}: ${list}.`
        : `Les entités suivantes, dotées de missions permanentes d’observation, étaient également représentées par des observateurs${nb}: ${list}.`,
    es: ({ list }, one) =>
      one
        ? `También estuvo representada por un observador la siguiente entidad que mantiene una misión permanente de observación: ${list}.`
        : `También estuvieron representadas por observadores las siguientes entidades que mantienen misiones permanentes de observación: ${list}.`,
    ru: ({ list }, one) =>
      one
        ? `Наблюдателем было также представлено следующее образование, имеющее постоянную миссию наблюдателя: ${list}.`
        : `Наблюдателями были также представлены следующие образования, имеющие постоянные миссии наблюдателей: ${list}.`,
    zh: ({ list }) => `下列设有常驻观察员代表团的实体也派观察员出席了会议：${list}。`,
    // Model, para. 72: "ومثّلت فلسطين أيضا بمراقب، وهي كيان له بعثة مراقب دائم."
    ar: ({ list }, one) =>
      one ? `ومثّلت ${list} أيضا بمراقب، وهي كيان له بعثة مراقب دائم.` : `ومثّلت بمراقبين أيضا الكيانات التالية التي لها بعثات مراقبة دائمة: ${list}.`,
  },
  un_body: {
    en: ({ list }, one) =>
      one
        ? `The following United Nations body was represented by an observer: ${list}.`
        : `The following United Nations bodies were represented by observers: ${list}.`,
    fr: ({ list }, one) =>
      one
        ? `L’organisme des Nations Unies suivant était représenté par un observateur${nb}: ${list}.`
        : `Les organismes des Nations Unies suivants étaient représentés par des observateurs${nb}: ${list}.`,
    es: ({ list }, one) =>
      one
        ? `Estuvo representado por un observador el siguiente órgano de las Naciones Unidas: ${list}.`
        : `Estuvieron representados por observadores los siguientes órganos de las Naciones Unidas: ${list}.`,
    ru: ({ list }, one) =>
      one
        ? `Наблюдателем был представлен следующий орган Организации Объединенных Наций: ${list}.`
        : `Наблюдателями были представлены следующие органы Организации Объединенных Наций: ${list}.`,
    zh: ({ list }) => `下列联合国机构派观察员出席了会议：${list}。`,
    // Model, para. 73.
    ar: ({ list }, one) => (one ? `ومثّلت هيئة الأمم المتحدة التالية بمراقب: ${list}.` : `ومثّلت هيئات الأمم المتحدة التالية بمراقبين: ${list}.`),
  },
  igo_observer: {
    en: ({ list }, one) =>
      one
        ? `The following intergovernmental organization having permanent observer status was represented: ${list}.`
        : `The following intergovernmental organizations having permanent observer status were represented: ${list}.`,
    fr: ({ list }, one) =>
      one
        ? `L’organisation intergouvernementale suivante, dotée du statut d’observateur permanent, était représentée${nb}: ${list}.`
        : `Les organisations intergouvernementales suivantes, dotées du statut d’observateur permanent, étaient représentées${nb}: ${list}.`,
    es: ({ list }, one) =>
      one
        ? `Estuvo representada la siguiente organización intergubernamental que tiene la condición de observador permanente: ${list}.`
        : `Estuvieron representadas las siguientes organizaciones intergubernamentales que tienen la condición de observador permanente: ${list}.`,
    ru: ({ list }, one) =>
      one
        ? `Была представлена следующая межправительственная организация, имеющая статус постоянного наблюдателя: ${list}.`
        : `Были представлены следующие межправительственные организации, имеющие статус постоянного наблюдателя: ${list}.`,
    zh: ({ list }) => `下列具有常驻观察员地位的政府间组织派代表出席了会议：${list}。`,
    // Model, para. 74.
    ar: ({ list }, one) =>
      one
        ? `ومثّلت المنظمة الحكومية الدولية التالية التي لها صفة مراقب دائم: ${list}.`
        : `ومثّلت المنظمات الحكومية الدولية التالية التي لها صفة مراقب دائم: ${list}.`,
  },
  other_entity: {
    en: ({ list }, one) =>
      one
        ? `The following entity maintaining a permanent observer office was represented: ${list}.`
        : `The following entities maintaining permanent observer offices were represented: ${list}.`,
    fr: ({ list }, one) =>
      one
        ? `L’entité suivante, dotée d’un bureau permanent d’observation, était représentée${nb}: ${list}.`
        : `Les entités suivantes, dotées de bureaux permanents d’observation, étaient représentées${nb}: ${list}.`,
    es: ({ list }, one) =>
      one
        ? `Estuvo representada la siguiente entidad que mantiene una oficina permanente de observación: ${list}.`
        : `Estuvieron representadas las siguientes entidades que mantienen oficinas permanentes de observación: ${list}.`,
    ru: ({ list }, one) =>
      one
        ? `Было представлено следующее образование, имеющее постоянное бюро наблюдателя: ${list}.`
        : `Были представлены следующие образования, имеющие постоянные бюро наблюдателей: ${list}.`,
    zh: ({ list }) => `下列设有常驻观察员办事处的实体派代表出席了会议：${list}。`,
    // Model, para. 75: "ومثِّلت منظمة فرسان مالطة العسكرية المستقلة وهي هيئة لها مكتب مراقب دائم."
    ar: ({ list }, one) => {
      if (!one) return `ومثِّلت الهيئات التالية التي لها مكاتب مراقبة دائمة: ${list}.`;
      return arabicFeminine(list) ? `ومثِّلت ${list} وهي هيئة لها مكتب مراقب دائم.` : `ومثِّل ${list} وهو هيئة لها مكتب مراقب دائم.`;
    },
  },
  igo: {
    en: ({ list }, one) =>
      one
        ? `The following intergovernmental organization was represented by an observer: ${list}.`
        : `The following intergovernmental organizations were represented by observers: ${list}.`,
    fr: ({ list }, one) =>
      one
        ? `L’organisation intergouvernementale suivante était représentée par un observateur${nb}: ${list}.`
        : `Les organisations intergouvernementales suivantes étaient représentées par des observateurs${nb}: ${list}.`,
    es: ({ list }, one) =>
      one
        ? `Estuvo representada por un observador la siguiente organización intergubernamental: ${list}.`
        : `Estuvieron representadas por observadores las siguientes organizaciones intergubernamentales: ${list}.`,
    ru: ({ list }, one) =>
      one
        ? `Наблюдателем была представлена следующая межправительственная организация: ${list}.`
        : `Наблюдателями были представлены следующие межправительственные организации: ${list}.`,
    zh: ({ list }) => `下列政府间组织派观察员出席了会议：${list}。`,
    // Model, para. 76.
    ar: ({ list }, one) => (one ? `ومثّلت بمراقب المنظمة الحكومية الدولية التالية: ${list}.` : `ومثّلت بمراقبين المنظمات الحكومية الدولية التالية: ${list}.`),
  },
  ngo: {
    en: ({ list }, one) =>
      one
        ? `The following non-governmental organization was represented by an observer: ${list}.`
        : `The following non-governmental organizations were represented by observers: ${list}.`,
    fr: ({ list }, one) =>
      one
        ? `L’organisation non gouvernementale suivante était représentée par un observateur${nb}: ${list}.`
        : `Les organisations non gouvernementales suivantes étaient représentées par des observateurs${nb}: ${list}.`,
    es: ({ list }, one) =>
      one
        ? `Estuvo representada por un observador la siguiente organización no gubernamental: ${list}.`
        : `Estuvieron representadas por observadores las siguientes organizaciones no gubernamentales: ${list}.`,
    ru: ({ list }, one) =>
      one
        ? `Наблюдателем была представлена следующая неправительственная организация: ${list}.`
        : `Наблюдателями были представлены следующие неправительственные организации: ${list}.`,
    zh: ({ list }) => `下列非政府组织派观察员出席了会议：${list}。`,
    ar: ({ list }, one) => (one ? `ومثّلت بمراقب المنظمة غير الحكومية التالية: ${list}.` : `ومثّلت بمراقبين المنظمات غير الحكومية التالية: ${list}.`),
  },
};

export function attendanceSentence(category: Category, words: AttendanceWords, lang: Lang): string {
  return FRAMES[category][lang](words, words.count === 1);
}
