/**
 * The drafted texts as the server knows them, on top of the Yjs documents
 * (docs/service.ts): the adopted-paragraph guard, the text read with its
 * numbers, imports of an existing draft, and paragraph history.
 *
 * Every read here works on a copy of the live document, bound to a
 * headless editor for the occasion, so that nothing read can change what
 * clients see.
 */
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import {
  DomainError,
  paragraphStatus,
  plainWords,
  readOnlyParagraphs,
  unnumberedParagraphs,
  type Actor,
  type FootnoteEntry,
  type Lang,
  type LedgerEvent,
  type ParagraphStatus,
  type StatusChange,
  type WordPart,
  isMeetingText,
} from '@gavel/shared';
import { $bootstrapDraft, $replaceWithBlocks } from '@gavel/shared/editor/build';
import { $renderDraftHtml, $renderDraftText } from '@gavel/shared/editor/html';
import { noParagraphsReason, type DraftReading } from '@gavel/shared/editor/import';
import { $readDraft } from '@gavel/shared/editor/outline';
import { SERVER_ACTOR, type DocService } from '../docs/service';
import type { MeetingService } from '../meetings/service';
import { AdoptedParagraphGuard } from './guard';
import { editCopy, headlessFrom } from './headless';
import { HistoryReplay, type ParagraphVersion } from './history';

/** Paragraph histories kept (each a reader holding its text): the most recently asked. */
const KEPT_HISTORIES = 16;

/** The texts every meeting starts with, each one empty paragraph. */
const STARTING_DOCS = ['recommendations'] as const;

/** Whether a text has nothing in it, not even a paragraph to type into. */
const isEmptyText = (doc: Y.Doc) => doc.get('root', Y.XmlText).length === 0;
/** Gives an empty text its first, empty paragraph. */
const giveFirstParagraph = (doc: Y.Doc) => Y.applyUpdate(doc, editCopy(doc, $bootstrapDraft));

export interface TextParagraph {
  id: string;
  /** null: not numbered (deleted). */
  number: number | null;
  label: string;
  status: ParagraphStatus;
  /** Plain text, as the whole text's `text` reads it: square brackets typed as words escaped, \\[must\\], so that unescaped ones are placed brackets or footnote markers. */
  text: string;
  /** The same words as parts: typed words, placed brackets ({ t: 'bracket' }) and footnote markers apart, as the report's JSON carries them. */
  parts: WordPart[];
}

export interface DraftText {
  docName: string;
  lang: Lang;
  paragraphs: TextParagraph[];
  footnotes: Pick<FootnoteEntry, 'number' | 'paragraphId' | 'text'>[];
  /** Keys of references that point nowhere (for the secretariat to fix). */
  brokenReferences: number;
  html: string;
  text: string;
}

export interface ParagraphHistory {
  paragraphId: string;
  status: ParagraphStatus;
  /** Status changes from the ledger: adoption, reopening with its reason, … */
  statusChanges: StatusChange[];
  /** Oldest first; the last is the text now. */
  versions: ParagraphVersion[];
}

export class DraftingService {
  private readonly guard = new AdoptedParagraphGuard();
  private readonly stops: (() => void)[] = [];
  /** Kept paragraph histories, by meeting, text and paragraph, the most recently asked last. */
  private readonly histories = new Map<string, HistoryReplay>();

  constructor(
    private readonly meetings: MeetingService,
    private readonly docs: DocService,
    private readonly log?: FastifyBaseLogger,
  ) {
    this.stops.push(
      docs.addGuard(({ meetingId, docName, state, doc, update }) => {
        const verdict = this.guard.check(`${meetingId}\u0000${docName}`, doc, update, readOnlyParagraphs(state, docName));
        return verdict.ok ? null : (verdict.message ?? 'an adopted paragraph is read-only');
      }),
      // A new meeting's text starts with one empty paragraph, made by the server rather than by the first client to connect:
      // eagerly here, on the node that created the meeting …
      meetings.onEvents((meetingId, events: LedgerEvent[]) => {
        if (!events.some((e) => e.type === 'MeetingCreated')) return;
        for (const docName of STARTING_DOCS) {
          this.docs.start(meetingId, docName).catch((err: unknown) => {
            // Another node writes the meeting (it took it first): that one starts the text when it loads it.
            if (err instanceof DomainError && err.code === 'busy') this.log?.info({ meetingId, docName }, 'a new text is started by the meeting\'s owner');
            else this.log?.warn({ err, meetingId, docName }, 'a new meeting\'s text could not be started; it is when it is first loaded');
          });
        }
      }),
    );
    // … and at the latest when the text is loaded by the node that writes the meeting, before anyone reads it
    // (this process stopped between the meeting's commit and the text's, say), exactly once: see DocService.startLive.
    docs.startTextsWith({
      applies: (docName) => (STARTING_DOCS as readonly string[]).includes(docName),
      needed: isEmptyText,
      edit: giveFirstParagraph,
    });
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.guard.close();
    this.histories.clear();
  }

  /** Gives an empty text its first paragraph. Idempotent: runs in the document's queue. */
  async ensureStarted(meetingId: string, docName: string, actor?: Actor): Promise<void> {
    await this.docs.change(meetingId, docName, actor ?? SERVER_ACTOR, (doc) => {
      if (isEmptyText(doc)) giveFirstParagraph(doc);
    });
  }

  /** The text with its numbers, paragraph by paragraph, and as HTML and plain text. */
  async readText(meetingId: string, docName: string, lang?: Lang): Promise<DraftText> {
    if (!isMeetingText(docName)) throw new DomainError('not_found', `no text ${docName}`);
    const state = await this.meetings.state(meetingId);
    if (!state) throw new DomainError('not_found', `no meeting ${meetingId}`);
    const language = lang ?? state.info.language;
    const snapshot = await this.docs.read(meetingId, docName, (doc) => Y.encodeStateAsUpdate(doc));
    const copy = headlessFrom(snapshot, { writes: false });
    try {
      return copy.editor.read(() => {
        const { numbering, units } = $readDraft(language, unnumberedParagraphs(state, docName));
        return {
          docName,
          lang: language,
          paragraphs: units.map((u) => ({
            id: u.id,
            number: u.number,
            label: numbering.labels.get(u.key) ?? '',
            status: paragraphStatus(state, docName, u.id),
            text: plainWords(u.parts),
            parts: u.parts,
          })),
          footnotes: numbering.footnotes.map(({ number, paragraphId, text }) => ({ number, paragraphId, text })),
          brokenReferences: numbering.broken.length,
          html: $renderDraftHtml(numbering, language),
          text: $renderDraftText(numbering),
        };
      });
    } finally {
      copy.dispose();
      copy.doc.destroy();
    }
  }

  /**
   * Replaces the text with an imported draft, as a trusted edit of the
   * server on the secretariat's behalf: stored and relayed like any update.
   * Refused once a paragraph is adopted (an import would replace it).
   */
  async importDraft(meetingId: string, docName: string, actor: Actor, reading: DraftReading): Promise<{ paragraphs: number }> {
    if (!isMeetingText(docName)) throw new DomainError('not_found', `no text ${docName}`);
    const { blocks, notes } = reading;
    const reason = noParagraphsReason(reading);
    if (reason) {
      const why = reason === 'empty' ? 'the file holds no text' : 'every line read as a heading (see the notes by line)';
      throw new DomainError('invalid_command', `the draft has no paragraphs: ${why}`, { reason, notes });
    }
    const state = await this.meetings.state(meetingId);
    if (!state) throw new DomainError('not_found', `no meeting ${meetingId}`);
    const adopted = readOnlyParagraphs(state, docName);
    if (adopted.size > 0) {
      throw new DomainError('invalid_state', `${adopted.size} paragraphs are adopted: an import would replace them`);
    }
    let made = 0;
    await this.docs.change(meetingId, docName, actor, (doc) => {
      Y.applyUpdate(
        doc,
        editCopy(doc, () => {
          made = $replaceWithBlocks(blocks).paragraphs;
        }),
      );
    });
    return { paragraphs: made };
  }

  /** How a paragraph read at earlier points, who wrote it, and its status changes. */
  async history(meetingId: string, docName: string, paragraphId: string, lang?: Lang): Promise<ParagraphHistory> {
    if (!isMeetingText(docName)) throw new DomainError('not_found', `no text ${docName}`);
    const state = await this.meetings.state(meetingId);
    if (!state) throw new DomainError('not_found', `no meeting ${meetingId}`);
    const record = state.paragraphs[docName]?.[paragraphId];
    const versions = await this.versions(meetingId, docName, paragraphId, {
      lang: lang ?? state.info.language,
      omit: unnumberedParagraphs(state, docName),
      boundaries: record?.changes.map((c) => c.at) ?? [],
    });
    if (versions.length === 0 && !record) throw new DomainError('not_found', `no paragraph ${paragraphId} in ${docName}`);
    return {
      paragraphId,
      status: paragraphStatus(state, docName, paragraphId),
      statusChanges: record?.changes ?? [],
      versions,
    };
  }

  /**
   * A paragraph's versions from its kept replay, extended with the updates
   * stored since it was last asked (replayed from the first only when new).
   */
  private async versions(
    meetingId: string,
    docName: string,
    paragraphId: string,
    options: { lang: Lang; omit: ReadonlySet<string>; boundaries: string[] },
  ): Promise<ParagraphVersion[]> {
    const key = `${meetingId}\u0000${docName}\u0000${paragraphId}`;
    const kept = this.histories.get(key);
    const replay = kept?.fits(options.lang, options.omit, options.boundaries) ? kept : new HistoryReplay(paragraphId, options.lang, options.omit, options.boundaries);
    replay.extend(await this.docs.updates(meetingId, docName, replay.seq), options.boundaries);
    // Most recently asked last; the oldest dropped (left to the garbage collector: a request may still be reading it).
    this.histories.delete(key);
    this.histories.set(key, replay);
    for (const k of this.histories.keys()) {
      if (this.histories.size <= KEPT_HISTORIES) break;
      this.histories.delete(k);
    }
    return replay.history();
  }
}
