import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  agendaInOrder,
  CATEGORIES,
  dayProgramme,
  formatDate,
  formatInteger,
  SPEAKER_KINDS,
  speakerDelegationName,
  speakingTime,
  type Capacity,
  type DelegationTime,
  type Lang,
  type MeetingState,
  type SpeakingTimeSummary,
} from '@gavel/shared';
import { Words } from './Words';
import { formatSignedDuration, formatVenueTime, itemHeading, itemNumber } from './format';
import { useServerNow } from './useServerNow';

/** The categories of the chart's "by category" table, in the report's order; panellists first. */
const CATEGORY_ROWS = ['panellist', ...CATEGORIES, 'none'] as const;
type CategoryRow = (typeof CATEGORY_ROWS)[number];

/** A bar's length as a share of the longest one, in percent; a sliver for any time at all. */
export function barPercent(ms: number, maxMs: number): number {
  if (ms <= 0 || maxMs <= 0) return 0;
  return Math.max(1, Math.min(100, (ms / maxMs) * 100));
}

/**
 * Who has spoken how long, and on which item; and the time left on today's
 * programme against the speakers still waiting. For the secretariat's
 * statements log and the chair console. Plain HTML tables with CSS bars: the
 * figures are in the tables, the bars only draw them.
 */
export function SpeakingTimeChart({ state, nowMs }: { state: MeetingState; nowMs?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const filterId = useId();
  const [itemId, setItemId] = useState('');
  const serverNow = useServerNow(15_000);
  const now = nowMs ?? serverNow;
  const items = agendaInOrder(state.agenda);
  const summary = useMemo(() => speakingTime(state, itemId ? { itemId } : {}), [state, itemId]);
  const duration = (ms: number) => formatSignedDuration(ms, lang);
  const itemName = (id: string) => {
    const item = state.agenda.items[id];
    return item ? itemHeading(item, lang) : '?';
  };

  return (
    <section className="card time-chart" aria-labelledby={`${filterId}-heading`} data-testid="speaking-time-chart">
      <div className="time-chart-head">
        <h2 id={`${filterId}-heading`}>{t('chart.title')}</h2>
        <div className="time-chart-filter">
          <label htmlFor={filterId}>{t('chart.filter')}</label>
          <select id={filterId} data-testid="chart-item" value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">{t('chart.allItems')}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {itemName(i.id)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="time-chart-total" role="status">
        {t('chart.total', { count: formatInteger(summary.total.count, lang), time: duration(summary.total.totalMs) })}
      </p>
      {summary.total.count === 0 ? (
        <p className="muted">{t('chart.none')}</p>
      ) : (
        <>
          <DelegationTable state={state} summary={summary} duration={duration} />
          <div className="time-chart-columns">
            <BarTable
              caption={t('chart.byCategory')}
              head={t('chart.category')}
              rows={CATEGORY_ROWS.flatMap((c) => {
                const tally = summary.byCategory[c];
                return tally ? [{ key: c, name: categoryName(c, t), ...tally }] : [];
              })}
              duration={duration}
              lang={lang}
            />
            <BarTable
              caption={t('chart.byCapacity')}
              head={t('chart.capacity')}
              rows={SPEAKER_KINDS.flatMap((k) => {
                const tally = summary.byCapacity[k];
                return tally.count > 0 ? [{ key: k, name: t(`kinds.${k}`), swatch: k, ...tally }] : [];
              })}
              duration={duration}
              lang={lang}
            />
            {itemId ? null : (
              <BarTable
                wide
                caption={t('chart.byItem')}
                head={t('chart.item')}
                rows={summary.byItem.map((i) => ({ key: i.itemId, name: itemName(i.itemId), nameLang: state.info.language, ...i }))}
                duration={duration}
                lang={lang}
              />
            )}
          </div>
        </>
      )}
      <Programme state={state} now={now} />
    </section>
  );
}

function categoryName(c: CategoryRow, t: (key: string) => string): string {
  if (c === 'panellist') return t('chart.panellists');
  if (c === 'none') return t('chart.others');
  return t(`categories.${c}`);
}

/** Who spoke how long: one bar per delegation (panellists on their own), split by capacity. */
function DelegationTable({
  state,
  summary,
  duration,
}: {
  state: MeetingState;
  summary: SpeakingTimeSummary;
  duration: (ms: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const max = summary.byDelegation[0]?.totalMs ?? 0;
  const name = (row: DelegationTime) => {
    // The live registry's name, else the one recorded with a statement of the delegation.
    const recorded = row.delegationId ? state.statements.find((s) => s.delegationId === row.delegationId) : undefined;
    const delegation = speakerDelegationName(state, recorded ?? { delegationId: row.delegationId }, lang);
    if (row.speakerName === null && row.delegationId) return delegation ?? '?';
    const person = row.speakerName || t('chart.unnamed');
    return delegation ? t('chart.panellistOf', { name: person, delegation }) : person;
  };
  const used = SPEAKER_KINDS.filter((k) => summary.byCapacity[k].count > 0);
  return (
    <div className="table-scroll">
      <table className="table time-table">
        <caption>{t('chart.byDelegation')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.who')}</th>
            <th scope="col">{t('chart.time')}</th>
            <th scope="col" className="num">
              {t('chart.statements')}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.byDelegation.map((row) => {
            const who = name(row);
            return (
              <tr key={`${row.delegationId ?? ''}:${row.speakerName ?? ''}`} data-testid="chart-delegation">
                <th scope="row" dir="auto">
                  {who}
                </th>
                <td>
                  <div className="bar-cell">
                    <span className="bar-track" aria-hidden="true">
                      {used.map((k) =>
                        row.byCapacity[k] > 0 ? (
                          <span
                            key={k}
                            className={`bar bar-${k}`}
                            style={{ inlineSize: `${barPercent(row.byCapacity[k], max)}%` }}
                            title={`${t(`kinds.${k}`)}: ${duration(row.byCapacity[k])}`}
                          />
                        ) : null,
                      )}
                    </span>
                    <span className="bar-figure" dir="ltr">
                      {duration(row.totalMs)}
                    </span>
                    {used.length > 1 ? (
                      <span className="visually-hidden">
                        {' '}
                        ({used
                          .filter((k) => row.byCapacity[k] > 0)
                          .map((k) => `${t(`kinds.${k}`)} ${duration(row.byCapacity[k])}`)
                          .join(', ')}
                        )
                      </span>
                    ) : null}
                  </div>
                </td>
                <td className="num">{formatInteger(row.count, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {used.length > 1 ? (
        <ul className="bar-legend" aria-hidden="true">
          {used.map((k) => (
            <li key={k}>
              <span className={`swatch bar-${k}`} /> {t(`kinds.${k}`)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface BarRow {
  key: string;
  name: string;
  nameLang?: string;
  swatch?: Capacity;
  totalMs: number;
  count: number;
}

function BarTable({
  wide = false,
  caption,
  head,
  rows,
  duration,
  lang,
}: {
  /** Across the whole chart, for long names (agenda items). */
  wide?: boolean;
  caption: string;
  head: string;
  rows: BarRow[];
  duration: (ms: number) => string;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const max = Math.max(0, ...rows.map((r) => r.totalMs));
  return (
    <div className={`table-scroll${wide ? ' wide' : ''}`}>
      <table className="table time-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('chart.time')}</th>
            <th scope="col" className="num">
              {t('chart.statements')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" dir="auto" lang={r.nameLang}>
                {r.name}
              </th>
              <td>
                <div className="bar-cell">
                  <span className="bar-track" aria-hidden="true">
                    <span className={`bar ${r.swatch ? `bar-${r.swatch}` : ''}`} style={{ inlineSize: `${barPercent(r.totalMs, max)}%` }} />
                  </span>
                  <span className="bar-figure" dir="ltr">
                    {duration(r.totalMs)}
                  </span>
                </div>
              </td>
              <td className="num">{formatInteger(r.count, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Today's programme: the time left until the day's end against the speaking time still asked for. */
function Programme({ state, now }: { state: MeetingState; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const p = dayProgramme(state, now);
  const zone = state.rules.programme.timeZone;
  const duration = (ms: number) => formatSignedDuration(ms, lang);
  // Once the day is over there is no time left, not a negative one.
  const left = Math.max(0, p.timeLeftMs);
  const balance = left - p.requestedMs;
  const over = balance < 0;
  return (
    <div className="programme" data-testid="day-programme">
      <h3>{t('chart.programme')}</h3>
      <p className="muted">
        {t('chart.programmeDay', { date: formatDate(p.date, lang), time: formatVenueTime(p.endsAt, zone, lang, false) })}
      </p>
      <dl className="programme-figures">
        <div>
          <dt>{t('chart.timeLeft')}</dt>
          <dd>
            <span dir="ltr">{duration(left)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('chart.requested')}</dt>
          <dd>
            <span dir="ltr">{duration(p.requestedMs)}</span>
          </dd>
        </div>
        <div className={over ? 'over' : undefined}>
          <dt>{t('chart.balance')}</dt>
          <dd>
            <span dir="ltr">{duration(balance)}</span>
          </dd>
        </div>
      </dl>
      {p.timeLeftMs <= 0 ? (
        <p className="notice">{t('chart.dayOver')}</p>
      ) : over ? (
        <p className="notice warn-over" data-testid="programme-warning">
          {t('chart.overrun', { time: duration(-balance) })}
        </p>
      ) : null}
      {p.items.length === 0 ? (
        <p className="muted">{t('chart.noProgrammeItems')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table compact">
            <caption className="visually-hidden">{t('chart.programmeItems')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.item')}</th>
                <th scope="col" className="num">
                  {t('chart.waiting')}
                </th>
                <th scope="col" className="num">
                  {t('chart.requested')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr key={i.itemId} aria-current={i.itemId === state.agenda.currentItemId ? 'true' : undefined}>
                  <th scope="row">
                    <span className="programme-label">{itemNumber(state.agenda.items[i.itemId]?.path ?? [], lang)}</span>{' '}
                    <span dir="auto">
                      <Words value={i.title} original={state.info.language} />
                    </span>
                    {i.itemId === state.agenda.currentItemId ? <span className="badge">{t('chart.current')}</span> : null}
                  </th>
                  <td className="num">{formatInteger(i.waitingSpeakers, lang)}</td>
                  <td className="num">
                    <span dir="ltr">{duration(i.requestedMs)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
