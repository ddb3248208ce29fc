import { describe, expect, it } from 'vitest';
import { $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import {
  $appendFootnote,
  $insertParagraphAt,
  $liftBracketNode,
  $readDraftParagraph,
  $readParagraphContent,
  $readStructure,
  $writeParagraphContent,
  $writeSingleParagraph,
} from './content';
import { $renderDraftHtml, $renderDraftText } from './html';
import { $createNumberedParagraphNode, BracketNode, GAVEL_NODES } from './nodes';
import { $readDraft } from './outline';
import { richText, type RichParagraph } from './rich';

function newEditor(): LexicalEditor {
  return createEditor({
    nodes: GAVEL_NODES,
    onError: (e) => {
      throw e;
    },
  });
}
const update = (editor: LexicalEditor, fn: () => void) => editor.update(fn, { discrete: true });

const P1 = 'p_first000001';
const P2 = 'p_second00002';
const NORWAY = { id: 'b_bracket0001', alternatives: ['should', 'shall'], by: 'd_norway00001', label: 'Norway' };

function twoParagraphs(): LexicalEditor {
  const editor = newEditor();
  update(editor, () => {
    $getRoot().append($createHeadingNode('h2'), $createNumberedParagraphNode(P1), $createNumberedParagraphNode(P2));
  });
  return editor;
}

describe('paragraph content in the editor', () => {
  const rich: RichParagraph = {
    inlines: [
      { text: 'States parties ' },
      { bracket: NORWAY },
      { text: ' consider', format: 2 },
      { text: ' the measures' },
      { footnote: 'See {{ref:p_second00002}}.' },
      { text: ':' },
    ],
    items: [
      { depth: 0, inlines: [{ text: 'to protect victims;' }] },
      { depth: 1, inlines: [{ text: 'in particular children;' }] },
      { depth: 0, inlines: [{ text: 'to prosecute offenders.' }, { ref: P2 }] },
    ],
  };

  it('writes and reads back the same content, subparagraphs included', () => {
    const editor = twoParagraphs();
    update(editor, () => $writeParagraphContent(P1, rich));
    expect(editor.read(() => $readParagraphContent(P1))).toEqual(rich);
    expect(editor.read(() => $readParagraphContent(P2))).toEqual({ inlines: [] });
    // Writing again replaces the subparagraphs rather than adding to them.
    update(editor, () => $writeParagraphContent(P1, { inlines: [{ text: 'Short.' }] }));
    expect(editor.read(() => $readParagraphContent(P1))).toEqual({ inlines: [{ text: 'Short.' }] });
    expect(editor.read(() => $getRoot().getChildrenSize())).toBe(3);
  });

  it('renders brackets the way negotiators write them, in HTML and plain text', () => {
    const editor = twoParagraphs();
    update(editor, () => $writeParagraphContent(P1, { inlines: [{ text: 'States parties ' }, { bracket: NORWAY }, { text: ' consider the measures.' }] }));
    const { numbering, units } = editor.read(() => $readDraft('en'));
    expect(units[0].text).toBe('States parties [should][shall] (Norway) consider the measures.');
    const plain = editor.read(() => $renderDraftText(numbering, 'en'));
    expect(plain).toContain('1. States parties [should][shall] (Norway) consider the measures.');
    const html = editor.read(() => $renderDraftHtml(numbering, 'en'));
    expect(html).toContain(
      '<span class="bracket" data-bracket="b_bracket0001" data-by="d_norway00001"><span class="alternative">[should]</span><span class="alternative">[shall]</span> <span class="proposer">(Norway)</span></span>',
    );
    // A proposed deletion says so, in the text's language.
    update(editor, () => $writeParagraphContent(P2, { inlines: [{ bracket: { ...NORWAY, id: 'b_bracket0002', alternatives: ['إلى أقصى حد ممكن', ''], label: 'مصر' } }] }));
    expect(editor.read(() => $readDraft('ar').units[1].text)).toBe('[إلى أقصى حد ممكن] (مصر: حذف)');
  });

  it('sets square brackets typed as words apart from a placed bracket: outside its markup in HTML, escaped in plain text (issue 10)', () => {
    const editor = twoParagraphs();
    const typed = ' [must] see [1] or C:\\x.';
    update(editor, () => $writeParagraphContent(P1, { inlines: [{ text: 'States parties ' }, { bracket: NORWAY }, { text: typed }] }));
    const { numbering } = editor.read(() => $readDraft('en'));
    expect(editor.read(() => $renderDraftText(numbering, 'en'))).toContain('1. States parties [should][shall] (Norway) \\[must\\] see \\[1\\] or C:\\\\x.');
    expect(editor.read(() => $renderDraftHtml(numbering, 'en'))).toContain(`(Norway)</span></span>${typed}</p>`);
  });

  it('lifts a bracket to the words kept, or removes it', () => {
    const editor = twoParagraphs();
    update(editor, () => $writeParagraphContent(P1, { inlines: [{ text: 'States parties ' }, { bracket: NORWAY }, { text: ' consider.' }] }));
    update(editor, () => expect($liftBracketNode(NORWAY.id, 'shall')).toBe(true));
    expect(richText(editor.read(() => $readParagraphContent(P1))!)).toBe('States parties shall consider.');
    update(editor, () => expect($liftBracketNode(NORWAY.id, 'x')).toBe(false));
  });

  it('inserts a new paragraph after another (after its subparagraphs), before another, or under a heading', () => {
    const editor = twoParagraphs();
    update(editor, () => $writeParagraphContent(P1, rich));
    update(editor, () => {
      $insertParagraphAt('p_after000001', { after: P1 }, { inlines: [{ text: 'After.' }] });
      $insertParagraphAt('p_before00001', { before: P1 }, { inlines: [{ text: 'Before.' }] });
      $insertParagraphAt('p_heading0001', { afterHeading: 1 }, { inlines: [{ text: 'First.' }] });
      $appendFootnote(P2, 'A note.');
    });
    expect(editor.read(() => $readStructure())).toEqual({ paragraphIds: ['p_heading0001', 'p_before00001', P1, 'p_after000001', P2], headings: 1 });
    expect(editor.read(() => $readParagraphContent(P1))).toEqual(rich);
    expect(editor.read(() => $readParagraphContent(P2))).toEqual({ inlines: [{ footnote: 'A note.' }] });
  });

  it('reads a draft as one paragraph, and says what is wrong with more', () => {
    const editor = newEditor();
    update(editor, () => $writeSingleParagraph({ inlines: [{ text: 'Proposed words.' }] }));
    expect(editor.read(() => $readDraftParagraph())).toEqual({ content: { inlines: [{ text: 'Proposed words.' }] }, problem: null });
    update(editor, () => {
      $getRoot().append($createNumberedParagraphNode().append());
    });
    expect(editor.read(() => $readDraftParagraph()).problem).toBeNull();
    const second = editor.read(() => $readStructure().paragraphIds[1]);
    update(editor, () => $writeParagraphContent(second, { inlines: [{ text: 'Another.' }] }));
    expect(editor.read(() => $readDraftParagraph()).problem).toMatch(/more than one paragraph/);
  });

  it('keeps the bracket node constructible without arguments, with its properties as plain strings', () => {
    const editor = newEditor();
    update(editor, () => {
      const node = new BracketNode();
      expect(node.getBracket()).toEqual({ id: '', alternatives: [], by: '', label: '' });
      expect(typeof node.__alts).toBe('string');
    });
  });
});
