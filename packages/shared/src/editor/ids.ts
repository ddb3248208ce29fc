/**
 * Paragraph ids: made in the editor of whoever creates or splits a paragraph
 * (the pen-holder's browser, or the server for an import), stored in Yjs with
 * the paragraph, never typed and never shown. The ledger keys a paragraph's
 * status by it, so it must survive renumbering, moves and edits.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 12;

/** `p_` and 12 random letters or digits: the shape of every id in Gavel (`core/schema.ts` `id`). */
export const PARAGRAPH_ID = /^p_[A-Za-z0-9]{6,32}$/;

/**
 * A paragraph the report generates from the record (chapters III–V: "The
 * Working Group considered item 2 at its 3rd meeting", the attendance lists),
 * by its id in the report's skeleton (`p-opening`, `p-item-<item>-heard`):
 * stable as long as what it reports is there, so a footnote may point at it.
 */
export const GENERATED_PARAGRAPH_ID = /^p-[A-Za-z0-9_-]{1,100}$/;

export function isParagraphId(value: unknown): value is string {
  return typeof value === 'string' && PARAGRAPH_ID.test(value);
}

/**
 * A fresh paragraph id. Random rather than sequential because two editors
 * (a reconnecting pen-holder and the server's import, say) may make ids
 * without talking to each other; 62^12 makes a clash negligible.
 */
export function newParagraphId(): string {
  const bytes = new Uint8Array(LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let out = 'p_';
  // 256 is not a multiple of 62: reject the top values to keep the letters uniform.
  for (let i = 0; i < LENGTH; i++) {
    let b = bytes[i];
    while (b >= 248) b = globalThis.crypto.getRandomValues(new Uint8Array(1))[0];
    out += ALPHABET[b % 62];
  }
  return out;
}
