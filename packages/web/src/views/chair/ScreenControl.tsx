import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  direction,
  formatInteger,
  LANGUAGE_AUTONYMS,
  LANGUAGES,
  SCREEN_MESSAGE_KINDS,
  isScreenId,
  screenMessageText,
  screenNames,
  screenOf,
  type Lang,
  type MeetingState,
  type ScreenMessage,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import type { CommandRunner } from '../../components/useCommand';
import { useLiveText } from '../../editor/liveText';

/**
 * The room's screens as the chair (or the conference officer) sets them:
 * which screen, what it shows (the speakers, the paragraph under discussion,
 * a message), and the message, said in six languages.
 */
export function ScreenControl({ state, runner }: { state: MeetingState; runner: CommandRunner }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [screen, setScreen] = useState('1');
  const [adding, setAdding] = useState('');
  const [addOpen, setAddOpen] = useState(false);
  const { snapshot } = useLiveText('recommendations', state.info.language);
  const shown = screenOf(state, screen);
  const records = state.paragraphs.recommendations ?? {};
  const underConsideration = Object.keys(records).find((id) => records[id].status === 'under_consideration');
  // The paragraph to show: the one last shown, else the first under consideration, else the text's first.
  const paragraphId = shown.paragraphId ?? state.screen.paragraphId ?? underConsideration ?? snapshot.reading?.units[0]?.id ?? null;
  const names = screenNames(state);
  if (!names.includes(screen)) names.push(screen);
  const newName = isScreenId(adding.trim()) ? adding.trim() : undefined;
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!newName) return;
    void runner.run({ type: 'screen.show', screen: newName, mode: 'speakers', paragraphId: null }).then((r) => {
      if (!r) return;
      setScreen(newName);
      setAdding('');
      setAddOpen(false);
    });
  };

  return (
    <section className="screen-control" aria-labelledby="screens-heading" data-testid="screen-control">
      <div className="screen-switch" role="group" aria-labelledby="screens-heading">
        <span id="screens-heading" className="muted">
          {t('day.screens')}
        </span>
        {names.map((name) => (
          <button
            key={name}
            type="button"
            className={screen === name ? 'screen-pick active' : 'screen-pick'}
            aria-pressed={screen === name}
            data-testid={`screen-pick-${name}`}
            onClick={() => setScreen(name)}
          >
            {t('day.screenName', { name: screenLabel(name, lang) })}
          </button>
        ))}
      </div>
      <div className="screen-switch" role="group" aria-label={t('day.screenName', { name: screenLabel(screen, lang) })}>
        <span className="muted">{t('day.screenName', { name: screenLabel(screen, lang) })}:</span>
        {(['speakers', 'text', 'message'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={shown.mode === mode}
            data-testid={`screen-mode-${mode}`}
            disabled={runner.busy || (mode === 'text' && !paragraphId)}
            onClick={() => void runner.run({ type: 'screen.show', screen, mode, paragraphId: mode === 'text' ? paragraphId : null })}
          >
            {mode === 'speakers' ? t('room.showSpeakers') : mode === 'text' ? t('room.showText') : t('day.showMessage')}
          </button>
        ))}
        <a href={`/screen${screen === '1' ? '' : `?screen=${screen}`}`} target="_blank" rel="noreferrer" className="screen-open">
          {t('day.openScreen', { name: screenLabel(screen, lang) })}
        </a>
      </div>
      <details className="screen-add" open={addOpen} onToggle={(e) => setAddOpen(e.currentTarget.open)}>
        <summary>{t('day.addScreen')}</summary>
        <form onSubmit={add} className="screen-message-form">
          <Field label={t('day.newScreen')} hint={t('day.newScreenHint')}>
            {(p) => <input {...p} value={adding} onChange={(e) => setAdding(e.target.value)} dir="ltr" data-testid="screen-new" />}
          </Field>
          <button type="submit" disabled={runner.busy || !newName}>
            {t('day.addScreen')}
          </button>
        </form>
      </details>
      <MessageEditor key={screen} state={state} screen={screen} message={shown.message} runner={runner} />
      <ErrorText error={runner.error} />
    </section>
  );
}

/** A screen's name as the chair reads it: "2" in the language's digits, a named screen as named. */
function screenLabel(name: string, lang: Lang): string {
  return /^\d+$/.test(name) ? formatInteger(Number(name), lang) : name;
}

type Kind = ScreenMessage['kind'];

function MessageEditor({ state, screen, message, runner }: { state: MeetingState; screen: string; message: ScreenMessage | null; runner: CommandRunner }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [kind, setKind] = useState<Kind>(message?.kind ?? 'suspended_until');
  const [time, setTime] = useState(message?.kind === 'suspended_until' ? message.time : '');
  const [room, setRoom] = useState(message?.kind === 'consultations' ? message.room : '');
  const [texts, setTexts] = useState<Partial<Record<Lang, string>>>(message?.kind === 'text' ? message.text : {});
  const draft: ScreenMessage | null =
    kind === 'suspended_until'
      ? /^([01]\d|2[0-3]):[0-5]\d$/.test(time)
        ? { kind, time }
        : null
      : kind === 'consultations'
        ? room.trim()
          ? { kind, room: room.trim() }
          : null
        : kind === 'adjourned'
          ? { kind }
          : Object.values(texts).some((v) => v?.trim())
            ? { kind, text: Object.fromEntries(Object.entries(texts).filter(([, v]) => v?.trim()).map(([l, v]) => [l, v!.trim()])) }
            : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft) void runner.run({ type: 'screen.message', screen, message: draft });
  };
  const say = (key: string, values: Record<string, string>) => t(`day.${key}`, values);
  return (
    <>
      {message ? (
        <p className="screen-message-now" data-testid="screen-message-now">
          <span className="muted">{t('day.messageNow')}</span>{' '}
          <strong dir="auto">{screenMessageText(message, lang, say, state.info.language)}</strong>{' '}
          <button type="button" className="small" disabled={runner.busy} onClick={() => void runner.run({ type: 'screen.message', screen, message: null })}>
            {t('day.takeOff')}
          </button>
        </p>
      ) : null}
      <details className="screen-message-editor" data-testid="screen-message-editor">
        <summary>{t('day.messageFor', { name: screenLabel(screen, i18n.language as Lang) })}</summary>
        <form onSubmit={submit} className="screen-message-form">
          <Field label={t('day.showMessage')}>
            {(p) => (
              <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="screen-message-kind">
                {SCREEN_MESSAGE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`day.kind_${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind === 'suspended_until' ? (
            <Field label={t('day.messageTime')}>
              {(p) => (
                <input {...p} value={time} onChange={(e) => setTime(e.target.value)} inputMode="numeric" placeholder="15:00" dir="ltr" data-testid="screen-message-time" />
              )}
            </Field>
          ) : kind === 'consultations' ? (
            <Field label={t('day.messageRoom')}>
              {(p) => <input {...p} value={room} onChange={(e) => setRoom(e.target.value)} dir="auto" data-testid="screen-message-room" />}
            </Field>
          ) : kind === 'text' ? (
            <div className="screen-message-texts">
              {LANGUAGES.map((l) => (
                <Field key={l} label={t('day.messageIn', { language: LANGUAGE_AUTONYMS[l] })}>
                  {(p) => (
                    <input
                      {...p}
                      lang={l}
                      dir={direction(l)}
                      value={texts[l] ?? ''}
                      onChange={(e) => setTexts({ ...texts, [l]: e.target.value })}
                      data-testid={`screen-message-text-${l}`}
                    />
                  )}
                </Field>
              ))}
            </div>
          ) : null}
          <button type="submit" className="primary" disabled={runner.busy || !draft} data-testid="screen-message-put">
            {t('day.putMessage')}
          </button>
        </form>
      </details>
    </>
  );
}
