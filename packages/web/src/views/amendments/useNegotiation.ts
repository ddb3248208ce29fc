/**
 * What every negotiation component needs, put together once per screen: the
 * meeting, who is looking (and for which delegation), the text read live
 * (numbers, order, each paragraph's words now), names and colours of
 * delegations in the reader's language.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { delegationName, unnumberedParagraphs, type Actor, type Lang, type MeetingState, type SessionInfo } from '@gavel/shared';
import type { RichParagraph } from '@gavel/shared/editor/rich';
import { useLiveText, type LiveSnapshot, type LiveText } from '../../editor/liveText';
import { sponsorColour } from './colours';
import type { NumberContext } from './TrackedText';

export const TEXT_DOC = 'recommendations';

export interface Negotiation {
  state: MeetingState;
  actor: Actor;
  /** The text negotiated. */
  doc: string;
  /** Its language (numbers, references, the words themselves). */
  docLang: Lang;
  /** The reader's language. */
  lang: Lang;
  /** The reader's delegation, if a delegate. */
  mine: string | undefined;
  /** Chair or secretariat: decides, and records what delegations say from the floor. */
  officer: boolean;
  /** Paragraph ids in text order; empty while the text loads. */
  order: string[];
  loaded: boolean;
  numberOf: (paragraphId: string) => number | null;
  /** References worded as seen from this paragraph. */
  numbers: (paragraphId: string | null) => NumberContext;
  /** The paragraph's words as they read now; null while loading or if it is not in the text. */
  content: (paragraphId: string) => RichParagraph | null;
  nameOf: (delegationId: string) => string;
  colourOf: (delegationId: string) => string;
  live: LiveText | null;
  snapshot: LiveSnapshot;
}

/** A name or words of the meeting inside a sentence of the reader's language: kept in their own direction (Unicode isolates). */
export function isolate(words: string): string {
  return `\u2068${words}\u2069`;
}

export function actorOf(session: SessionInfo | null): Actor {
  if (!session) return { role: 'viewer', name: '' };
  return { role: session.role, name: session.name, delegationId: session.delegationId, codeId: session.codeId };
}

/** `session` null: a screen that only shows (the room screen). */
export function useNegotiation(state: MeetingState, session: SessionInfo | null, doc: string = TEXT_DOC, uiLang?: Lang): Negotiation {
  const { i18n } = useTranslation();
  const lang = uiLang ?? (i18n.language as Lang);
  const docLang = state.info.language;
  const statuses = state.paragraphs[doc];
  const omit = useMemo(() => unnumberedParagraphs({ paragraphs: { [doc]: statuses ?? {} } }, doc), [statuses, doc]);
  const { text: live, snapshot } = useLiveText(doc, docLang, omit);
  const delegations = state.delegations;
  const registered = useMemo(() => Object.keys(delegations), [delegations]);
  return useMemo(() => {
    const reading = snapshot.reading;
    const numberOf = (id: string) => reading?.numbering.numberOf.get(id) ?? null;
    return {
      state,
      actor: actorOf(session),
      doc,
      docLang,
      lang,
      mine: session?.role === 'delegate' ? session.delegationId : undefined,
      officer: session?.role === 'chair' || session?.role === 'secretariat',
      order: reading?.units.map((u) => u.id) ?? [],
      loaded: reading !== null,
      numberOf,
      numbers: (paragraphId) => ({ numberOf, from: paragraphId ? numberOf(paragraphId) : null, lang: docLang, uiLang: lang }),
      content: (id) => live?.content(id) ?? null,
      nameOf: (id) => {
        const d = delegations[id];
        return isolate(d ? delegationName(d, lang) : '?');
      },
      colourOf: (id) => sponsorColour(registered, id),
      live,
      snapshot,
    };
    // snapshot.version changes with every change of the text.
  }, [state, session, doc, docLang, lang, live, snapshot, delegations, registered]);
}
