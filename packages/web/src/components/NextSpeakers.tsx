import { useTranslation } from 'react-i18next';
import { nextSpeakers, type Lang, type MeetingState } from '@gavel/shared';
import { speakerLabel } from './speakerLabel';

/** The next few speakers on an item; a delegation sees its own lines in bold. */
export function NextSpeakers({ state, itemId, now, highlight }: { state: MeetingState; itemId: string; now: number; highlight?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const lines = nextSpeakers(state, itemId, 8, now);
  if (lines.length === 0) return null;
  return (
    <section className="card" aria-labelledby="next-heading">
      <h2 id="next-heading">{t('delegationView.nextSpeakers')}</h2>
      <ol className="next-speakers">
        {lines.map((l) => (
          <li key={l.entry.id} className={l.entry.delegationId === highlight ? 'mine' : undefined}>
            <span dir="auto">{speakerLabel(state, l.entry, lang)}</span>
            {l.entry.kind !== 'statement' ? <span className={`kind-badge kind-${l.entry.kind}`}>{t(`kinds.${l.entry.kind}`)}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
