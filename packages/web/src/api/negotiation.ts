/**
 * The negotiation's reading routes (server/http/negotiation.ts), with the
 * session's token: what a draft amends (for the delegation's co-drafters),
 * and the story of a paragraph as a file to keep (HTML, Markdown).
 */
import type { DraftMeta, RichParagraph } from '@gavel/shared';
import { authorizedGet } from './http';

export interface DraftInfo {
  amendmentId: string;
  meta: DraftMeta | null;
  content: RichParagraph | null;
  problem: string | null;
  current: RichParagraph | null;
}

export type StoryFormat = 'html' | 'md';

const meeting = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const negotiationApi = {
  draft: async (meetingId: string, amendmentId: string): Promise<DraftInfo> =>
    (await authorizedGet(`${meeting(meetingId)}/amendments/${encodeURIComponent(amendmentId)}/draft`)).json() as Promise<DraftInfo>,

  /** The address of a story export (it needs the session's token: fetch it with `storyFile`). */
  storyPath: (meetingId: string, doc: string, paragraphId: string, format: StoryFormat | 'json', lang?: string) =>
    `${meeting(meetingId)}/paragraphs/${encodeURIComponent(paragraphId)}/story?doc=${encodeURIComponent(doc)}&format=${format}${lang ? `&lang=${lang}` : ''}`,

  /** The story as a file, ready to save. */
  storyFile: async (meetingId: string, doc: string, paragraphId: string, format: StoryFormat, lang?: string): Promise<Blob> =>
    (await authorizedGet(negotiationApi.storyPath(meetingId, doc, paragraphId, format, lang))).blob(),
};

/** Saves a blob under a file name, as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
