/**
 * Beside "status at a glance": which paragraphs have amendments before the
 * group, open brackets, standing objections; a chip per paragraph jumps to
 * it in the text (and selects it, so its negotiation opens beside).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import type { DraftStore } from '../../editor/store';
import { jumpTo } from '../text/ParagraphPanels';
import { negotiationAgenda, type ParagraphAgenda } from './present';
import type { Negotiation } from './useNegotiation';

const ROWS = [
  { key: 'amendments', has: (p: ParagraphAgenda) => p.amendments.length > 0 },
  { key: 'brackets', has: (p: ParagraphAgenda) => p.brackets > 0 },
  { key: 'objections', has: (p: ParagraphAgenda) => p.objections > 0 },
] as const;

export function NegotiationGlance({ n, store }: { n: Negotiation; store: DraftStore }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const id = useId();
  const agenda = negotiationAgenda(n.state.negotiation, n.doc, n.order);
  if (agenda.length === 0) return null;
  return (
    <section className="panel negotiation-glance" aria-labelledby={`${id}-title`} data-testid="negotiation-glance">
      <h2 id={`${id}-title`}>{t('amendments.beforeTheGroup')}</h2>
      <ul className="glance-list">
        {ROWS.map((row) => {
          const paragraphs = agenda.filter(row.has);
          if (paragraphs.length === 0) return null;
          return (
            <li key={row.key} className={`glance-row negotiation-${row.key}`}>
              <span className="glance-label">{t(`amendments.glance.${row.key}`)}</span>
              <span className="count">{formatInteger(paragraphs.length, n.lang)}</span>
              <div className="glance-chips">
                {paragraphs.map((p) => {
                  const number = n.numberOf(p.paragraphId);
                  return number === null ? null : (
                    <button
                      key={p.paragraphId}
                      type="button"
                      className="chip"
                      aria-label={t('paragraphs.jump', { number: formatInteger(number, n.docLang) })}
                      onClick={() => jumpTo(store, p.paragraphId)}
                    >
                      {formatInteger(number, n.docLang)}
                    </button>
                  );
                })}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
