/**
 * Words the negotiation writes: the footnote of a paragraph kept without
 * consensus, in the document's language (generated report sentences, like
 * editor/labels.ts), and category names for messages (English; clients show
 * their own from i18n by the `details` of an error).
 */
import { en } from '../i18n/ui/en';
import type { Lang } from '../languages';
import type { Category } from '../participants/categories';

/** "Observer State", for "Norway (Observer State) may not …". */
export const CATEGORY_NAMES: Record<Category, string> = en.category;
/** "States parties", for "only States parties, … may". */
export const CATEGORY_PLURALS: Record<Category, string> = en.categories;

/**
 * The standard footnote of a recommendation the group could not agree on
 * (footnote 9 of the model report); `{ref}` is where the reference goes.
 */
export function footnoteSentence(lang: Lang): string {
  switch (lang) {
    case 'ar':
      return 'للاطلاع على مناقشة الفريق العامل بشأن هذه التوصية، انظر {ref}.';
    case 'zh':
      return '关于工作组对这项建议的讨论，见{ref}。';
    case 'fr':
      return 'Pour le débat du Groupe de travail sur cette recommandation, voir {ref}.';
    case 'es':
      return 'Para el debate del Grupo de trabajo sobre esta recomendación, véase {ref}.';
    case 'ru':
      return 'Об обсуждении этой рекомендации Рабочей группой см. {ref}.';
    default:
      return 'For the discussion of the working group on this recommendation, see {ref}.';
  }
}
