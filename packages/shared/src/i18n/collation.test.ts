import { describe, expect, it } from 'vitest';
import { compareNames } from './collation';

describe('alphabetical order of names', () => {
  it('orders Arabic names as the model report does: article ignored, alif forms as one', () => {
    const model = ['الاتحاد الروسي', 'أذربيجان', 'الأرجنتين', 'الأردن', 'أرمينيا', 'إسبانيا', 'أستراليا', 'إستونيا', 'إسرائيل'];
    const shuffled = [...model].reverse();
    shuffled.push(shuffled.splice(3, 1)[0]);
    expect(shuffled.sort(compareNames('ar'))).toEqual(model);
  });

  it('differs from the plain Arabic collation, which files the article under lam', () => {
    const plain = ['الأردن', 'أرمينيا'].sort(new Intl.Collator('ar').compare);
    const un = ['الأردن', 'أرمينيا'].sort(compareNames('ar'));
    expect(un).toEqual(['الأردن', 'أرمينيا']);
    expect(plain).not.toEqual(un);
  });

  it('orders a name of several words word by word', () => {
    expect(['جمهورية كوريا الشعبية الديمقراطية', 'جمهورية كوريا', 'جمهورية تنزانيا المتحدة'].sort(compareNames('ar'))).toEqual([
      'جمهورية تنزانيا المتحدة',
      'جمهورية كوريا',
      'جمهورية كوريا الشعبية الديمقراطية',
    ]);
  });

  it('orders French names by their letters, accents aside', () => {
    expect(['Équateur', 'Espagne', 'Égypte', 'Estonie'].sort(compareNames('fr'))).toEqual(['Égypte', 'Équateur', 'Espagne', 'Estonie']);
  });

  // The sequences below are the opening of the lists of States in UN documents of each language
  // (lists of participants, sponsors and Member States), as the UN prints them.
  const unOrder: Record<'en' | 'zh' | 'es' | 'ru', string[]> = {
    en: [
      'Costa Rica', "Côte d'Ivoire", 'Croatia', 'Cuba', 'Cyprus', 'Czechia', "Democratic People's Republic of Korea",
      'Democratic Republic of the Congo', 'Denmark', 'Iran (Islamic Republic of)', 'Iraq', 'Ireland',
      'United Kingdom of Great Britain and Northern Ireland', 'United Republic of Tanzania', 'United States of America', 'Uruguay',
      'Venezuela (Bolivarian Republic of)', 'Viet Nam', 'Yemen',
    ],
    // Chinese: by the pinyin of each character in turn (all 阿 a- before 埃 ai-), not by the English names.
    zh: [
      '阿尔巴尼亚', '阿尔及利亚', '阿根廷', '阿拉伯联合酋长国', '阿曼', '阿塞拜疆', '埃及', '埃塞俄比亚', '爱尔兰', '爱沙尼亚', '安哥拉',
      '安提瓜和巴布达', '奥地利', '澳大利亚', '巴巴多斯', '巴布亚新几内亚', '巴哈马', '巴基斯坦', '巴拉圭', '巴勒斯坦', '巴林', '巴拿马', '巴西',
      '白俄罗斯', '保加利亚',
    ],
    es: [
      'Afganistán', 'Albania', 'Alemania', 'Andorra', 'Angola', 'Antigua y Barbuda', 'Arabia Saudita', 'Argelia', 'Argentina', 'Armenia',
      'Australia', 'Austria', 'Azerbaiyán', 'Bahamas', 'Bahrein', 'Bangladesh', 'Barbados', 'Belarús', 'Bélgica', 'Belice', 'Benin', 'Bhután',
      'Bolivia (Estado Plurinacional de)',
    ],
    ru: [
      'Австралия', 'Австрия', 'Азербайджан', 'Албания', 'Алжир', 'Ангола', 'Андорра', 'Антигуа и Барбуда', 'Аргентина', 'Армения',
      'Афганистан', 'Багамские Острова', 'Бангладеш', 'Барбадос', 'Бахрейн', 'Беларусь', 'Белиз', 'Бельгия', 'Бенин', 'Болгария',
    ],
  };
  for (const [lang, list] of Object.entries(unOrder) as [keyof typeof unOrder, string[]][]) {
    it(`orders ${lang} names as UN lists of States do`, () => {
      const shuffled = list.map((name, i) => ({ name, key: (i * 7919) % list.length })).sort((a, b) => a.key - b.key).map((x) => x.name);
      expect(shuffled).not.toEqual(list);
      expect(shuffled.sort(compareNames(lang))).toEqual(list);
    });
  }
});
