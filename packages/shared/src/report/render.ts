import { formatDate, formatInteger } from '../i18n/dates';
import { formatAgendaLabel } from '../i18n/labels';
import type { Lang } from '../languages';
import { delegationName } from '../participants/names';
import { attendanceSentence } from './attendance';
import { addressed, frenchWith } from './grammar';
import { joinList, type ListStyle } from './lists';
import type { AgendaRef, DocumentRef, NameMap, PanellistRef, Sentence } from './model';
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
 * "27–29 января 2010 года", "2010年1月27日至29日",
 * "من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠"; a one-day meeting: "on 27 January 2010".
 */
export function dateSpan(start: string, end: string, lang: Lang): string {
  const a = ymd(start);
  const b = ymd(end);
  if (!a || !b || start === end) {
    const d = reportDate(start, lang);
    return { en: `on ${d}`, fr: `le ${d}`, es: `el ${d}`, ru: d, zh: d, ar: `في ${d}` }[lang];
  }
  const sameYear = a[0] === b[0];
  const sameMonth = sameYear && a[1] === b[1];
  const endText = reportDate(end, lang);
  // The year (and the month) once, at the end, when both days share it: "from 30 January to 2 February 2010",
  // "30 января – 2 февраля 2010 года", "2010年1月30日至2月2日"; in full when the year changes.
  if (lang === 'zh') return `${reportDate(start, lang)}至${sameMonth ? `${b[2]}日` : sameYear ? `${b[1]}月${b[2]}日` : endText}`;
  const first = sameMonth ? (lang === 'fr' && a[2] === 1 ? '1er' : formatInteger(a[2], lang)) : sameYear ? dayMonth(start, lang) : reportDate(start, lang);
  switch (lang) {
    case 'en':
      return `from ${first} to ${endText}`;
    case 'fr':
      return `du ${first} au ${endText}`;
    case 'es':
      return `del ${first} al ${endText}`;
    case 'ru':
      // As a UN report in Russian dates its meeting: "в Вене 30 мая – 1 июня 2012 года" (un-texts.ts); "27–29 января 2010 года".
      return sameMonth ? `${first}–${endText}` : `${first} – ${endText}`;
    case 'ar':
      return `من ${first} إلى ${endText}`;
  }
}

/**
 * A day of the meeting as the sentences of chapters III and IV write it,
 * without the year, which the opening paragraph gave (model, paras. 67, 85:
 * "في ٢٧ كانون الثاني/يناير"; "On 27 January"): "27 January", "27 janvier",
 * "27 de enero", "27 января", "1月27日", "٢٧ كانون الثاني/يناير".
 */
export function dayMonth(iso: string, lang: Lang): string {
  const d = ymd(iso);
  if (!d) return iso;
  switch (lang) {
    case 'zh':
      return `${d[1]}月${d[2]}日`;
    case 'ru':
      return reportDate(iso, lang).replace(/ \d+ года$/, '');
    default:
      return reportDate(iso, lang).replace(/( de)? [0-9٠-٩]+$/, '');
  }
}

/**
 * Several days: "27 and 28 January", "27 et 28 janvier", "27 y 28 de enero",
 * "27 и 28 января", "1月27日和28日", "٢٧ و٢٨ كانون الثاني/يناير"; days of
 * different months each with its month.
 */
function days(list: readonly string[], lang: Lang): string {
  const parsed = list.map(ymd);
  const oneMonth = parsed.every((p) => p && parsed[0] && p[0] === parsed[0][0] && p[1] === parsed[0][1]);
  if (list.length < 2 || !oneMonth) return joinList(list.map((d) => dayMonth(d, lang)), lang);
  if (lang === 'zh') return `${parsed[0]![1]}月${joinList(parsed.map((p) => `${p![2]}日`), lang)}`;
  const last = dayMonth(list[list.length - 1], lang);
  const numbers = parsed.slice(0, -1).map((p) => (lang === 'fr' && p![2] === 1 ? '1er' : formatInteger(p![2], lang)));
  return joinList([...numbers, last], lang);
}

/** "On 27 January, …" and its kin: the sentence's opening words for one or several days. */
function onDays(list: readonly string[], lang: Lang): string {
  const d = days(list, lang);
  const several = list.length > 1;
  return {
    en: `On ${d}`,
    fr: `${several ? 'Les' : 'Le'} ${d}`,
    es: `${several ? 'Los días' : 'El'} ${d}`,
    ru: d,
    zh: d,
    ar: `في ${d}`,
  }[lang];
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

/** "Dominika Krois (Poland)", "Venla Roth女士（芬兰）". */
function personPhrase(person: string, country: NameMap | null, lang: Lang): string {
  if (!country) return person;
  const c = name(country, lang);
  return lang === 'zh' ? `${person}（${c}）` : `${person} (${c})`;
}

/**
 * The opening by the chair (model, para. 66: "وافتتحت الاجتماع الرئيسة
 * دومينيكا كرويس (بولندا)"): the function in the chair's gender where the
 * language marks it, and a sentence that needs no gender when none is known.
 */
function openedBy(chair: NonNullable<Extract<Sentence, { kind: 'meeting_opened' }>['chair']>, lang: Lang): string {
  const who = personPhrase(chair.name, chair.country, lang);
  const g = chair.gender;
  switch (lang) {
    case 'en':
      return `The meeting was opened by the Chair, ${who}.`;
    case 'zh':
      return `会议由主席${who}宣布开幕。`;
    case 'fr':
      return g ? `La réunion a été ouverte par ${g === 'f' ? 'la Présidente' : 'le Président'}, ${who}.` : `La réunion a été ouverte par ${who}, qui en assurait la présidence.`;
    case 'es':
      return g ? `${g === 'f' ? 'La Presidenta' : 'El Presidente'}, ${who}, abrió la reunión.` : `Abrió la reunión ${who}, que ocupaba la Presidencia.`;
    case 'ru':
      return g ? `Совещание ${g === 'f' ? 'открыла' : 'открыл'} Председатель ${who}.` : `Совещание было открыто Председателем ${who}.`;
    case 'ar':
      return g === 'f' ? `وافتتحت الاجتماع الرئيسة ${who}.` : g === 'm' ? `وافتتح الاجتماع الرئيس ${who}.` : `وافتُتح الاجتماع برئاسة ${who}.`;
  }
}

/** The panellists (model, para. 88), each with the form of address and the country. */
function panellistsSentence(panellists: readonly PanellistRef[], lang: Lang): string {
  const people = panellists.map((p) => personPhrase(addressed(p.name, p.title ?? '', p.gender ?? null, lang), p.country, lang));
  const list = joinList(people, lang, lang === 'ar' ? 'comma_and' : lang === 'zh' ? 'comma' : 'and');
  const one = panellists.length === 1;
  const f = one && panellists[0].gender === 'f';
  switch (lang) {
    case 'en':
      return `The following ${one ? 'panellist' : 'panellists'} took part: ${list}.`;
    case 'fr':
      return one
        ? `${f ? 'L’intervenante suivante' : 'L’intervenant suivant'} a participé à la réunion-débat\u00a0: ${list}.`
        : `Les intervenants suivants ont participé à la réunion-débat\u00a0: ${list}.`;
    case 'es':
      return one ? `Participó ${f ? 'la siguiente ponente' : 'el siguiente ponente'}: ${list}.` : `Participaron los siguientes ponentes: ${list}.`;
    case 'ru':
      // The verb agrees with "эксперт" (masculine, for a woman too), as "следующий" does.
      return one ? `В обсуждении принял участие следующий эксперт: ${list}.` : `В обсуждении приняли участие следующие эксперты: ${list}.`;
    case 'zh':
      return `下列小组成员参加了讨论：${list}。`;
    case 'ar':
      return one
        ? f
          ? `وشاركت في المناقشة المتكلمة التالية اسمها، وهي: ${list}.`
          : `وشارك في المناقشة المتكلم التالي اسمه، وهو: ${list}.`
        : `وشارك المتكلمون التالية أسماؤهم في المناقشة، وهم: ${list}.`;
  }
}

/**
 * The documents paragraph when the secretariat described every document
 * (issue 13; the model's English outline: "the working group had before it a
 * background paper prepared by the Secretariat on … (CTOC/COP/WG.4/2010/2)";
 * model, para. 78 in Arabic): the descriptions stand in the sentence as its
 * object, each followed by its symbol, with no "following documents:".
 * French takes "saisi de" before each ("d’un document …", "du rapport …").
 */
function describedDocuments(documents: readonly DocumentRef[], label: string, lang: Lang): string {
  const each = documents.map((d) => {
    const text = (d.description ?? '').trim();
    const cited = lang === 'zh' ? `${text}（${d.symbol}）` : `${text} (${d.symbol})`;
    return lang === 'fr' ? frenchWith('de', cited).replace(/^de (un|une) /, 'd’$1 ') : cited;
  });
  const list = joinList(each, lang, lang === 'ar' ? 'comma_and' : 'and');
  return {
    // The outline's English (reference/README.md, para. 86): the item named just before, "the item" (Arabic, para. 78, numbers it).
    en: `For its consideration of the item, the working group had before it ${list}.`,
    fr: `Pour l’examen du point ${label} de l’ordre du jour, le Groupe de travail était saisi ${list}.`,
    es: `Para el examen del tema ${label} del programa, el Grupo de Trabajo tuvo ante sí ${list}.`,
    ru: `При рассмотрении пункта ${label} повестки дня Рабочая группа имела в своем распоряжении ${list}.`,
    zh: `为审议议程项目${label}，工作组收到了${list}。`,
    ar: `وعُرض على الفريق العامل، من أجل نظره في البند ${label} من جدول الأعمال، ${list}.`,
  }[lang];
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
      if (sentence.chair) return openedBy(sentence.chair, lang);
      return {
        en: 'The meeting was opened by the Chair.',
        fr: 'La réunion a été ouverte par la présidence.',
        es: 'La Presidencia abrió la reunión.',
        ru: 'Совещание было открыто Председателем.',
        zh: '会议由主席宣布开幕。',
        ar: 'وافتتحت الرئاسة الاجتماع.',
      }[lang];
    }
    case 'agenda_adopted': {
      // Model, para. 67: "في ٢٧ كانون الثاني/يناير، أقر الفريق العامل جدول الأعمال التالي:"
      const on = onDays([sentence.date], lang);
      return {
        en: `${on}, the working group adopted the following agenda:`,
        fr: `${on}, le Groupe de travail a adopté l’ordre du jour suivant\u00a0:`,
        es: `${on}, el Grupo de Trabajo aprobó el siguiente programa:`,
        ru: `${on} Рабочая группа утвердила следующую повестку дня:`,
        zh: `${on}，工作组通过了以下议程：`,
        ar: `${on}، أقر الفريق العامل جدول الأعمال التالي:`,
      }[lang];
    }
    case 'attendance': {
      // The model lists States after a colon, separated by commas ("A, B, C" / "A، B، C"); a Chinese list after "下列…："
      // by enumeration commas only, as UN texts write it (tests/support/un-texts.ts).
      const list = names(sentence.names, lang, lang === 'ar' || lang === 'zh' ? 'comma' : 'and');
      return attendanceSentence(sentence.category, { list, count: sentence.names.length, instrument: sentence.instrument ?? '' }, lang);
    }
    case 'item_considered': {
      const label = itemLabel(sentence.item, lang);
      const t = quoted(sentence.item.title, lang);
      // Model, paras. 85 and 110: "في ٢٧ كانون الثاني/يناير، نظر الفريق العامل في البند ٣ من جدول الأعمال المعنون "…"."
      // The date leads in every language, Chinese too, as UN texts render "On 22 June, the Committee considered …"
      // ("6月22日，委员会审议了…", tests/support/un-texts.ts); so do the agenda's and the report's adoption.
      const on = sentence.dates.length > 0 ? onDays(sentence.dates, lang) : '';
      return {
        en: `${on ? `${on}, the` : 'The'} working group considered agenda item ${label}, entitled ${t}.`,
        fr: `${on ? `${on}, le` : 'Le'} Groupe de travail a examiné le point ${label} de l’ordre du jour, intitulé ${t}.`,
        es: `${on ? `${on}, el` : 'El'} Grupo de Trabajo examinó el tema ${label} del programa, titulado ${t}.`,
        ru: `${on ? `${on} ` : ''}Рабочая группа рассмотрела пункт ${label} повестки дня, озаглавленный ${t}.`,
        zh: `${on ? `${on}，` : ''}工作组审议了题为${t}的议程项目${label}。`,
        ar: `${on ? `${on}، ` : ''}نظر الفريق العامل في البند ${label} من جدول الأعمال المعنون ${t}.`,
      }[lang];
    }
    case 'documents_before': {
      const label = itemLabel(sentence.item, lang);
      const described = sentence.documents.every((d) => d.description);
      if (described) return describedDocuments(sentence.documents, label, lang);
      const list = joinList(sentence.documents.map((x) => documentRef(x, lang)), lang, lang === 'ar' ? 'comma_and' : 'and');
      // Titles are typed as titles ("Background paper …"), so the European languages announce them after a colon;
      // Arabic and Chinese cite them as the model does (para. 78: "وعُرض على الفريق العامل، من أجل نظره في البند ٢ من جدول الأعمال، تقرير … (CTOC/COP/WG.4/2009/2).").
      const one = sentence.documents.length === 1;
      return {
        en: `For its consideration of the item, the working group had before it the following ${one ? 'document' : 'documents'}: ${list}.`,
        fr: `Pour l’examen du point ${label} de l’ordre du jour, le Groupe de travail était saisi ${one ? 'du document suivant' : 'des documents suivants'}\u00a0: ${list}.`,
        es: `Para el examen del tema ${label} del programa, el Grupo de Trabajo tuvo ante sí ${one ? 'el siguiente documento' : 'los siguientes documentos'}: ${list}.`,
        ru: `При рассмотрении пункта ${label} повестки дня Рабочая группа имела в своем распоряжении ${one ? 'следующий документ' : 'следующие документы'}: ${list}.`,
        zh: `为审议议程项目${label}，工作组收到了${list}。`,
        ar: `وعُرض على الفريق العامل، من أجل نظره في البند ${label} من جدول الأعمال، ${list}.`,
      }[lang];
    }
    case 'panellists':
      return panellistsSentence(sentence.panellists, lang);
    case 'states_heard': {
      // Arabic: the model separates the States heard by commas only; Chinese lists after "下列…：" too (UN texts, un-texts.ts).
      const list = names(sentence.names, lang, lang === 'ar' || lang === 'zh' ? 'comma' : 'and');
      const label = itemLabel(sentence.item, lang);
      if (sentence.names.length === 1) {
        return {
          en: `Under agenda item ${label}, the working group heard a statement by the representative of the following State: ${list}.`,
          fr: `Au titre du point ${label} de l’ordre du jour, le Groupe de travail a entendu une déclaration du représentant de l’État suivant\u00a0: ${list}.`,
          es: `En relación con el tema ${label} del programa, el Grupo de Trabajo escuchó una declaración del representante del siguiente Estado: ${list}.`,
          ru: `По пункту ${label} повестки дня Рабочая группа заслушала заявление представителя следующего государства: ${list}.`,
          zh: `在议程项目${label}下，工作组听取了下列国家代表的发言：${list}。`,
          ar: `في إطار البند ${label} من جدول الأعمال، استمع الفريق العامل إلى كلمة ألقاها ممثل الدولة التالية: ${list}.`,
        }[lang];
      }
      return {
        en: `Under agenda item ${label}, the working group heard statements by representatives of the following States: ${list}.`,
        fr: `Au titre du point ${label} de l’ordre du jour, le Groupe de travail a entendu des déclarations des représentants des États suivants\u00a0: ${list}.`,
        es: `En relación con el tema ${label} del programa, el Grupo de Trabajo escuchó declaraciones de los representantes de los siguientes Estados: ${list}.`,
        ru: `По пункту ${label} повестки дня Рабочая группа заслушала заявления представителей следующих государств: ${list}.`,
        zh: `在议程项目${label}下，工作组听取了下列国家代表的发言：${list}。`,
        // Model, para. 107.
        ar: `في إطار البند ${label} من جدول الأعمال، استمع الفريق العامل إلى كلمات ألقاها ممثلو الدول التالية: ${list}.`,
      }[lang];
    }
    case 'reio_heard': {
      const one = sentence.names.length === 1;
      const list = names(sentence.names, lang, lang === 'zh' ? 'comma' : 'and');
      return {
        en: one
          ? `The representative of the following regional economic integration organization also made a statement: ${list}.`
          : `The representatives of the following regional economic integration organizations also made statements: ${list}.`,
        // French and Chinese: the frame of a UN report's "Elle a entendu aussi des déclarations des observateurs de …" /
        // "会议还听取了下列组织观察员的发言：…" (tests/support/un-texts.ts).
        fr: one
          ? `Le Groupe de travail a entendu aussi une déclaration du représentant de l’organisation régionale d’intégration économique suivante\u00a0: ${list}.`
          : `Le Groupe de travail a entendu aussi des déclarations des représentants des organisations régionales d’intégration économique suivantes\u00a0: ${list}.`,
        es: one
          ? `También formuló una declaración el representante de la siguiente organización regional de integración económica: ${list}.`
          : `También formularon declaraciones los representantes de las siguientes organizaciones regionales de integración económica: ${list}.`,
        ru: one
          ? `С заявлением выступил также представитель следующей региональной организации экономической интеграции: ${list}.`
          : `С заявлениями выступили также представители следующих региональных организаций экономической интеграции: ${list}.`,
        zh: `工作组还听取了下列区域经济一体化组织代表的发言：${list}。`,
        // Model, para. 107: "وأدلى ممثل الاتحاد الأوروبي بكلمة." (para. 79 writes "كما تكلم ممثل …", which the observers' sentence then takes).
        ar: one ? `وأدلى ممثل ${list} بكلمة.` : `وأدلى ممثلو ${list} بكلمات.`,
      }[lang];
    }
    case 'observers_heard': {
      const one = sentence.names.length === 1;
      const list = names(sentence.names, lang, lang === 'zh' ? 'comma' : 'and');
      // Palestine is an entity with an observer mission, not a State: the languages that name the kind say so.
      const of = sentence.of ?? 'states';
      const kind = {
        fr: { states: ['de l’État suivant', 'des États suivants'], entities: ['de l’entité suivante', 'des entités suivantes'], states_and_entities: ['', 'des États et entités suivants'] },
        es: { states: ['del siguiente Estado', 'de los siguientes Estados'], entities: ['de la siguiente entidad', 'de las siguientes entidades'], states_and_entities: ['', 'de los siguientes Estados y entidades'] },
        ru: { states: ['от следующего государства', 'от следующих государств'], entities: ['от следующего образования', 'от следующих образований'], states_and_entities: ['', 'от следующих государств и образований'] },
        zh: { states: ['国家', '国家'], entities: ['实体', '实体'], states_and_entities: ['国家和实体', '国家和实体'] },
      } as const;
      const k = (l: 'fr' | 'es' | 'ru' | 'zh') => kind[l][of][one ? 0 : 1];
      return {
        en: one ? `The observer for ${list} also made a statement.` : `The observers for ${list} also made statements.`,
        fr: one
          ? `Le Groupe de travail a entendu aussi une déclaration de l’observateur ${k('fr')}\u00a0: ${list}.`
          : `Le Groupe de travail a entendu aussi des déclarations des observateurs ${k('fr')}\u00a0: ${list}.`,
        es: one ? `También formuló una declaración el observador ${k('es')}: ${list}.` : `También formularon declaraciones los observadores ${k('es')}: ${list}.`,
        ru: one ? `С заявлением выступил также наблюдатель ${k('ru')}: ${list}.` : `С заявлениями выступили также наблюдатели ${k('ru')}: ${list}.`,
        zh: `工作组还听取了下列${k('zh')}观察员的发言：${list}。`,
        // Model, paras. 101 and 114: "كما تكلم المراقبون عن اليابان واليونان."
        ar: one ? `كما تكلم المراقب عن ${list}.` : `كما تكلم المراقبون عن ${list}.`,
      }[lang];
    }
    case 'organizations_heard': {
      const one = sentence.names.length === 1;
      const list = names(sentence.names, lang, lang === 'zh' ? 'comma' : 'and');
      return {
        en: one
          ? `A statement was also made by the observer for the following organization: ${list}.`
          : `Statements were also made by the observers for the following organizations: ${list}.`,
        fr: one
          ? `Le Groupe de travail a entendu aussi une déclaration de l’observateur de l’organisation suivante\u00a0: ${list}.`
          : `Le Groupe de travail a entendu aussi des déclarations des observateurs des organisations suivantes\u00a0: ${list}.`,
        es: one
          ? `También formuló una declaración el observador de la siguiente organización: ${list}.`
          : `También formularon declaraciones los observadores de las siguientes organizaciones: ${list}.`,
        ru: one
          ? `С заявлением выступил также наблюдатель от следующей организации: ${list}.`
          : `С заявлениями выступили также наблюдатели от следующих организаций: ${list}.`,
        zh: `工作组还听取了下列组织观察员的发言：${list}。`,
        // Model, para. 93: "وكذلك أدلى المراقب من جامعة الدول العربية بكلمة."
        ar: one ? `وكذلك أدلى المراقب من ${list} بكلمة.` : `وكذلك أدلى المراقبون من ${list} بكلمات.`,
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
      // Not in the model (its report was adopted after it was written); the year given, as the report may be adopted later.
      const d = reportDate(sentence.date, lang);
      return {
        en: `On ${d}, the working group adopted the report on its meeting.`,
        fr: `Le ${d}, le Groupe de travail a adopté le rapport sur sa réunion.`,
        es: `El ${d}, el Grupo de Trabajo aprobó el informe sobre su reunión.`,
        ru: `${d} Рабочая группа утвердила доклад о работе своего совещания.`,
        zh: `${d}，工作组通过了关于其会议的报告。`,
        ar: `في ${d}، اعتمد الفريق العامل التقرير عن اجتماعه.`,
      }[lang];
    }
  }
}

/** A generated paragraph's text: its sentences one after the other (Chinese without a space). */
export function renderSentences(sentences: readonly Sentence[], lang: Lang): string {
  return sentences.map((s) => renderSentence(s, lang)).join(lang === 'zh' ? '' : ' ');
}
