/**
 * A drafted text as HTML and as plain text, with every number computed:
 * what the server serves to read the text outside the editor, and what
 * exports will start from. Runs inside `editor.read()`; needs no DOM.
 */
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode } from 'lexical';
import { $isHeadingNode } from '@lexical/rich-text';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { direction, type Lang } from '../languages';
import { $isBracketNode, $isCrossRefNode, $isFootnoteNode, $isNumberedParagraphNode } from './nodes';
import { bracketDeleteWord } from './labels';
import { bracketTag, escapeTypedBrackets, plainWords } from './rich';
import { $inlineParts, $listLines } from './outline';
import type { Numbering } from './numbering';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A bracket as negotiators write it, each alternative in its own span so
 * that a stylesheet can colour them: "[should][shall] (Norway)".
 */
function bracketHtml(b: { id: string; alternatives: string[]; by: string; label: string }, lang: Lang): string {
  const tag = bracketTag(b, bracketDeleteWord(lang));
  const alts = b.alternatives.filter((a) => a.length > 0).map((a) => `<span class="alternative">[${escape(a)}]</span>`).join('');
  return `<span class="bracket" data-bracket="${escape(b.id)}" data-by="${escape(b.by)}">${alts}${tag ? ` <span class="proposer">${escape(tag)}</span>` : ''}</span>`;
}

function $inlineHtml(node: ElementNode, numbering: Numbering, lang: Lang = 'en'): string {
  let html = '';
  for (const child of node.getChildren()) {
    if ($isTextNode(child)) {
      let t = escape(child.getTextContent());
      if (child.hasFormat('italic')) t = `<em>${t}</em>`;
      if (child.hasFormat('bold')) t = `<strong>${t}</strong>`;
      html += t;
    } else if ($isLineBreakNode(child)) html += '<br>';
    else if ($isFootnoteNode(child)) {
      const n = numbering.footnotes.find((f) => f.key === child.getKey())?.number;
      const label = escape(numbering.labels.get(child.getKey()) ?? '?');
      html += `<sup class="footnote-ref"><a href="#fn-${n}" id="fnref-${n}">${label}</a></sup>`;
    } else if ($isCrossRefNode(child)) {
      const ref = numbering.refs.get(child.getKey());
      const words = escape(ref?.words ?? '');
      html += ref?.number ? `<a class="xref" href="#p-${escape(ref.target)}">${words}</a>` : `<span class="xref broken">${words}</span>`;
    } else if ($isBracketNode(child)) html += bracketHtml(child.getBracket(), lang);
    else if ($isElementNode(child) && child.isInline()) html += $inlineHtml(child, numbering, lang);
  }
  return html;
}

function $listHtml(list: ListNode, numbering: Numbering, lang: Lang): string {
  const items = list
    .getChildren()
    .filter($isListItemNode)
    .map((item) => {
      const nested = item.getChildren().find($isListNode);
      const own = nested && item.getChildrenSize() === 1 ? '' : `<span class="label">${escape(numbering.labels.get(item.getKey()) ?? '')}</span> ${$inlineHtml(item, numbering, lang)}`;
      return `<li>${own}${nested ? $listHtml(nested, numbering, lang) : ''}</li>`;
    });
  return `<ol class="subparagraphs">${items.join('')}</ol>`;
}

/** The whole text as an HTML fragment, numbered, with its footnotes at the end. */
export function $renderDraftHtml(numbering: Numbering, lang: Lang): string {
  const blocks: string[] = [];
  for (const block of $getRoot().getChildren()) {
    const label = escape(numbering.labels.get(block.getKey()) ?? '');
    if ($isHeadingNode(block)) {
      const tag = block.getTag() === 'h1' || block.getTag() === 'h2' ? 'h2' : 'h3';
      blocks.push(`<${tag}><span class="label">${label}</span> ${$inlineHtml(block, numbering, lang)}</${tag}>`);
    } else if ($isNumberedParagraphNode(block)) {
      const id = escape(block.getParagraphId());
      blocks.push(`<p id="p-${id}" data-pid="${id}">${label ? `<span class="num">${label}</span> ` : ''}${$inlineHtml(block, numbering, lang)}</p>`);
    } else if ($isListNode(block)) {
      blocks.push($listHtml(block, numbering, lang));
    }
  }
  if (numbering.footnotes.length > 0) {
    const notes = numbering.footnotes.map(
      (f) => `<li id="fn-${f.number}" value="${f.number}">${escape(f.text)} <a href="#fnref-${f.number}">↩</a></li>`,
    );
    blocks.push(`<section class="footnotes"><ol>${notes.join('')}</ol></section>`);
  }
  return `<article class="draft" lang="${lang}" dir="${direction(lang)}">\n${blocks.join('\n')}\n</article>`;
}

/**
 * The whole text as plain text: one block a line, footnotes at the end. `lang` words the brackets' "delete".
 * Square brackets typed as words are escaped (escapeTypedBrackets): unescaped ones are placed brackets or footnote markers.
 */
export function $renderDraftText(numbering: Numbering, lang: Lang = 'en'): string {
  const lines: string[] = [];
  for (const block of $getRoot().getChildren()) {
    const label = numbering.labels.get(block.getKey());
    if ($isListNode(block)) lines.push(...$listLines(block, numbering, lang, '    ', '    ').map(plainWords));
    else if ($isElementNode(block)) lines.push(`${label ? `${label} ` : ''}${plainWords($inlineParts(block, numbering, lang))}`);
  }
  if (numbering.footnotes.length > 0) {
    lines.push('', '__________', ...numbering.footnotes.map((f) => `[${numbering.labels.get(f.key)}] ${escapeTypedBrackets(f.text)}`));
  }
  return lines.join('\n');
}
