/**
 * Reading the secretariat's draft, DOCX or plain text, into the blocks of a
 * drafted text (shared/editor/import.ts decides what each line is).
 *
 * A DOCX is a zip file written by anyone: before mammoth unzips it, its
 * central directory is read and a file whose entries claim too much (a zip
 * bomb) is refused; images are dropped rather than inlined; mammoth never
 * reads files outside the document.
 */
import mammoth from 'mammoth';
import { withDOM } from '@lexical/headless/dom';
import { DomainError } from '@gavel/shared';
import { classifyLines, parsePlainDraft, type DraftReading, type Run, type SourceLine } from '@gavel/shared/editor/import';

/** Largest upload accepted, in bytes (the routes' body limit). */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
/** What a DOCX may unpack to, all entries together. */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

export type ImportFormat = 'docx' | 'text';

/**
 * The total size a zip's entries claim, from its central directory; throws
 * if it is not a zip. Claims can lie, but a bomb that claims little and
 * inflates much fails jszip's own length check.
 */
export function zipClaims(buffer: Buffer): { entries: number; unzipped: number } {
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DomainError('invalid_command', 'this is not a DOCX file (no zip directory)');
  const entries = buffer.readUInt16LE(eocd + 10);
  const dirOffset = buffer.readUInt32LE(eocd + 16);
  let unzipped = 0;
  let at = dirOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) {
      throw new DomainError('invalid_command', 'this DOCX file is damaged (zip directory)');
    }
    unzipped += buffer.readUInt32LE(at + 24);
    at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return { entries, unzipped };
}

const INLINE_BOLD = new Set(['STRONG', 'B']);
const INLINE_ITALIC = new Set(['EM', 'I']);
const NOTE_REF = /^#(footnote|endnote)-\d+$/;

/** mammoth's HTML (paragraphs, headings, lists, bold, italic, footnotes) as source lines. */
export function htmlToLines(html: string): SourceLine[] {
  return withDOM((window) => {
    const doc = new window.DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
    // Footnotes and endnotes come last, as list items the references point at.
    const notes = new Map<string, string>();
    for (const li of [...doc.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]')]) {
      for (const back of [...li.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]')]) back.remove();
      notes.set(li.id, (li.textContent ?? '').replace(/\s+/g, ' ').trim());
      const list = li.parentElement;
      li.remove();
      if (list && list.children.length === 0) list.remove();
    }

    const lines: SourceLine[] = [];
    const runsOf = (element: Element, skipLists: boolean): Run[] => {
      const runs: Run[] = [];
      const walk = (node: Node, bold: boolean, italic: boolean) => {
        if (node.nodeType === 3) {
          const text = (node.textContent ?? '').replace(/\s+/g, ' ');
          if (text) runs.push({ text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
          return;
        }
        if (node.nodeType !== 1) return;
        const el = node as Element;
        if (skipLists && (el.tagName === 'OL' || el.tagName === 'UL')) return;
        const href = el.tagName === 'A' ? (el.getAttribute('href') ?? '') : '';
        if (NOTE_REF.test(href)) {
          const note = notes.get(href.slice(1));
          if (note) runs.push({ footnote: note });
          return;
        }
        if (el.tagName === 'BR') {
          runs.push({ text: ' ' });
          return;
        }
        for (const child of [...el.childNodes]) walk(child, bold || INLINE_BOLD.has(el.tagName), italic || INLINE_ITALIC.has(el.tagName));
      };
      walk(element, false, false);
      // Trim the line's ends, not its inner spaces.
      const first = runs[0];
      if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
      const last = runs.at(-1);
      if (last && 'text' in last) last.text = last.text.replace(/\s+$/, '');
      return runs.filter((r) => !('text' in r) || r.text !== '');
    };
    const lastText = () => {
      const line = lines.at(-1);
      const run = line?.runs.filter((r): r is { text: string } => 'text' in r).at(-1);
      return run?.text.trim() ?? '';
    };
    const list = (el: Element, depth: number) => {
      // A top-level numbered list after a line ending in ":" is subparagraphs; otherwise its items are paragraphs.
      const items = depth > 0 || /[:;،؛：]$/.test(lastText());
      for (const li of [...el.children]) {
        if (li.tagName !== 'LI') continue;
        const runs = runsOf(li, true);
        if (runs.length) lines.push(items ? { runs, hint: { listDepth: depth } } : { runs });
        for (const nested of [...li.children]) if (nested.tagName === 'OL' || nested.tagName === 'UL') list(nested, items ? depth + 1 : 0);
      }
    };
    const block = (el: Element) => {
      const tag = el.tagName;
      if (/^H[1-6]$/.test(tag)) lines.push({ runs: runsOf(el, false), hint: { heading: Number(tag[1]) } });
      else if (tag === 'P') lines.push({ runs: runsOf(el, false) });
      else if (tag === 'OL' || tag === 'UL') list(el, 0);
      else for (const child of [...el.children]) block(child);
    };
    for (const child of [...doc.body.children]) block(child);
    return lines;
  });
}

/** The blocks of an uploaded draft. Throws DomainError for what cannot be read. */
export async function readDraftUpload(format: ImportFormat, body: Buffer | string): Promise<DraftReading> {
  if (format === 'text') {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.includes('\u0000')) throw new DomainError('invalid_command', 'this is not a text file');
    return parsePlainDraft(text);
  }
  const buffer = typeof body === 'string' ? Buffer.from(body, 'binary') : body;
  const claims = zipClaims(buffer);
  if (claims.entries > MAX_ZIP_ENTRIES || claims.unzipped > MAX_UNZIPPED_BYTES) {
    throw new DomainError('payload_too_large', 'this DOCX file unpacks to too much');
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        externalFileAccess: false,
        // Images are not part of a negotiated text: drop them rather than inline them as data.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (e) {
    throw new DomainError('invalid_command', `this DOCX file could not be read: ${(e as Error).message}`);
  }
  return classifyLines(htmlToLines(html));
}
