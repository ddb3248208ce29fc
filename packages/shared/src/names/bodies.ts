/**
 * The UN bodies and organizations that meetings of this kind name (the body,
 * its parent, the organizations attending), as UN documents of each
 * language name them. Offered as suggestions where the secretariat types
 * such a name; never applied without the secretariat choosing it.
 */
import type { Localized } from '../core/localized';
import { LANGUAGES, type Lang } from '../languages';

export interface OfficialName {
  names: Required<Localized>;
  /** Intergovernmental organizations and entities with standing invitations as observers in the General Assembly. */
  permanentObserver?: boolean;
}

export const UN_BODIES: readonly OfficialName[] = [
  {
    names: {
      en: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
      fr: 'Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée',
      es: 'Conferencia de las Partes en la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional',
      ru: 'Конференция участников Конвенции Организации Объединенных Наций против транснациональной организованной преступности',
      zh: '联合国打击跨国有组织犯罪公约缔约方会议',
      ar: 'مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
    },
  },
  {
    names: {
      en: 'Working Group on Trafficking in Persons',
      fr: 'Groupe de travail sur la traite des personnes',
      es: 'Grupo de Trabajo sobre la Trata de Personas',
      ru: 'Рабочая группа по торговле людьми',
      zh: '贩运人口问题工作组',
      ar: 'الفريق العامل المعني بالاتجار بالأشخاص',
    },
  },
  {
    names: {
      en: 'Conference of the States Parties to the United Nations Convention against Corruption',
      fr: 'Conférence des États parties à la Convention des Nations Unies contre la corruption',
      es: 'Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción',
      ru: 'Конференция государств – участников Конвенции Организации Объединенных Наций против коррупции',
      zh: '联合国反腐败公约缔约国会议',
      ar: 'مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد',
    },
  },
  {
    names: {
      en: 'Commission on Crime Prevention and Criminal Justice',
      fr: 'Commission pour la prévention du crime et la justice pénale',
      es: 'Comisión de Prevención del Delito y Justicia Penal',
      ru: 'Комиссия по предупреждению преступности и уголовному правосудию',
      zh: '预防犯罪和刑事司法委员会',
      ar: 'لجنة منع الجريمة والعدالة الجنائية',
    },
  },
  {
    names: {
      en: 'Commission on Narcotic Drugs',
      fr: 'Commission des stupéfiants',
      es: 'Comisión de Estupefacientes',
      ru: 'Комиссия по наркотическим средствам',
      zh: '麻醉药品委员会',
      ar: 'لجنة المخدرات',
    },
  },
  {
    names: {
      en: 'Human Rights Council',
      fr: 'Conseil des droits de l’homme',
      es: 'Consejo de Derechos Humanos',
      ru: 'Совет по правам человека',
      zh: '人权理事会',
      ar: 'مجلس حقوق الإنسان',
    },
  },
  {
    names: {
      en: 'Economic and Social Council',
      fr: 'Conseil économique et social',
      es: 'Consejo Económico y Social',
      ru: 'Экономический и Социальный Совет',
      zh: '经济及社会理事会',
      ar: 'المجلس الاقتصادي والاجتماعي',
    },
  },
];

export const UN_ORGANIZATIONS: readonly OfficialName[] = [
  {
    names: {
      en: 'United Nations Office on Drugs and Crime',
      fr: 'Office des Nations Unies contre la drogue et le crime',
      es: 'Oficina de las Naciones Unidas contra la Droga y el Delito',
      ru: 'Управление Организации Объединенных Наций по наркотикам и преступности',
      zh: '联合国毒品和犯罪问题办公室',
      ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة',
    },
  },
  {
    names: {
      en: 'Office of the United Nations High Commissioner for Refugees',
      fr: 'Haut-Commissariat des Nations Unies pour les réfugiés',
      es: 'Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados',
      ru: 'Управление Верховного комиссара Организации Объединенных Наций по делам беженцев',
      zh: '联合国难民事务高级专员办事处',
      ar: 'مفوضية الأمم المتحدة لشؤون اللاجئين',
    },
  },
  {
    names: {
      en: 'Office of the United Nations High Commissioner for Human Rights',
      fr: 'Haut-Commissariat des Nations Unies aux droits de l’homme',
      es: 'Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos',
      ru: 'Управление Верховного комиссара Организации Объединенных Наций по правам человека',
      zh: '联合国人权事务高级专员办事处',
      ar: 'مفوضية الأمم المتحدة لحقوق الإنسان',
    },
  },
  {
    names: {
      en: 'United Nations Children’s Fund',
      fr: 'Fonds des Nations Unies pour l’enfance',
      es: 'Fondo de las Naciones Unidas para la Infancia',
      ru: 'Детский фонд Организации Объединенных Наций',
      zh: '联合国儿童基金会',
      ar: 'منظمة الأمم المتحدة للطفولة',
    },
  },
  {
    names: {
      en: 'International Labour Organization',
      fr: 'Organisation internationale du Travail',
      es: 'Organización Internacional del Trabajo',
      ru: 'Международная организация труда',
      zh: '国际劳工组织',
      ar: 'منظمة العمل الدولية',
    },
  },
  {
    names: {
      en: 'International Organization for Migration',
      fr: 'Organisation internationale pour les migrations',
      es: 'Organización Internacional para las Migraciones',
      ru: 'Международная организация по миграции',
      zh: '国际移民组织',
      ar: 'المنظمة الدولية للهجرة',
    },
    permanentObserver: true,
  },
  {
    names: {
      en: 'European Union',
      fr: 'Union européenne',
      es: 'Unión Europea',
      ru: 'Европейский союз',
      zh: '欧洲联盟',
      ar: 'الاتحاد الأوروبي',
    },
    permanentObserver: true,
  },
  {
    names: {
      en: 'Council of Europe',
      fr: 'Conseil de l’Europe',
      es: 'Consejo de Europa',
      ru: 'Совет Европы',
      zh: '欧洲委员会',
      ar: 'مجلس أوروبا',
    },
    permanentObserver: true,
  },
  {
    names: {
      en: 'League of Arab States',
      fr: 'Ligue des États arabes',
      es: 'Liga de los Estados Árabes',
      ru: 'Лига арабских государств',
      zh: '阿拉伯国家联盟',
      ar: 'جامعة الدول العربية',
    },
    permanentObserver: true,
  },
  {
    names: {
      en: 'International Criminal Police Organization (INTERPOL)',
      fr: 'Organisation internationale de police criminelle (INTERPOL)',
      es: 'Organización Internacional de Policía Criminal (INTERPOL)',
      ru: 'Международная организация уголовной полиции (Интерпол)',
      zh: '国际刑事警察组织（国际刑警组织）',
      ar: 'المنظمة الدولية للشرطة الجنائية (الإنتربول)',
    },
    permanentObserver: true,
  },
  {
    names: {
      en: 'Organization for Security and Cooperation in Europe',
      fr: 'Organisation pour la sécurité et la coopération en Europe',
      es: 'Organización para la Seguridad y la Cooperación en Europa',
      ru: 'Организация по безопасности и сотрудничеству в Европе',
      zh: '欧洲安全与合作组织',
      ar: 'منظمة الأمن والتعاون في أوروبا',
    },
    permanentObserver: true,
  },
  {
    names: {
      en: 'Sovereign Military Order of Malta',
      fr: 'Ordre souverain militaire de Malte',
      es: 'Soberana Orden Militar de Malta',
      ru: 'Суверенный военный Мальтийский орден',
      zh: '马耳他主权军事教团',
      ar: 'منظمة فرسان مالطة العسكرية ذات السيادة',
    },
    permanentObserver: true,
  },
];

const key = (s: string) => s.normalize('NFKC').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim().toLocaleLowerCase();
const BY_NAME = new Map<string, OfficialName>(
  [...UN_BODIES, ...UN_ORGANIZATIONS].flatMap((o) => LANGUAGES.map((l): [string, OfficialName] => [key(o.names[l]), o])),
);

/** The table's entry for words typed in any language ("Council of Europe", "مجلس أوروبا"), if any. */
export function officialNameOf(words: Localized): OfficialName | undefined {
  for (const l of LANGUAGES) {
    const v = words[l];
    const found = v ? BY_NAME.get(key(v)) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The names the table offers in a language, for a field's suggestions. */
export function officialNamesIn(lang: Lang): string[] {
  return [...UN_BODIES, ...UN_ORGANIZATIONS].map((o) => o.names[lang]);
}
