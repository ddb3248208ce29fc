import { formatDate, formatInteger } from '../i18n/dates';
import { formatAgendaLabel } from '../i18n/labels';
import type { Lang } from '../languages';
import type { Category } from '../participants/categories';
import { delegationName } from '../participants/names';
import { joinList, type ListStyle } from './lists';
import type { AgendaRef, DocumentRef, Gender, NameMap, Sentence } from './model';
import { venueName } from './venues';

/**
 * Generated sentences written as UN documents write them in each language.
 * Arabic: Arabic-Indic digits, double month names, the Arabic comma, and the
 * model report's ways of joining lists; document symbols stay in Latin script.
 */

/** A date in a sentence; French writes the first of the month "1er". */
export function reportDate(iso: string, lang: Lang): string {
  const text = formatDate(iso, lang);
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

function ymd(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * The span of the meeting as a sentence says it: "from 27 to 29 January 2010",
 * "du 27 au 29 janvier 2010", "del 27 al 29 de enero de 2010",
 * "с 27 по 29 января 2010 года", "2010年1月27日至29日",
 * "من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠"; a one-day meeting: "on 27 January 2010".
 */
export function dateSpan(start: string, end: string, lang: Lang): string {
  const a = ymd(start);
  const b = ymd(end);
  if (!a || !b || start === end) {
    const d = reportDate(start, lang);
    return { en: `on ${d}`, fr: `le ${d}`, es: `el ${d}`, ru: d, zh: d, ar: `في ${d}` }[lang];
  }
  const sameMonth = a[0] === b[0] && a[1] === b[1];
  const endText = reportDate(end, lang);
  if (lang === 'zh') return sameMonth ? `${reportDate(start, lang)}至${b[2]}日` : `${reportDate(start, lang)}至${endText}`;
  const first = sameMonth ? (lang === 'fr' && a[2] === 1 ? '1er' : formatInteger(a[2], lang)) : reportDate(start, lang);
  const firstRu = sameMonth ? String(a[2]) : reportDate(start, lang).replace(/ года$/, '');
  switch (lang) {
    case 'en':
      return `from ${first} to ${endText}`;
    case 'fr':
      return `du ${first} au ${endText}`;
    case 'es':
      return `del ${first} al ${endText}`;
    case 'ru':
      return `с ${firstRu} по ${endText}`;
    case 'ar':
      return `من ${first} إلى ${endText}`;
  }
}

/** Several dates in a sentence, in order: "27 January 2010 and 28 January 2010". */
function dates(list: readonly string[], lang: Lang): string {
  return joinList(list.map((d) => reportDate(d, lang)), lang);
}

function name(names: NameMap, lang: Lang): string {
  return delegationName({ names }, lang);
}

function names(list: readonly NameMap[], lang: Lang, style: ListStyle = 'and'): string {
  return joinList(list.map((n) => name(n, lang)), lang, style);
}

function itemLabel(item: AgendaRef, lang: Lang): string {
  return formatAgendaLabel(item.path, lang);
}

/** Quotation marks around a title: “…” in English, « … » in French and Russian ("«…»"), "…" in Arabic. */
function quoted(text: string, lang: Lang): string {
  switch (lang) {
    case 'en':
    case 'zh':
      return `“${text}”`;
    case 'fr':
      return `«\u00a0${text}\u00a0»`;
    case 'es':
    case 'ru':
      return `«${text}»`;
    case 'ar':
      return `"${text}"`;
  }
}

/** A document as a report cites it: "Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2)". */
export function documentRef(d: DocumentRef, lang: Lang): string {
  const title = d.title.trim();
  if (!title) return d.symbol;
  return lang === 'zh' ? `${title}（${d.symbol}）` : `${title} (${d.symbol})`;
}

/** "The following States parties were represented at the meeting: …" per category. */
const ATTENDANCE: Record<Category, Record<Lang, (list: string, count: number) => string>> = {
  state_party: {
    en: (l) => `The following States parties were represented at the meeting: ${l}.`,
    fr: (l) => `Les États parties suivants étaient représentés à la réunion\u00a0: ${l}.`,
    es: (l) => `Estuvieron representados en la reunión los siguientes Estados partes: ${l}.`,
    ru: (l) => `На совещании были представлены следующие государства-участники: ${l}.`,
    zh: (l) => `下列缔约国派代表出席了会议：${l}。`,
    ar: (l) => `مثّلت الدول الأطراف التالية في الاجتماع: ${l}.`,
  },
  reio_party: {
    en: (l, n) => n === 1 ? `${l}, a regional economic integration organization party, was also represented at the meeting.` : `The following regional economic integration organizations parties were also represented at the meeting: ${l}.`,
    fr: (l) => `Les organisations régionales d’intégration économique parties suivantes étaient également représentées\u00a0: ${l}.`,
    es: (l) => `También estuvieron representadas las siguientes organizaciones regionales de integración económica partes: ${l}.`,
    ru: (l) => `Были также представлены следующие региональные организации экономической интеграции – участники: ${l}.`,
    zh: (l) => `下列区域经济一体化组织缔约方也派代表出席了会议：${l}。`,
    ar: (l, n) => n === 1 ? `ومثّل في الاجتماع أيضا ${l}، وهو منظمة إقليمية للتكامل الاقتصادي وطرف.` : `ومثّلت في الاجتماع أيضا منظمات التكامل الاقتصادي الإقليمية الأطراف التالية: ${l}.`,
  },
  signatory: {
    en: (l) => `The following signatory States were represented by observers: ${l}.`,
    fr: (l) => `Les États signataires suivants étaient représentés par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representados por observadores los siguientes Estados signatarios: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие подписавшие государства: ${l}.`,
    zh: (l) => `下列签署国派观察员出席了会议：${l}。`,
    ar: (l) => `ومثّلت بمراقبين الدول الموقِّعة التالية: ${l}.`,
  },
  observer_state: {
    en: (l) => `The following States that are not parties or signatories were represented by observers: ${l}.`,
    fr: (l) => `Les États suivants, qui ne sont ni parties ni signataires, étaient représentés par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representados por observadores los siguientes Estados que no son partes ni signatarios: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие государства, не являющиеся участниками или подписавшими сторонами: ${l}.`,
    zh: (l) => `下列非缔约国和非签署国派观察员出席了会议：${l}。`,
    ar: (l) => `ومثّلت بمراقبين أيضا الدول التالية التي ليست أطرافا ولا موقِّعة: ${l}.`,
  },
  observer_entity: {
    en: (l, n) => n === 1 ? `${l}, an entity maintaining a permanent observer mission, was represented by an observer.` : `The following entities maintaining permanent observer missions were represented by observers: ${l}.`,
    fr: (l) => `Les entités suivantes, dotées d’une mission permanente d’observation, étaient représentées par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representadas por observadores las siguientes entidades que mantienen misiones permanentes de observación: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие образования, имеющие постоянные миссии наблюдателей: ${l}.`,
    zh: (l) => `下列设有常驻观察员代表团的实体派观察员出席了会议：${l}。`,
    ar: (l, n) => n === 1 ? `ومثّلت ${l} أيضا بمراقب، وهي كيان له بعثة مراقب دائم.` : `ومثّلت بمراقبين الكيانات التالية التي لها بعثات مراقبة دائمة: ${l}.`,
  },
  un_body: {
    en: (l) => `The following United Nations bodies were represented by observers: ${l}.`,
    fr: (l) => `Les organismes des Nations Unies suivants étaient représentés par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representados por observadores los siguientes órganos de las Naciones Unidas: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие органы Организации Объединенных Наций: ${l}.`,
    zh: (l) => `下列联合国机构派观察员出席了会议：${l}。`,
    ar: (l) => `ومثّلت هيئات الأمم المتحدة التالية بمراقبين: ${l}.`,
  },
  igo: {
    en: (l) => `The following intergovernmental organizations were represented by observers: ${l}.`,
    fr: (l) => `Les organisations intergouvernementales suivantes étaient représentées par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representadas por observadores las siguientes organizaciones intergubernamentales: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие межправительственные организации: ${l}.`,
    zh: (l) => `下列政府间组织派观察员出席了会议：${l}。`,
    ar: (l) => `ومثّلت بمراقبين المنظمات الحكومية الدولية التالية: ${l}.`,
  },
  other_entity: {
    en: (l) => `The following other entities were represented by observers: ${l}.`,
    fr: (l) => `Les autres entités suivantes étaient représentées par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representadas por observadores las siguientes otras entidades: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие другие образования: ${l}.`,
    zh: (l) => `下列其他实体派观察员出席了会议：${l}。`,
    ar: (l) => `ومثّلت بمراقبين الكيانات الأخرى التالية: ${l}.`,
  },
  ngo: {
    en: (l) => `The following non-governmental organizations were represented by observers: ${l}.`,
    fr: (l) => `Les organisations non gouvernementales suivantes étaient représentées par des observateurs\u00a0: ${l}.`,
    es: (l) => `Estuvieron representadas por observadores las siguientes organizaciones no gubernamentales: ${l}.`,
    ru: (l) => `Наблюдателями были представлены следующие неправительственные организации: ${l}.`,
    zh: (l) => `下列非政府组织派观察员出席了会议：${l}。`,
    ar: (l) => `ومثّلت بمراقبين المنظمات غير الحكومية التالية: ${l}.`,
  },
};

function chairPhrase(chair: { name: string; country: NameMap | null; gender: Gender }, lang: Lang): string {
  if (!chair.country) return chair.name;
  const country = name(chair.country, lang);
  return lang === 'zh' ? `${chair.name}（${country}）` : `${chair.name} (${country})`;
}

/** Writes a generated sentence in a language. */
export function renderSentence(sentence: Sentence, lang: Lang): string {
  switch (sentence.kind) {
    case 'meeting_held': {
      const span = dateSpan(sentence.startDate, sentence.endDate, lang);
      const v = venueName(sentence.venue, lang);
      return {
        en: `The working group held its meeting in ${v} ${span}.`,
        fr: `Le Groupe de travail a tenu sa réunion à ${v} ${span}.`,
        es: `El Grupo de Trabajo celebró su reunión en ${v} ${span}.`,
        ru: `Рабочая группа провела свое совещание в ${v} ${span}.`,
        zh: `工作组于${span}在${v}举行了会议。`,
        ar: `عقد الفريق العامل اجتماعه في ${v} ${span}.`,
      }[lang];
    }
    case 'meeting_opened': {
      const c = sentence.chair;
      if (!c) {
        return {
          en: 'The meeting was opened by the Chair.',
          fr: 'La réunion a été ouverte par la présidence.',
          es: 'La Presidencia abrió la reunión.',
          ru: 'Совещание открыл Председатель.',
          zh: '会议由主席宣布开幕。',
          ar: 'وافتتحت الرئاسة الاجتماع.',
        }[lang];
      }
      const who = chairPhrase(c, lang);
      const f = c.gender === 'f';
      return {
        en: `The meeting was opened by the Chair, ${who}.`,
        fr: `La réunion a été ouverte par ${f ? 'la Présidente' : 'le Président'}, ${who}.`,
        es: `${f ? 'La Presidenta' : 'El Presidente'}, ${who}, abrió la reunión.`,
        ru: `Совещание ${f ? 'открыла' : 'открыл'} Председатель ${who}.`,
        zh: `会议由主席${who}宣布开幕。`,
        ar: f ? `وافتتحت الاجتماع الرئيسة ${who}.` : `وافتتح الاجتماع الرئيس ${who}.`,
      }[lang];
    }
    case 'agenda_adopted': {
      const d = reportDate(sentence.date, lang);
      return {
        en: `On ${d}, the working group adopted the following agenda:`,
        fr: `Le ${d}, le Groupe de travail a adopté l’ordre du jour suivant\u00a0:`,
        es: `El ${d}, el Grupo de Trabajo aprobó el siguiente programa:`,
        ru: `${d} Рабочая группа утвердила следующую повестку дня:`,
        zh: `工作组于${d}通过了以下议程：`,
        ar: `في ${d}، أقر الفريق العامل جدول الأعمال التالي:`,
      }[lang];
    }
    case 'attendance': {
      // The model lists States after a colon, separated by commas ("A, B, C" / "A، B، C").
      const list = names(sentence.names, lang, lang === 'ar' ? 'comma' : 'and');
      return ATTENDANCE[sentence.category][lang](list, sentence.names.length);
    }
    case 'item_considered': {
      const d = dates(sentence.dates, lang);
      const label = itemLabel(sentence.item, lang);
      const t = quoted(sentence.item.title, lang);
      if (sentence.dates.length === 0) {
        return {
          en: `The working group considered agenda item ${label}, entitled ${t}.`,
          fr: `Le Groupe de travail a examiné le point ${label} de l’ordre du jour, intitulé ${t}.`,
          es: `El Grupo de Trabajo examinó el tema ${label} del programa, titulado ${t}.`,
          ru: `Рабочая группа рассмотрела пункт ${label} повестки дня, озаглавленный ${t}.`,
          zh: `工作组审议了题为${t}的议程项目${label}。`,
          ar: `نظر الفريق العامل في البند ${label} من جدول الأعمال المعنون ${t}.`,
        }[lang];
      }
      return {
        en: `On ${d}, the working group considered agenda item ${label}, entitled ${t}.`,
        fr: `Le ${d}, le Groupe de travail a examiné le point ${label} de l’ordre du jour, intitulé ${t}.`,
        es: `El ${d}, el Grupo de Trabajo examinó el tema ${label} del programa, titulado ${t}.`,
        ru: `${d} Рабочая группа рассмотрела пункт ${label} повестки дня, озаглавленный ${t}.`,
        zh: `工作组于${d}审议了题为${t}的议程项目${label}。`,
        ar: `في ${d}، نظر الفريق العامل في البند ${label} من جدول الأعمال المعنون ${t}.`,
      }[lang];
    }
    case 'documents_before': {
      const list = joinList(sentence.documents.map((x) => documentRef(x, lang)), lang, lang === 'ar' ? 'comma_and' : 'and');
      // Titles are cited as written ("Note by the Secretariat …"), so the sentence announces them.
      const one = sentence.documents.length === 1;
      return {
        en: `For its consideration of the item, the working group had before it the following ${one ? 'document' : 'documents'}: ${list}.`,
        fr: `Pour l’examen de ce point, le Groupe de travail était saisi ${one ? 'du document suivant' : 'des documents suivants'}\u00a0: ${list}.`,
        es: `Para el examen del tema, el Grupo de Trabajo tuvo ante sí ${one ? 'el siguiente documento' : 'los siguientes documentos'}: ${list}.`,
        ru: `При рассмотрении этого пункта Рабочая группа имела в своем распоряжении ${one ? 'следующий документ' : 'следующие документы'}: ${list}.`,
        zh: `为审议该项目，工作组收到了下列文件：${list}。`,
        ar: `وعُرض على الفريق العامل، من أجل نظره في هذا البند، ما يلي: ${list}.`,
      }[lang];
    }
    case 'panellists': {
      const people = sentence.panellists.map((p) => (p.country ? chairPhrase({ name: p.name, country: p.country, gender: null }, lang) : p.name));
      const list = joinList(people, lang, lang === 'ar' ? 'comma_and' : 'and');
      return {
        en: `The following panellists took part: ${list}.`,
        fr: `Les intervenants suivants ont participé à la réunion-débat\u00a0: ${list}.`,
        es: `Participaron los siguientes ponentes: ${list}.`,
        ru: `В обсуждении приняли участие следующие эксперты: ${list}.`,
        zh: `下列小组成员参加了讨论：${list}。`,
        ar: `وشارك المتكلمون التالية أسماؤهم في المناقشة، وهم: ${list}.`,
      }[lang];
    }
    case 'states_heard': {
      // Arabic: the model separates the States heard by commas only.
      const list = names(sentence.names, lang, lang === 'ar' ? 'comma' : 'and');
      const label = itemLabel(sentence.item, lang);
      return {
        en: `Under agenda item ${label}, the working group heard statements by representatives of the following States: ${list}.`,
        fr: `Au titre du point ${label} de l’ordre du jour, le Groupe de travail a entendu des déclarations des représentants des États suivants\u00a0: ${list}.`,
        es: `En relación con el tema ${label} del programa, el Grupo de Trabajo escuchó declaraciones de los representantes de los siguientes Estados: ${list}.`,
        ru: `По пункту ${label} повестки дня Рабочая группа заслушала заявления представителей следующих государств: ${list}.`,
        zh: `在议程项目${label}下，工作组听取了下列国家代表的发言：${list}。`,
        ar: `واستمع الفريق العامل، في إطار البند ${label} من جدول الأعمال، إلى كلمات ألقاها ممثلو الدول التالية: ${list}.`,
      }[lang];
    }
    case 'reio_heard': {
      const one = sentence.names.length === 1;
      const list = names(sentence.names, lang);
      return {
        en: one ? `The representative of the ${list} also made a statement.` : `The representatives of the following organizations also made statements: ${list}.`,
        fr: `${one ? 'Le représentant de l’organisation suivante a' : 'Les représentants des organisations suivantes ont'} également fait ${one ? 'une déclaration' : 'des déclarations'}\u00a0: ${list}.`,
        es: one ? `También formuló una declaración el representante de la siguiente organización: ${list}.` : `También formularon declaraciones los representantes de las siguientes organizaciones: ${list}.`,
        ru: one ? `С заявлением выступил также представитель следующей организации: ${list}.` : `С заявлениями выступили также представители следующих организаций: ${list}.`,
        zh: `下列组织的代表也作了发言：${list}。`,
        ar: one ? `كما تكلم ممثل ${list}.` : `كما تكلم ممثلو ${list}.`,
      }[lang];
    }
    case 'observers_heard': {
      const one = sentence.names.length === 1;
      const list = names(sentence.names, lang);
      return {
        en: one ? `The observer for ${list} also made a statement.` : `The observers for ${list} also made statements.`,
        fr: `Des déclarations ont également été faites par les observateurs des États suivants\u00a0: ${list}.`,
        es: `También formularon declaraciones los observadores de los siguientes Estados: ${list}.`,
        ru: `С заявлениями выступили также наблюдатели от следующих государств: ${list}.`,
        zh: `下列国家的观察员也作了发言：${list}。`,
        ar: one ? `وأدلى المراقب عن ${list} بكلمة أيضا.` : `وأدلى المراقبون عن ${list} بكلمات أيضا.`,
      }[lang];
    }
    case 'organizations_heard': {
      const list = names(sentence.names, lang, lang === 'ar' ? 'comma' : 'and');
      return {
        en: `Statements were also made by the observers for the following organizations: ${list}.`,
        fr: `Des déclarations ont également été faites par les observateurs des organisations suivantes\u00a0: ${list}.`,
        es: `También formularon declaraciones los observadores de las siguientes organizaciones: ${list}.`,
        ru: `С заявлениями выступили также наблюдатели от следующих организаций: ${list}.`,
        zh: `下列组织的观察员也作了发言：${list}。`,
        ar: `وتكلم أيضا المراقبون عن المنظمات التالية: ${list}.`,
      }[lang];
    }
    case 'documentation':
      // III.D: the documents follow as a list, as the adopted agenda follows its paragraph.
      return {
        en: 'The working group had before it the following documents:',
        fr: 'Le Groupe de travail était saisi des documents suivants\u00a0:',
        es: 'El Grupo de Trabajo tuvo ante sí los siguientes documentos:',
        ru: 'Рабочая группа имела в своем распоряжении следующие документы:',
        zh: '工作组收到了下列文件：',
        ar: 'وعُرضت على الفريق العامل الوثائق التالية:',
      }[lang];
    case 'report_adopted': {
      const d = reportDate(sentence.date, lang);
      return {
        en: `On ${d}, the working group adopted the report on its meeting.`,
        fr: `Le ${d}, le Groupe de travail a adopté le rapport sur sa réunion.`,
        es: `El ${d}, el Grupo de Trabajo aprobó el informe sobre su reunión.`,
        ru: `${d} Рабочая группа утвердила доклад о работе своего совещания.`,
        zh: `工作组于${d}通过了关于其会议的报告。`,
        ar: `في ${d}، اعتمد الفريق العامل التقرير عن اجتماعه.`,
      }[lang];
    }
  }
}

/** A generated paragraph's text: its sentences one after the other (Chinese without a space). */
export function renderSentences(sentences: readonly Sentence[], lang: Lang): string {
  return sentences.map((s) => renderSentence(s, lang)).join(lang === 'zh' ? '' : ' ');
}
