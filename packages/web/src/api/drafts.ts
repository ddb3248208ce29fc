/**
 * The drafted texts' HTTP routes (server/http/drafting.ts), with the
 * session's token: a paragraph's history, and importing a draft.
 */
import type { ImportNote } from '@gavel/shared/editor/import';
import type { ErrorBody, ParagraphStatus, StatusChange } from '@gavel/shared';
import { ApiError } from './http';
import { loadSession } from './session';

export interface ParagraphVersion {
  seq: number;
  from: string;
  to: string;
  by: string[];
  text: string | null;
  number: number | null;
}

export interface ParagraphHistory {
  paragraphId: string;
  status: ParagraphStatus;
  statusChanges: StatusChange[];
  versions: ParagraphVersion[];
}

async function request<T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> {
  const token = loadSession()?.token;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  } catch {
    throw new ApiError('network', 'no connection to the server');
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (json as { error?: ErrorBody }).error;
    throw new ApiError(e?.code ?? 'internal', e?.message ?? res.statusText, e?.details);
  }
  return json as T;
}

export const draftApi = {
  history: (meetingId: string, docName: string, paragraphId: string) =>
    request<ParagraphHistory>(
      'GET',
      `/api/meetings/${encodeURIComponent(meetingId)}/drafts/${encodeURIComponent(docName)}/paragraphs/${encodeURIComponent(paragraphId)}/history`,
    ),
  /** Asks the server for a first paragraph in a text that has none. */
  start: (meetingId: string, docName: string) =>
    request<{ ok: true }>('POST', `/api/meetings/${encodeURIComponent(meetingId)}/drafts/${encodeURIComponent(docName)}/start`),
  /** A .docx file, or plain text. */
  importDraft: (meetingId: string, docName: string, file: File) => {
    const isText = file.type.startsWith('text/') || /\.txt$/i.test(file.name);
    return request<{ ok: true; paragraphs: number; notes: ImportNote[] }>(
      'POST',
      `/api/meetings/${encodeURIComponent(meetingId)}/drafts/${encodeURIComponent(docName)}/import?format=${isText ? 'text' : 'docx'}`,
      file,
      isText ? 'text/plain' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  },
};
