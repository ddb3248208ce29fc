/**
 * Words of a paragraph as the negotiation shows them: rich content (words
 * with bold and italic, footnote markers, references in words, brackets as
 * negotiators write them), and an amendment as tracked changes against the
 * paragraph as it reads now: deletions struck through and insertions
 * underlined in the sponsor's colour, each change tagged with the sponsor's
 * name, and conflicts (the paragraph changed since in a way the amendment
 * contradicts) boxed, both readings shown, for the chair.
 */
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { crossRefWords, noteSegments, type Lang } from '@gavel/shared';
import { bracketTag, type BracketInline, type Inline, type RichParagraph } from '@gavel/shared/editor/rich';
import type { TrackedPart } from '@gavel/shared/editor/merge';

/** Paragraph numbers, to word references ("paragraph 109 below") as seen from the paragraph they are in. */
export interface NumberContext {
  numberOf: (paragraphId: string) => number | null;
  /** The number of the paragraph the words are in (null: below everything, as for a new paragraph). */
  from: number | null;
  /** The text's language: references and the words of brackets. */
  lang: Lang;
  /** The reader's language, for what screen readers say around the words. */
  uiLang?: Lang;
}

function refWords(target: string, c: NumberContext): string {
  const n = c.numberOf(target);
  const direction = c.from === null || n === null ? 'self' : n === c.from ? 'self' : n < c.from ? 'above' : 'below';
  return crossRefWords(n, direction, c.lang);
}

/** "[should][shall] (Norway)" with each alternative marked, a deletion tagged "(Egypt: delete)". */
export function BracketWords({ bracket, colour, lang }: { bracket: Pick<BracketInline, 'alternatives' | 'label'>; colour?: string; lang?: Lang }) {
  // "(Egypt: delete)" is part of the text: in the text's language.
  const { t } = useTranslation(undefined, { lng: lang });
  const shown = bracket.alternatives.filter((a) => a.length > 0);
  const tag = bracketTag(bracket, t('amendments.deleteWord'));
  return (
    <span className="bracket-words" style={colour ? ({ '--sponsor': colour } as CSSProperties) : undefined}>
      {shown.map((a, i) => (
        <span key={i} className="bracket-alt">
          [{a}]
        </span>
      ))}
      {tag ? <span className="bracket-tag"> {tag}</span> : null}
    </span>
  );
}

function Note({ note, c }: { note: string; c: NumberContext }) {
  const { t } = useTranslation(undefined, { lng: c.uiLang });
  const words = noteSegments(note)
    .map((s) => ('text' in s ? s.text : refWords(s.ref, { ...c, from: null })))
    .join('');
  return (
    <sup className="inline-note" title={words}>
      *<span className="visually-hidden"> ({t('amendments.footnoteSr', { text: words })})</span>
    </sup>
  );
}

export function InlineWords({ inlines, c, colourOf }: { inlines: readonly Inline[]; c: NumberContext; colourOf?: (delegationId: string) => string }) {
  return (
    <>
      {inlines.map((i, k) => {
        if ('text' in i) {
          let node: ReactNode = i.text;
          const f = i.format ?? 0;
          if (f & 1) node = <strong>{node}</strong>;
          if (f & 2) node = <em>{node}</em>;
          if (f & 8) node = <u>{node}</u>;
          return <Fragment key={k}>{node}</Fragment>;
        }
        if ('br' in i) return <br key={k} />;
        if ('footnote' in i) return <Note key={k} note={i.footnote} c={c} />;
        if ('ref' in i) return <span key={k} className="inline-ref">{refWords(i.ref, c)}</span>;
        return <BracketWords key={k} bracket={i.bracket} colour={colourOf?.(i.bracket.by)} lang={c.lang} />;
      })}
    </>
  );
}

/** A paragraph's rich content, with its subparagraphs on lines of their own. */
export function RichWords({ paragraph, c, colourOf }: { paragraph: RichParagraph; c: NumberContext; colourOf?: (delegationId: string) => string }) {
  return (
    <>
      <InlineWords inlines={paragraph.inlines} c={c} colourOf={colourOf} />
      {(paragraph.items ?? []).map((item, k) => (
        <span key={k} className="rich-item" style={{ '--depth': item.depth } as CSSProperties}>
          <InlineWords inlines={item.inlines} c={c} colourOf={colourOf} />
        </span>
      ))}
    </>
  );
}

/**
 * Tracked changes by one sponsor. `sponsor`: its name in the reader's
 * language; `colour`: its colour (colours.ts).
 */
export function TrackedText({
  parts,
  sponsor,
  colour,
  c,
  colourOf,
  testId,
}: {
  parts: readonly TrackedPart[];
  sponsor: string;
  colour: string;
  c: NumberContext;
  colourOf?: (delegationId: string) => string;
  testId?: string;
}) {
  const { t } = useTranslation(undefined, { lng: c.uiLang });
  const style = { '--sponsor': colour } as CSSProperties;
  const out: ReactNode[] = [];
  parts.forEach((p, k) => {
    const next = parts[k + 1];
    if (p.op === 'same') {
      out.push(<InlineWords key={k} inlines={p.inlines} c={c} colourOf={colourOf} />);
    } else if (p.op === 'delete') {
      out.push(
        <del key={k} className="tracked-del" title={t('amendments.deletedBy', { name: sponsor })}>
          <span className="visually-hidden">{t('amendments.deletedSr')} </span>
          <InlineWords inlines={p.inlines} c={c} colourOf={colourOf} />
        </del>,
      );
      // The tag goes after the change: after the insertion that replaces these words, if one does,
      // with a space between the two (Arabic letters would join across them).
      if (next?.op !== 'insert') out.push(<SponsorTag key={`${k}-tag`} name={sponsor} />);
      else out.push(' ');
    } else if (p.op === 'insert') {
      out.push(
        <ins key={k} className="tracked-ins" title={t('amendments.insertedBy', { name: sponsor })}>
          <span className="visually-hidden">{t('amendments.insertedSr')} </span>
          <InlineWords inlines={p.inlines} c={c} colourOf={colourOf} />
        </ins>,
        <SponsorTag key={`${k}-tag`} name={sponsor} />,
      );
    } else {
      out.push(
        <span key={k} className="tracked-conflict" role="group" aria-label={t('amendments.conflict')} data-testid="tracked-conflict">
          <span className="conflict-flag" aria-hidden="true">
            ⚠
          </span>
          <span className="conflict-label">{t('amendments.conflictNow')}</span>{' '}
          <span className="conflict-current">
            <InlineWords inlines={p.current} c={c} colourOf={colourOf} />
            {p.current.length === 0 ? '—' : null}
          </span>{' '}
          <span className="conflict-label">{t('amendments.conflictProposed', { name: sponsor })}</span>{' '}
          <ins className="tracked-ins">
            <InlineWords inlines={p.proposed} c={c} colourOf={colourOf} />
            {p.proposed.length === 0 ? '—' : null}
          </ins>
        </span>,
      );
    }
  });
  return (
    <span className="tracked" style={style} data-testid={testId}>
      {out}
    </span>
  );
}

/** " (Norway)" after a change; the space outside the tag, so that it stays between the words whatever the tag's direction. */
function SponsorTag({ name }: { name: string }) {
  return (
    <>
      {' '}
      <span className="tracked-tag" dir="auto">
        ({name})
      </span>
    </>
  );
}
