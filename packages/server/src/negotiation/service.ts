/**
 * The negotiation on the server: what the pure core cannot do by itself.
 *
 * - Facts: a negotiation command that depends on the texts (the words of a
 *   paragraph, the paragraphs there are, an amendment's draft) has them read
 *   here and passed to `decide` (amendments/facts.ts). Decisions that change
 *   a text (accepting an amendment, placing brackets, lifting one, a footnote
 *   at adoption) run in the text's own turn (`docs.exclusive`): the words are
 *   read, the decision recorded in the ledger, and the text changed by the
 *   server under the decider's name, with no keystroke in between. Two racing
 *   decisions on one amendment therefore run one after the other, and the
 *   second finds it decided.
 * - Drafts: starting an amendment makes its private draft
 *   (`amendment:<id>`) from the paragraph's words, with what it amends and
 *   the base of the merge kept beside the words where only the server writes.
 * - Guards: nobody's update may make, change or remove a bracket in a text
 *   (they are placed and lifted by recorded decisions), or touch what the
 *   server keeps in a draft.
 */
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import {
  denial,
  DomainError,
  factsNeeded,
  isAmendmentCommand,
  openBrackets,
  parseDocName,
  textEditsOf,
  unnumberedParagraphs,
  type Actor,
  type AmendmentCommand,
  type CommandFacts,
  type DraftFacts,
  type DraftMeta,
  type Lang,
  type MeetingState,
  type RichParagraph,
  type TextEdit,
  type TextFacts,
  asRich,
} from '@gavel/shared';
import {
  $appendFootnote,
  $insertParagraphAt,
  $liftBracketNode,
  $readDraftParagraph,
  $readParagraphContent,
  $readStructure,
  $writeParagraphContent,
  $writeSingleParagraph,
} from '@gavel/shared/editor/content';
import { $readDraft } from '@gavel/shared/editor/outline';
import type { DocService } from '../docs/service';
import { editCopy, headlessFrom } from '../drafting/headless';
import type { MeetingService, Outcome } from '../meetings/service';
import { BracketGuard, DraftMetaGuard, DRAFT_META_KEY, DRAFT_META_MAP } from './guards';

export class NegotiationService {
  private readonly stops: (() => void)[] = [];
  /** Tests only: runs between a decision recorded and its edit of the text (to crash the process there). */
  crashHook: (() => void) | undefined;
  private readonly brackets = new BracketGuard();
  private readonly drafts = new DraftMetaGuard();

  constructor(
    private readonly meetings: MeetingService,
    private readonly docs: DocService,
    private readonly log: FastifyBaseLogger,
  ) {
    this.stops.push(
      meetings.use((meetingId, actor, command, next) =>
        isAmendmentCommand(command) ? this.execute(meetingId, actor, command, next) : next(),
      ),
      docs.addGuard(({ meetingId, docName, state, doc, update }) => {
        const ref = parseDocName(docName);
        if (!ref) return null;
        if (ref.kind === 'amendment') return this.drafts.check(doc, update);
        return this.brackets.check(`${meetingId}\u0000${docName}`, doc, update, openBrackets(state, docName).length > 0);
      }),
    );
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.brackets.close();
  }

  private async execute(
    meetingId: string,
    actor: Actor,
    command: AmendmentCommand,
    next: (facts?: CommandFacts) => Promise<Outcome>,
  ): Promise<Outcome> {
    const state = await this.meetings.state(meetingId);
    if (!state) return next();
    // Refused before anything is read: a viewer's click costs nothing and holds no text.
    const why = denial(actor, command, state);
    if (why) throw new DomainError('forbidden', why);
    const needed = factsNeeded(state, command);
    if (!needed) return next();
    const lang = state.info.language;

    if (needed.text?.exclusive) {
      const { doc: docName, paragraphs } = needed.text;
      const target = needed.target ? await this.readText(meetingId, needed.target.doc, [], state, lang) : undefined;
      return this.docs.exclusive(meetingId, docName, actor, async (doc, edit) => {
        const text = textFacts(doc, docName, paragraphs, state, lang);
        const outcome = await next({ text, ...(target ? { target } : {}) });
        this.crashHook?.();
        // One update per decision, naming it: after a crash, the text's causes say which decisions it holds.
        for (const event of outcome.events) {
          const edits = textEditsOf([event]).filter((e) => e.doc === docName);
          if (edits.length) edit((live) => applyDecidedEdits(live, edits), event.seq);
        }
        return outcome;
      });
    }

    const facts: CommandFacts = {};
    if (needed.text) facts.text = await this.readText(meetingId, needed.text.doc, needed.text.paragraphs, state, lang);
    if (needed.target) facts.target = await this.readText(meetingId, needed.target.doc, [], state, lang);
    if (needed.draft) facts.draft = await this.readDraft(meetingId, needed.draft.amendmentId);
    const outcome = await next(facts);
    if (command.type === 'amendment.start') await this.makeDraft(meetingId, actor, command, outcome, facts.text!);
    return outcome;
  }

  /** Reads a text's paragraphs (and the words of `paragraphs`) as they are now. */
  async readText(meetingId: string, docName: string, paragraphs: string[], state: MeetingState, lang: Lang): Promise<TextFacts> {
    const snapshot = await this.docs.read(meetingId, docName, (doc) => Y.encodeStateAsUpdate(doc));
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, snapshot);
      return textFacts(doc, docName, paragraphs, state, lang);
    } finally {
      doc.destroy();
    }
  }

  /** An amendment's draft: what the server kept beside it, and its words now. */
  async readDraft(meetingId: string, amendmentId: string): Promise<DraftFacts> {
    const { meta, snapshot } = await this.docs.read(meetingId, `amendment:${amendmentId}`, (doc) => ({
      meta: (doc.getMap(DRAFT_META_MAP).get(DRAFT_META_KEY) as DraftMeta | undefined) ?? null,
      snapshot: Y.encodeStateAsUpdate(doc),
    }));
    const reader = headlessFrom(snapshot, { writes: false });
    try {
      const { content, problem } = reader.editor.read(() => $readDraftParagraph());
      return { amendmentId, meta, content, problem };
    } finally {
      reader.dispose();
      reader.doc.destroy();
    }
  }

  /** Makes a new draft from the paragraph's words (or the words given), as the server. */
  private async makeDraft(meetingId: string, actor: Actor, command: Extract<AmendmentCommand, { type: 'amendment.start' }>, outcome: Outcome, text: TextFacts): Promise<void> {
    const started = outcome.events.find((e) => e.type === 'AmendmentDraftStarted');
    if (!started || started.type !== 'AmendmentDraftStarted') return;
    const base: RichParagraph | null = command.paragraphId ? (text.content[command.paragraphId] ?? null) : null;
    const meta: DraftMeta = {
      kind: command.kind,
      doc: command.doc,
      ...(command.paragraphId ? { paragraphId: command.paragraphId } : {}),
      ...(command.place ? { place: command.place } : {}),
      base,
      startedAt: started.at,
    };
    const words = command.text !== undefined ? asRich(command.text) : base;
    try {
      const docName = `amendment:${started.payload.amendmentId}`;
      // Two transactions: one that applies an update (the words, made on a copy) must not also write as the live doc itself.
      await this.docs.change(meetingId, docName, actor, (doc) => Y.applyUpdate(doc, editCopy(doc, () => $writeSingleParagraph(words))));
      await this.docs.change(meetingId, docName, actor, (doc) => doc.getMap(DRAFT_META_MAP).set(DRAFT_META_KEY, meta));
    } catch (e) {
      this.log.error({ err: e, meetingId, amendmentId: started.payload.amendmentId }, 'the draft of an amendment could not be made');
      throw new DomainError('internal', 'the draft was recorded but could not be made; withdraw it and start again');
    }
  }
}

/** Reads what a command needs of a text from a Y.Doc (a copy or the live one, not changed). */
export function textFacts(doc: Y.Doc, docName: string, paragraphs: readonly string[], state: MeetingState, lang: Lang): TextFacts {
  const reader = headlessFrom(Y.encodeStateAsUpdate(doc), { writes: false });
  try {
    return reader.editor.read(() => {
      const { paragraphIds, headings } = $readStructure();
      const { numbering } = $readDraft(lang, unnumberedParagraphs(state, docName));
      const numbers: Record<string, number | null> = {};
      for (const id of paragraphIds) numbers[id] = numbering.numberOf.get(id) ?? null;
      const content: Record<string, RichParagraph> = {};
      for (const id of paragraphs) {
        const c = $readParagraphContent(id);
        if (c) content[id] = c;
      }
      return { doc: docName, paragraphIds, numbers, headings, content };
    });
  } finally {
    reader.dispose();
    reader.doc.destroy();
  }
}

/**
 * Writes a recorded decision's edits into a live text (made on a copy, then
 * applied as one update). Throws if the text cannot take them (a bracket
 * already gone): the ledger is the record, and the edit is tried again when
 * the text is next loaded.
 */
export function applyDecidedEdits(live: Y.Doc, edits: readonly TextEdit[]): void {
  Y.applyUpdate(live, editCopy(live, () => applyEdits(edits)));
}

/** Runs inside an editor update on a copy of the text. */
function applyEdits(edits: readonly TextEdit[]): void {
  for (const e of edits) {
    switch (e.op) {
      case 'replace':
        $writeParagraphContent(e.paragraphId, e.content);
        break;
      case 'insert':
        $insertParagraphAt(e.paragraphId, e.place, e.content);
        break;
      case 'lift':
        if (!$liftBracketNode(e.bracketId, e.words)) throw new Error(`no bracket ${e.bracketId} in the text`);
        break;
      case 'footnote':
        $appendFootnote(e.paragraphId, e.note);
        break;
    }
  }
}
