import { describe, expect, it } from 'vitest';
import {
  $createParagraphNode,
  $createRangeSelection,
  $createTextNode,
  $getRoot,
  $isTextNode,
  $setSelection,
  createEditor,
  type LexicalEditor,
} from 'lexical';
import { $replaceWithBlocks } from './build';
import { refToken } from './footnotes';
import { isParagraphId } from './ids';
import { classifyLines, findWrittenReferences, parsePlainDraft } from './import';
import {
  $createCrossRefNode,
  $createFootnoteNode,
  $createNumberedParagraphNode,
  $ensureParagraphIds,
  $isNumberedParagraphNode,
  GAVEL_NODES,
  CrossRefNode,
  FootnoteNode,
  NumberedParagraphNode,
} from './nodes';
import { $readDraft } from './outline';

function newEditor(): LexicalEditor {
  return createEditor({
    nodes: GAVEL_NODES,
    onError: (e) => {
      throw e;
    },
  });
}

const update = (editor: LexicalEditor, fn: () => void) => editor.update(fn, { discrete: true });
const ids = (editor: LexicalEditor) =>
  editor.read(() => $getRoot().getChildren().filter($isNumberedParagraphNode).map((p) => p.getParagraphId()));

describe('the numbered paragraph node', () => {
  it('replaces every paragraph Lexical makes, each with its own id', () => {
    const editor = newEditor();
    update(editor, () => {
      $getRoot().append($createParagraphNode(), $createParagraphNode());
    });
    const [a, b] = ids(editor);
    expect(isParagraphId(a) && isParagraphId(b)).toBe(true);
    expect(a).not.toBe(b);
  });

  it('is constructible without arguments, as @lexical/yjs needs', () => {
    const editor = newEditor();
    update(editor, () => {
      for (const k of [NumberedParagraphNode, FootnoteNode, CrossRefNode]) expect(() => new k()).not.toThrow();
    });
  });

  it('keeps its id on the first half when split, and gives the second half a fresh one', () => {
    const editor = newEditor();
    update(editor, () => {
      const p = $createNumberedParagraphNode('p_original1');
      const text = $createTextNode('States parties should consider');
      p.append(text);
      $getRoot().append(p);
      const selection = $createRangeSelection();
      selection.anchor.set(text.getKey(), 14, 'text');
      selection.focus.set(text.getKey(), 14, 'text');
      $setSelection(selection);
      selection.insertParagraph();
    });
    const [first, second] = ids(editor);
    expect(first).toBe('p_original1');
    expect(isParagraphId(second)).toBe(true);
    expect(second).not.toBe(first);
    expect(editor.read(() => $getRoot().getChildren().map((c) => c.getTextContent()))).toEqual(['States parties', ' should consider']);
  });

  it('keeps its id on its text when Enter is pressed at its very start: the new empty paragraph comes before', () => {
    const editor = newEditor();
    update(editor, () => {
      const p = $createNumberedParagraphNode('p_original1');
      const text = $createTextNode('The Working Group reiterates');
      p.append(text);
      $getRoot().append(p);
      const selection = $createRangeSelection();
      selection.anchor.set(text.getKey(), 0, 'text');
      selection.focus.set(text.getKey(), 0, 'text');
      $setSelection(selection);
      selection.insertParagraph();
    });
    const [before, original] = ids(editor);
    expect(original).toBe('p_original1');
    expect(isParagraphId(before) && before !== original).toBe(true);
    expect(editor.read(() => $getRoot().getChildren().map((c) => c.getTextContent()))).toEqual(['', 'The Working Group reiterates']);
  });

  it('travels through JSON with its id, its footnotes and its references', () => {
    const editor = newEditor();
    update(editor, () => {
      const p = $createNumberedParagraphNode('p_original1');
      p.append($createTextNode('Text'), $createFootnoteNode(`see ${refToken('p_original1')}`), $createCrossRefNode('p_original1'));
      $getRoot().append(p);
    });
    const json = JSON.stringify(editor.getEditorState().toJSON());
    const other = newEditor();
    other.setEditorState(other.parseEditorState(json));
    expect(JSON.stringify(other.getEditorState().toJSON())).toBe(json);
    expect(json).toContain('"pid":"p_original1"');
    expect(json).toContain('"target":"p_original1"');
  });

  it('gives a pasted copy a new id and leaves the original its own', () => {
    const editor = newEditor();
    update(editor, () => {
      $getRoot().append($createNumberedParagraphNode('p_original1'), $createNumberedParagraphNode('p_other0001'));
    });
    update(editor, () => {
      // The copy goes before the original: position must not decide who keeps the id.
      $getRoot().getFirstChildOrThrow().insertBefore($createNumberedParagraphNode('p_original1'));
      const committed = editor.getEditorState()._nodeMap;
      $ensureParagraphIds((key, pid) => (committed.get(key) as NumberedParagraphNode | undefined)?.__pid === pid);
    });
    const [copy, original, other] = ids(editor);
    expect(original).toBe('p_original1');
    expect(other).toBe('p_other0001');
    expect(isParagraphId(copy) && copy !== 'p_original1').toBe(true);
  });
});

describe('importing a draft', () => {
  const draft = [
    'A. Non-punishment and non-prosecution of victims',
    '1. Implementation',
    '50. The Working Group reiterates its recommendations.',
    '51. States parties should:',
    '(a) Consider establishing',
    'procedures for identifying victims;',
    '(b) Ensure protection.',
    '',
    'B. Case management',
    '109. Views differed sharply on non-prosecution. See paragraph 50 above.',
  ].join('\n');

  it('tells headings, numbered paragraphs and subparagraphs apart by their numbers', () => {
    const { blocks } = parsePlainDraft(draft);
    expect(blocks.map((b) => b.kind)).toEqual(['section', 'subsection', 'paragraph', 'paragraph', 'list', 'section', 'paragraph']);
    expect(blocks[2]).toEqual({ kind: 'paragraph', runs: [{ text: 'The Working Group reiterates its recommendations.' }], source: 50 });
    expect(blocks[4]).toEqual({
      kind: 'list',
      items: [
        { runs: [{ text: 'Consider establishing procedures for identifying victims;' }], depth: 0 },
        { runs: [{ text: 'Ensure protection.' }], depth: 0 },
      ],
    });
  });

  it('reads Arabic numbering', () => {
    const { blocks } = parsePlainDraft('ألف- التنفيذ\n١- عام\n٥٠- يكرر الفريق العامل توصياته.\n(أ) النظر في ذلك؛');
    expect(blocks.map((b) => b.kind)).toEqual(['section', 'subsection', 'paragraph', 'list']);
    expect(blocks[2]).toMatchObject({ source: 50, runs: [{ text: 'يكرر الفريق العامل توصياته.' }] });
  });

  it('finds references written out in the source, in any of the six languages', () => {
    expect(findWrittenReferences('see paragraph 109 below.')).toEqual([{ text: 'see ' }, { ref: 109, words: 'paragraph 109 below' }, { text: '.' }]);
    expect(findWrittenReferences('انظر الفقرة ١٠٩ أدناه')).toEqual([{ text: 'انظر ' }, { ref: 109, words: 'الفقرة ١٠٩ أدناه' }]);
    expect(findWrittenReferences('见下文第109段')).toEqual([{ text: '见' }, { ref: 109, words: '下文第109段' }]);
  });

  it('builds the text with computed numbers, and references that point at the imported paragraphs', () => {
    const editor = newEditor();
    const lines = parsePlainDraft(draft).blocks;
    // Footnote 9 of the model report, as a DOCX import would bring it.
    const withFootnote = classifyLines([
      { runs: [{ text: '50. The Working Group reiterates.' }, { footnote: 'For the discussion, see paragraph 109 below.' }] },
      { runs: [{ text: '109. Views differed sharply.', bold: true }] },
    ]).blocks;
    update(editor, () => {
      $replaceWithBlocks(lines);
    });
    const reading = editor.read(() => $readDraft('en'));
    expect(reading.units.map((u) => [u.number, u.text])).toEqual([
      [1, 'The Working Group reiterates its recommendations.'],
      [2, 'States parties should:\n(a) Consider establishing procedures for identifying victims;\n(b) Ensure protection.'],
      [3, 'Views differed sharply on non-prosecution. See paragraph 1 above.'],
    ]);

    update(editor, () => {
      $replaceWithBlocks(withFootnote);
    });
    const again = editor.read(() => $readDraft('en'));
    expect(again.numbering.footnotes.map((f) => f.text)).toEqual(['For the discussion, see paragraph 2 below.']);
    expect(again.units[0].text).toBe('The Working Group reiterates.[1]');
    expect(editor.read(() => $getRoot().getLastChildOrThrow<NumberedParagraphNode>().getFirstChild())).toSatisfy((n) =>
      editor.read(() => $isTextNode(n) && n.hasFormat('bold')),
    );
  });
});
