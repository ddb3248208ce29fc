import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeField } from '../../components/DateTimeFields';
import { formatDuration, formatInteger, isTimeZone, type Category, type Lang, type MeetingState, type SpeakingRules } from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { formatZone, parseDuration } from '../../components/format';
import { useCommand } from '../../components/useCommand';
import { defaultPrecedence, isOrderOfRequest, moveCategory, moveClass, orderOfRequest, rulesPatch, type Precedence } from './rulesDraft';

/** The speaking times the form edits as minutes:seconds, and where each lives in the rules. */
const TIMES = ['statement', 'groupStatement', 'panellist', 'pointOfOrder', 'firstReply', 'secondReply'] as const;
type TimeKey = (typeof TIMES)[number];

const MIN_MS = 10_000;
const MAX_MS = 120 * 60_000;

function timesOf(rules: SpeakingRules): Record<TimeKey, number> {
  return {
    ...rules.speakingTimeMs,
    firstReply: rules.rightOfReply.firstMs,
    secondReply: rules.rightOfReply.secondMs,
  };
}

/** Every IANA time zone the browser knows, offered as the venue's. */
const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * The meeting's rules of procedure for the floor: speaking times, rights of
 * reply, the order of speakers (panellists, groups, classes of participants)
 * and the day's end for the programme.
 */
export function RulesTab({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const asText = (ms: number) => formatDuration(ms, lang);
  // The rules the draft started from: the patch is what the secretariat changed since, so
  // another officer's change to other rules in the meantime is not undone.
  const [base, setBase] = useState<SpeakingRules>(state.rules);
  const [draft, setDraft] = useState<SpeakingRules>(state.rules);
  const [times, setTimes] = useState<Record<TimeKey, string>>(() => mapTimes(timesOf(state.rules), asText));
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const zoneId = useId();

  const reset = (rules: SpeakingRules) => {
    setBase(rules);
    setDraft(rules);
    setTimes(mapTimes(timesOf(rules), asText));
    setProblem('');
  };

  // Someone else changed the rules while this form was untouched: show theirs.
  const untouched = rulesPatch(base, draft) === null && TIMES.every((k) => parseDuration(times[k]) === timesOf(base)[k]);
  if (untouched && JSON.stringify(base) !== JSON.stringify(state.rules)) reset(state.rules);

  const timeLabel: Record<TimeKey, string> = {
    statement: t('rules.statement'),
    groupStatement: t('rules.groupStatement'),
    panellist: t('rules.panellist'),
    pointOfOrder: t('rules.pointOfOrder'),
    firstReply: t('rules.firstReply'),
    secondReply: t('rules.secondReply'),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    const ms = {} as Record<TimeKey, number>;
    for (const k of TIMES) {
      const v = parseDuration(times[k]);
      if (v === null || v < MIN_MS || v > MAX_MS) {
        setProblem(t('rules.badTime', { field: timeLabel[k] }));
        document.getElementById(`rules-time-${k}`)?.focus();
        return;
      }
      ms[k] = v;
    }
    if (!isTimeZone(draft.programme.timeZone)) {
      setProblem(t('rules.badZone'));
      document.getElementById(zoneId)?.focus();
      return;
    }
    setProblem('');
    const next: SpeakingRules = {
      ...draft,
      speakingTimeMs: { statement: ms.statement, groupStatement: ms.groupStatement, panellist: ms.panellist, pointOfOrder: ms.pointOfOrder },
      rightOfReply: { ...draft.rightOfReply, firstMs: ms.firstReply, secondMs: ms.secondReply },
    };
    const patch = rulesPatch(base, next);
    if (!patch) return setStatus(t('rules.noChanges'));
    const result = await run({ type: 'rules.update', changes: patch });
    if (result) {
      // Start again from the rules as saved (the next render takes the state's, if they differ).
      reset(next);
      setStatus(t('rules.saved'));
    }
  };

  const set = (patch: Partial<SpeakingRules>) => {
    setStatus('');
    setDraft((d) => ({ ...d, ...patch }));
  };

  return (
    <form className="card rules-form" onSubmit={submit} aria-labelledby="rules-heading" data-testid="rules-form">
      <h2 id="rules-heading">{t('rules.title')}</h2>
      <p className="muted">{t('rules.intro')}</p>

      <fieldset>
        <legend>{t('rules.speakingTimes')}</legend>
        <p className="hint">{t('rules.durationHint')}</p>
        <div className="rules-times">
          {(['statement', 'groupStatement', 'panellist', 'pointOfOrder'] as const).map((k) => (
            <TimeInput key={k} k={k} label={timeLabel[k]} value={times[k]} onChange={(v) => setTimes({ ...times, [k]: v })} />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('rules.rightsOfReply')}</legend>
        <div className="rules-times">
          {(['firstReply', 'secondReply'] as const).map((k) => (
            <TimeInput key={k} k={k} label={timeLabel[k]} value={times[k]} onChange={(v) => setTimes({ ...times, [k]: v })} />
          ))}
          <Field label={t('rules.maxPerItem')}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={10}
                step={1}
                value={draft.rightOfReply.maxPerItem}
                onChange={(e) =>
                  set({ rightOfReply: { ...draft.rightOfReply, maxPerItem: Math.max(0, Math.min(10, Math.round(Number(e.target.value) || 0))) } })
                }
              />
            )}
          </Field>
        </div>
        <div role="radiogroup" aria-labelledby="rules-taken-at" className="radio-group">
          <p id="rules-taken-at" className="radio-group-label">
            {t('rules.takenAt')}
          </p>
          {(['end_of_item', 'when_called'] as const).map((v) => (
            <label key={v} className="inline">
              <input
                type="radio"
                name="takenAt"
                value={v}
                checked={draft.rightOfReply.takenAt === v}
                onChange={() => set({ rightOfReply: { ...draft.rightOfReply, takenAt: v } })}
              />
              {t(`rules.takenAt_${v}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('rules.order')}</legend>
        <label className="inline">
          <input type="checkbox" checked={draft.panellistsFirst} onChange={(e) => set({ panellistsFirst: e.target.checked })} />
          {t('rules.panellistsFirst')}
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.groupStatementsFirst}
            onChange={(e) => set({ groupStatementsFirst: e.target.checked })}
          />
          {t('rules.groupsFirst')}
        </label>
        <div role="radiogroup" aria-labelledby="rules-precedence" className="radio-group">
          <p id="rules-precedence" className="radio-group-label">
            {t('rules.precedence')}
          </p>
          <label className="inline">
            <input
              type="radio"
              name="precedence"
              checked={!isOrderOfRequest(draft.precedence)}
              onChange={() => set({ precedence: defaultPrecedence() })}
            />
            {t('rules.byClasses')}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="precedence"
              checked={isOrderOfRequest(draft.precedence)}
              onChange={() => set({ precedence: orderOfRequest() })}
            />
            {t('rules.requestOnly')}
          </label>
        </div>
        {isOrderOfRequest(draft.precedence) ? null : (
          <Classes precedence={draft.precedence} onChange={(precedence) => set({ precedence })} />
        )}
      </fieldset>

      <fieldset>
        <legend>{t('rules.programme')}</legend>
        <div className="row">
          <Field label={t('rules.dayEndsAt')} hint={t('rules.dayEndsAtHint')}>
            {(p) => (
              <TimeField
                id={p.id}
                describedBy={p['aria-describedby']}
                required
                value={draft.programme.dayEndsAt}
                onChange={(v) => set({ programme: { ...draft.programme, dayEndsAt: v } })}
              />
            )}
          </Field>
          <Field label={t('rules.timeZone')} hint={isTimeZone(draft.programme.timeZone) ? formatZone(draft.programme.timeZone) : t('rules.timeZoneHint')}>
            {(p) => (
              <>
                <input
                  {...p}
                  id={zoneId}
                  dir="ltr"
                  list={`${zoneId}-zones`}
                  data-testid="rules-zone"
                  required
                  value={draft.programme.timeZone}
                  onChange={(e) => set({ programme: { ...draft.programme, timeZone: e.target.value.trim() } })}
                />
                <datalist id={`${zoneId}-zones`}>
                  {ZONES.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('rules.save')}
        </button>
        <button type="button" disabled={busy || untouched} onClick={() => reset(state.rules)}>
          {t('rules.undo')}
        </button>
        {status && !error ? <span role="status">{status}</span> : null}
      </div>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  );
}

function mapTimes(ms: Record<TimeKey, number>, asText: (ms: number) => string): Record<TimeKey, string> {
  return Object.fromEntries(TIMES.map((k) => [k, asText(ms[k])])) as Record<TimeKey, string>;
}

function TimeInput({ k, label, value, onChange }: { k: TimeKey; label: string; value: string; onChange: (v: string) => void }) {
  const { t, i18n } = useTranslation();
  const ms = parseDuration(value);
  const bad = ms === null || ms < MIN_MS || ms > MAX_MS;
  return (
    <div className="field time-field">
      <label htmlFor={`rules-time-${k}`}>{label}</label>
      <input
        id={`rules-time-${k}`}
        inputMode="decimal"
        autoComplete="off"
        size={6}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `rules-time-${k}-bad` : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          // Tidy "3" into "3:00" once typed, in the UI's digits.
          if (!bad) onChange(formatDuration(ms, i18n.language as Lang));
        }}
      />
      {bad ? (
        <small id={`rules-time-${k}-bad`} className="error">
          {t('rules.badTimeShort')}
        </small>
      ) : null}
    </div>
  );
}

/** The classes of precedence: reorder them; move a category into another class or one of its own. */
function Classes({ precedence, onChange }: { precedence: Precedence; onChange: (p: Precedence) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const listId = useId();
  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
  return (
    <div className="precedence">
      <ol className="precedence-classes" aria-label={t('rules.classes')} id={listId}>
        {precedence.map((cls, i) => {
          const n = formatInteger(i + 1, lang);
          return (
            <li key={i} className="precedence-class" data-testid="precedence-class">
              <div className="precedence-class-head">
                <span className="precedence-class-name">{t('rules.class', { n })}</span>
                <span className="row-actions">
                  <button
                    type="button"
                    id={`${listId}-up-${i}`}
                    disabled={i === 0}
                    aria-label={t('rules.classUp', { n })}
                    title={t('rules.classUp', { n })}
                    onClick={() => {
                      onChange(moveClass(precedence, i, -1));
                      focusLater(i - 1 === 0 ? `${listId}-down-0` : `${listId}-up-${i - 1}`);
                    }}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    id={`${listId}-down-${i}`}
                    disabled={i === precedence.length - 1}
                    aria-label={t('rules.classDown', { n })}
                    title={t('rules.classDown', { n })}
                    onClick={() => {
                      onChange(moveClass(precedence, i, 1));
                      focusLater(i + 1 === precedence.length - 1 ? `${listId}-up-${i + 1}` : `${listId}-down-${i + 1}`);
                    }}
                  >
                    ↓
                  </button>
                </span>
              </div>
              <ul className="precedence-categories">
                {cls.map((c) => (
                  <CategoryLine key={c} category={c} classIndex={i} precedence={precedence} onChange={onChange} />
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange(defaultPrecedence())}>
        {t('rules.restoreDefault')}
      </button>
    </div>
  );
}

function CategoryLine({
  category,
  classIndex,
  precedence,
  onChange,
}: {
  category: Category;
  classIndex: number;
  precedence: Precedence;
  onChange: (p: Precedence) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const selectId = `rules-category-${category}`;
  const alone = precedence[classIndex].length === 1 && classIndex === precedence.length - 1;
  return (
    <li>
      <label htmlFor={selectId}>{t(`categories.${category}`)}</label>
      <select
        id={selectId}
        value={String(classIndex)}
        onChange={(e) => {
          onChange(moveCategory(precedence, category, e.target.value === 'new' ? 'new' : Number(e.target.value)));
          // The category's line moves to another class: keep the keyboard on it.
          setTimeout(() => document.getElementById(selectId)?.focus(), 0);
        }}
      >
        {precedence.map((_, i) => (
          <option key={i} value={String(i)}>
            {t('rules.class', { n: formatInteger(i + 1, lang) })}
          </option>
        ))}
        {alone ? null : <option value="new">{t('rules.newClass')}</option>}
      </select>
    </li>
  );
}
