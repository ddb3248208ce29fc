/**
 * Gavel's Lexical nodes, defined once and registered identically by the web
 * editor and the server's headless editors (`GAVEL_NODES`). @lexical/yjs
 * stores every `__`-prefixed property of a node as an attribute of the node's
 * Yjs type, and rebuilds nodes on the other side with `new Klass()` before it
 * sets those attributes: so every node here is constructible without
 * arguments, and what must travel (a paragraph's id, a footnote's text, a
 * cross-reference's target) is a plain string property.
 *
 * Numbers are never stored: paragraph, footnote, heading and subparagraph
 * labels and the words of cross-references are computed from document order
 * (`numbering.ts`) and drawn by the web editor as `data-label` attributes.
 *
 * Bracketed (contested) words are a BracketNode: placed and lifted only by
 * the chair's decisions, which the ledger records (amendments/), so that
 * who proposed a bracket and who holds it is known to the pure core.
 * Tracked changes of a tabled amendment are not nodes: they are computed
 * (merge.ts `trackChanges`) against the live text, wherever it is shown.
 */
import {
  $applyNodeReplacement,
  $getRoot,
  $isElementNode,
  DecoratorNode,
  ParagraphNode,
  type EditorConfig,
  type ElementNode,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type RangeSelection,
  type SerializedLexicalNode,
  type SerializedParagraphNode,
  type Spread,
} from 'lexical';
import { HeadingNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { isParagraphId, newParagraphId } from './ids';
import { bracketText, type BracketInline } from './rich';

export const PARAGRAPH_TYPE = 'gavel-paragraph';
export const FOOTNOTE_TYPE = 'gavel-footnote';
export const XREF_TYPE = 'gavel-xref';
export const BRACKET_TYPE = 'gavel-bracket';

/** Longest footnote text kept (characters). */
export const MAX_FOOTNOTE_CHARS = 4000;

// ---------------------------------------------------------------------------
// Numbered paragraph

export type SerializedNumberedParagraphNode = Spread<{ pid: string }, SerializedParagraphNode>;

/**
 * Every paragraph of a drafted text: numbered continuously, with a stable id
 * (`__pid`) by which the ledger knows its status. It replaces Lexical's own
 * ParagraphNode (see GAVEL_NODES), so Enter, paste and "turn into paragraph"
 * all make one with a fresh id; splitting keeps the id on the first half,
 * where the caret was not.
 */
export class NumberedParagraphNode extends ParagraphNode {
  __pid: string;

  override $config() {
    return this.config(PARAGRAPH_TYPE, { extends: ParagraphNode });
  }

  constructor(pid = '', key?: NodeKey) {
    super(key);
    this.__pid = pid;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__pid = prevNode.__pid;
  }

  getParagraphId(): string {
    return this.getLatest().__pid;
  }

  setParagraphId(pid: string): this {
    const self = this.getWritable();
    self.__pid = pid;
    return self;
  }

  /**
   * Enter splits the paragraph: the text before the caret stays here with
   * the id, the rest goes to a new paragraph with a fresh one. Enter at the
   * very start moves all the text down, so the id goes with it: the new,
   * empty paragraph is the one before ("insert a paragraph before 50").
   */
  override insertNewAfter(selection: RangeSelection, restoreSelection = true): ParagraphNode {
    const atStart = !this.isEmpty() && $caretAtStartOf(this, selection);
    const next = super.insertNewAfter(selection, restoreSelection);
    if (atStart && $isNumberedParagraphNode(next)) {
      const pid = this.getParagraphId();
      this.setParagraphId(next.getParagraphId());
      next.setParagraphId(pid);
    }
    return next;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    dom.classList.add('gavel-paragraph');
    if (this.__pid) dom.dataset.pid = this.__pid;
    // Each paragraph may be in another script than the editor (an English
    // quotation in an Arabic text): let the browser pick its direction.
    dom.dir = 'auto';
    return dom;
  }

  override updateDOM(prevNode: this, dom: HTMLElement, config: EditorConfig): boolean {
    if (prevNode.__pid !== this.__pid) dom.dataset.pid = this.__pid;
    return super.updateDOM(prevNode, dom, config);
  }

  override exportJSON(): SerializedNumberedParagraphNode {
    return { ...(super.exportJSON() as SerializedParagraphNode), type: PARAGRAPH_TYPE, pid: this.getParagraphId() };
  }

  override updateFromJSON(serialized: LexicalUpdateJSON<SerializedNumberedParagraphNode>): this {
    // A pasted or imported paragraph without a valid id gets one from the id transform.
    const pid = isParagraphId(serialized.pid) ? serialized.pid : '';
    return super.updateFromJSON(serialized as never).setParagraphId(pid);
  }
}

/** Is the caret collapsed at the very start of `block` (before its first character)? */
function $caretAtStartOf(block: ElementNode, selection: RangeSelection): boolean {
  if (!selection.isCollapsed() || selection.anchor.offset !== 0) return false;
  let node: LexicalNode | null = selection.anchor.getNode();
  while (node && node !== block) {
    if (node.getPreviousSibling() !== null) return false;
    node = node.getParent();
  }
  return node === block;
}

export function $createNumberedParagraphNode(pid: string = newParagraphId()): NumberedParagraphNode {
  return $applyNodeReplacement(new NumberedParagraphNode(pid));
}

export function $isNumberedParagraphNode(node: LexicalNode | null | undefined): node is NumberedParagraphNode {
  return node instanceof NumberedParagraphNode;
}

// ---------------------------------------------------------------------------
// Footnote reference

export type SerializedFootnoteNode = Spread<{ note: string }, SerializedLexicalNode>;

/**
 * A footnote reference, inline where the marker goes; it holds the
 * footnote's text. The text may contain cross-references to paragraphs,
 * written as `{{ref:p_…}}` tokens (see footnotes.ts), so that "see paragraph
 * 109 below" follows renumbering like any cross-reference in the body.
 */
export class FootnoteNode extends DecoratorNode<null> {
  __note: string;

  override $config() {
    return this.config(FOOTNOTE_TYPE, { extends: DecoratorNode });
  }

  constructor(note = '', key?: NodeKey) {
    super(key);
    this.__note = note;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__note = prevNode.__note;
  }

  getNote(): string {
    return this.getLatest().__note;
  }

  setNote(note: string): this {
    const self = this.getWritable();
    self.__note = note.slice(0, MAX_FOOTNOTE_CHARS);
    return self;
  }

  override createDOM(): HTMLElement {
    const sup = document.createElement('sup');
    sup.className = 'gavel-footnote';
    sup.contentEditable = 'false';
    return sup;
  }

  override updateDOM(): boolean {
    return false;
  }

  override isInline(): true {
    return true;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override decorate(): null {
    return null;
  }

  override getTextContent(): string {
    return '';
  }

  override exportJSON(): SerializedFootnoteNode {
    return { ...super.exportJSON(), type: FOOTNOTE_TYPE, note: this.getNote() };
  }

  override updateFromJSON(serialized: LexicalUpdateJSON<SerializedFootnoteNode>): this {
    return super.updateFromJSON(serialized as never).setNote(typeof serialized.note === 'string' ? serialized.note : '');
  }
}

export function $createFootnoteNode(note = ''): FootnoteNode {
  return $applyNodeReplacement(new FootnoteNode(note.slice(0, MAX_FOOTNOTE_CHARS)));
}

export function $isFootnoteNode(node: LexicalNode | null | undefined): node is FootnoteNode {
  return node instanceof FootnoteNode;
}

// ---------------------------------------------------------------------------
// Cross-reference to a paragraph

export type SerializedCrossRefNode = Spread<{ target: string }, SerializedLexicalNode>;

/**
 * "paragraph 110 below": a reference to another paragraph by its id. The
 * words, the number and above/below are computed from where the two stand
 * in the document, so they stay right when paragraphs are added, moved or
 * deleted.
 */
export class CrossRefNode extends DecoratorNode<null> {
  __target: string;

  override $config() {
    return this.config(XREF_TYPE, { extends: DecoratorNode });
  }

  constructor(target = '', key?: NodeKey) {
    super(key);
    this.__target = target;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__target = prevNode.__target;
  }

  getTarget(): string {
    return this.getLatest().__target;
  }

  setTarget(target: string): this {
    const self = this.getWritable();
    self.__target = isParagraphId(target) ? target : '';
    return self;
  }

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'gavel-xref';
    span.contentEditable = 'false';
    if (this.__target) span.dataset.target = this.__target;
    return span;
  }

  override updateDOM(prevNode: this, dom: HTMLElement): boolean {
    if (prevNode.__target !== this.__target) dom.dataset.target = this.__target;
    return false;
  }

  override isInline(): true {
    return true;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override decorate(): null {
    return null;
  }

  override getTextContent(): string {
    return '';
  }

  override exportJSON(): SerializedCrossRefNode {
    return { ...super.exportJSON(), type: XREF_TYPE, target: this.getTarget() };
  }

  override updateFromJSON(serialized: LexicalUpdateJSON<SerializedCrossRefNode>): this {
    return super.updateFromJSON(serialized as never).setTarget(typeof serialized.target === 'string' ? serialized.target : '');
  }
}

export function $createCrossRefNode(target: string): CrossRefNode {
  return $applyNodeReplacement(new CrossRefNode(isParagraphId(target) ? target : ''));
}

export function $isCrossRefNode(node: LexicalNode | null | undefined): node is CrossRefNode {
  return node instanceof CrossRefNode;
}

// ---------------------------------------------------------------------------
// Bracketed words

export type SerializedBracketNode = Spread<{ bid: string; alternatives: string[]; by: string; label: string }, SerializedLexicalNode>;

function parseAlternatives(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : [];
  } catch {
    return [];
  }
}

/**
 * Contested words, as negotiators write them: "States parties
 * [should][shall] (Norway) consider …". It holds the alternatives (plain
 * words; '' proposes to delete them), the proposing delegation (id, and its
 * name as the text shows it) and the bracket's id, by which the ledger knows
 * who holds it. One indivisible inline: the pen-holder types around it but
 * cannot change or remove it (the server refuses such updates); the chair's
 * decision to lift it is applied by the server.
 *
 * The alternatives travel through Yjs as one JSON string (`__alts`): every
 * `__` property must be a plain value.
 */
export class BracketNode extends DecoratorNode<null> {
  __bid: string;
  __alts: string;
  __by: string;
  __label: string;

  override $config() {
    return this.config(BRACKET_TYPE, { extends: DecoratorNode });
  }

  constructor(bid = '', alternatives: string[] = [], by = '', label = '', key?: NodeKey) {
    super(key);
    this.__bid = bid;
    this.__alts = JSON.stringify(alternatives);
    this.__by = by;
    this.__label = label;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__bid = prevNode.__bid;
    this.__alts = prevNode.__alts;
    this.__by = prevNode.__by;
    this.__label = prevNode.__label;
  }

  getBracket(): BracketInline {
    const self = this.getLatest();
    return { id: self.__bid, alternatives: parseAlternatives(self.__alts), by: self.__by, label: self.__label };
  }

  setBracket(bracket: BracketInline): this {
    const self = this.getWritable();
    self.__bid = bracket.id;
    self.__alts = JSON.stringify(bracket.alternatives.map(String));
    self.__by = bracket.by;
    self.__label = bracket.label;
    return self;
  }

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'gavel-bracket';
    span.contentEditable = 'false';
    this.fillDOM(span);
    return span;
  }

  override updateDOM(prevNode: this, dom: HTMLElement): boolean {
    if (prevNode.__alts !== this.__alts || prevNode.__label !== this.__label || prevNode.__bid !== this.__bid) this.fillDOM(dom);
    return false;
  }

  private fillDOM(span: HTMLElement): void {
    span.dataset.bracket = this.__bid;
    span.dataset.by = this.__by;
    span.textContent = bracketText({ alternatives: parseAlternatives(this.__alts), label: this.__label });
  }

  override isInline(): true {
    return true;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override decorate(): null {
    return null;
  }

  /** As negotiators read it, so that a copy pastes readable words. */
  override getTextContent(): string {
    return bracketText(this.getBracket());
  }

  override exportJSON(): SerializedBracketNode {
    const b = this.getBracket();
    return { ...super.exportJSON(), type: BRACKET_TYPE, bid: b.id, alternatives: b.alternatives, by: b.by, label: b.label };
  }

  override updateFromJSON(serialized: LexicalUpdateJSON<SerializedBracketNode>): this {
    const alternatives = Array.isArray(serialized.alternatives) ? serialized.alternatives.filter((a) => typeof a === 'string') : [];
    return super.updateFromJSON(serialized as never).setBracket({
      id: typeof serialized.bid === 'string' ? serialized.bid : '',
      alternatives,
      by: typeof serialized.by === 'string' ? serialized.by : '',
      label: typeof serialized.label === 'string' ? serialized.label : '',
    });
  }
}

export function $createBracketNode(bracket: BracketInline): BracketNode {
  return $applyNodeReplacement(new BracketNode(bracket.id, bracket.alternatives, bracket.by, bracket.label));
}

export function $isBracketNode(node: LexicalNode | null | undefined): node is BracketNode {
  return node instanceof BracketNode;
}

// ---------------------------------------------------------------------------
// Registry

/**
 * The nodes of a drafted text, for `createEditor({ nodes: GAVEL_NODES })`
 * on the client and on the server alike. Headings: h2 is a section ("A."),
 * h3 a subsection ("1."). Lists are subparagraphs ("(a)", "(b)").
 */
export const GAVEL_NODES = [
  HeadingNode,
  ListNode,
  ListItemNode,
  NumberedParagraphNode,
  {
    replace: ParagraphNode,
    with: () => new NumberedParagraphNode(newParagraphId()),
    withKlass: NumberedParagraphNode,
  },
  FootnoteNode,
  CrossRefNode,
  BracketNode,
];

/**
 * Gives every paragraph an id, and a fresh one to any paragraph whose id
 * another paragraph already has (a copy pasted from the same text). The one
 * that had the id before keeps it, so a paragraph's status never moves to
 * its copy. Runs only in an editor that writes (transforms are skipped for
 * changes that arrive from Yjs), so readers never change the text.
 *
 * Call inside an update; `existedBefore(key, pid)` says whether the node had
 * this id in the last committed state.
 */
export function $ensureParagraphIds(existedBefore: (key: NodeKey, pid: string) => boolean = () => false): void {
  const holders = new Map<string, NumberedParagraphNode[]>();
  const missing: NumberedParagraphNode[] = [];
  const visit = (node: LexicalNode) => {
    if ($isNumberedParagraphNode(node)) {
      const pid = node.getParagraphId();
      if (!isParagraphId(pid)) missing.push(node);
      else holders.set(pid, [...(holders.get(pid) ?? []), node]);
    } else if ($isElementNode(node)) {
      for (const child of node.getChildren()) visit(child);
    }
  };
  visit($getRoot());
  for (const node of missing) node.setParagraphId(newParagraphId());
  for (const [pid, nodes] of holders) {
    if (nodes.length < 2) continue;
    const keeper = nodes.find((n) => existedBefore(n.getKey(), pid)) ?? nodes[0];
    for (const node of nodes) if (node !== keeper) node.setParagraphId(newParagraphId());
  }
}
