import { useTranslation } from 'react-i18next';
import { CATEGORIES, compareNames, formatInteger, delegationName, type Delegation, type Lang, type MeetingState } from '@gavel/shared';
import type { ReactNode } from 'react';

/** Delegations grouped by category, in the order the report lists the categories, each in the language's UN order. */
export function groupByCategory(state: MeetingState, lang: Lang) {
  const compare = compareNames(lang);
  return CATEGORIES.map((category) => ({
    category,
    delegations: Object.values(state.delegations)
      .filter((d) => d.category === category)
      .sort((a, b) => compare(delegationName(a, lang), delegationName(b, lang))),
  })).filter((g) => g.delegations.length > 0);
}

/** The list of participants, live; `actions` adds controls per delegation. */
export function ParticipantList({
  state,
  highlight,
  actions,
}: {
  state: MeetingState;
  highlight?: string;
  actions?: (d: Delegation) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const groups = groupByCategory(state, lang);
  const total = Object.keys(state.delegations).length;
  return (
    <section className="participants" aria-labelledby="participants-heading">
      <h2 id="participants-heading">
        {t('participants.title')} <span className="count">{t('participants.count', { count: formatInteger(total, lang) })}</span>
      </h2>
      {total === 0 ? <p className="muted">{t('participants.none')}</p> : null}
      {groups.map((g) => (
        <div key={g.category} className="category-group">
          <h3>
            {t(`categories.${g.category}`)} <span className="count">({formatInteger(g.delegations.length, lang)})</span>
          </h3>
          <ul className="delegation-list" data-category={g.category}>
            {g.delegations.map((d) => (
              <li key={d.id} className={d.id === highlight ? 'mine' : undefined} data-testid="delegation">
                <span className="delegation-name" dir="auto">
                  {delegationName(d, lang)}
                </span>
                {d.id === highlight ? <span className="badge">{t('participants.yours')}</span> : null}
                {actions ? <span className="row-actions">{actions(d)}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
