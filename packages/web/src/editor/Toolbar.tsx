/**
 * The pen-holder's toolbar: block type (paragraph, section heading,
 * subsection heading), subparagraphs and their levels, bold and italic, a
 * footnote, a reference to a paragraph. Every button works from the
 * keyboard; the editor's own shortcuts (Ctrl+B, Ctrl+I, Tab) still apply.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $isHeadingNode } from '@lexical/rich-text';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  SELECTION_CHANGE_COMMAND,
  mergeRegister,
} from 'lexical';

type BlockType = 'paragraph' | 'section' | 'subsection' | 'list';

export function Toolbar({ disabled, onFootnote, onReference }: { disabled: boolean; onFootnote: () => void; onReference: () => void }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [block, setBlock] = useState<BlockType>('paragraph');
  const [bold, setBold] = useState(false);
  const [italic, setItalic] = useState(false);

  useEffect(() => {
    const read = () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const top = selection.anchor.getNode().getTopLevelElement();
      setBlock(
        $isHeadingNode(top) ? (top.getTag() === 'h1' || top.getTag() === 'h2' ? 'section' : 'subsection') : $isListNode(top) ? 'list' : 'paragraph',
      );
      setBold(selection.hasFormat('bold'));
      setItalic(selection.hasFormat('italic'));
    };
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => editorState.read(read)),
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          read();
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);

  const setBlockType = (type: BlockType) => {
    if (type === 'list') {
      editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
      return;
    }
    if (block === 'list') editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      if (type === 'paragraph') $setBlocksType(selection, () => $createParagraphNode());
      else $setBlocksType(selection, () => $createHeadingNode(type === 'section' ? 'h2' : 'h3'));
    });
  };

  return (
    <div className="draft-toolbar" role="toolbar" aria-label={t('text.toolbar')} data-testid="draft-toolbar">
      <label className="inline">
        <span className="visually-hidden">{t('text.blockType')}</span>
        <select value={block} disabled={disabled} onChange={(e) => setBlockType(e.target.value as BlockType)} data-testid="block-type">
          <option value="paragraph">{t('text.paragraph')}</option>
          <option value="section">{t('text.section')}</option>
          <option value="subsection">{t('text.subsection')}</option>
          <option value="list">{t('text.subparagraphs')}</option>
        </select>
      </label>
      <button type="button" disabled={disabled} onClick={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)} title={t('text.outdent')}>
        <span aria-hidden="true" className="flip">⇤</span>
        <span className="visually-hidden">{t('text.outdent')}</span>
      </button>
      <button type="button" disabled={disabled} onClick={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)} title={t('text.indent')}>
        <span aria-hidden="true" className="flip">⇥</span>
        <span className="visually-hidden">{t('text.indent')}</span>
      </button>
      <button
        type="button"
        disabled={disabled}
        aria-pressed={bold}
        className="format-bold"
        onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}
        title={t('text.bold')}
      >
        <span aria-hidden="true">B</span>
        <span className="visually-hidden">{t('text.bold')}</span>
      </button>
      <button
        type="button"
        disabled={disabled}
        aria-pressed={italic}
        className="format-italic"
        onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}
        title={t('text.italic')}
      >
        <span aria-hidden="true">I</span>
        <span className="visually-hidden">{t('text.italic')}</span>
      </button>
      <button type="button" disabled={disabled} onClick={onFootnote} data-testid="insert-footnote">
        {t('text.insertFootnote')}
      </button>
      <button type="button" disabled={disabled} onClick={onReference} data-testid="insert-reference">
        {t('text.insertReference')}
      </button>
    </div>
  );
}
