/**
 * The report over HTTP with the session's token: the compiled report as JSON
 * for the view, and the downloads (the report in each format, the ledger).
 * A download is fetched with the token (a plain link would carry none) and
 * saved from a Blob under the name the server gives.
 */
import type { Lang, Report } from '@gavel/shared';
import { authorizedGet } from '../../api/http';

/** The formats of the report, as the export buttons name them (format names are the same in every language). */
export const REPORT_FORMATS = [
  { format: 'docx', name: 'DOCX' },
  { format: 'pdf', name: 'PDF' },
  { format: 'html', name: 'HTML' },
  { format: 'xml', name: 'XML (Akoma Ntoso)' },
  { format: 'md', name: 'Markdown' },
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number]['format'];

export function reportUrl(meetingId: string, format: ReportFormat | 'json', lang: Lang): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}/report?${new URLSearchParams({ format, lang }).toString()}`;
}

/** The formats of the list of participants (GET /api/meetings/{id}/participants). */
export const PARTICIPANTS_FORMATS = [
  { format: 'docx', name: 'DOCX' },
  { format: 'pdf', name: 'PDF' },
  { format: 'html', name: 'HTML' },
] as const;
export type ParticipantsFormat = (typeof PARTICIPANTS_FORMATS)[number]['format'];

export function participantsUrl(meetingId: string, format: ParticipantsFormat, lang: Lang): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}/participants?${new URLSearchParams({ format, lang }).toString()}`;
}

export function ledgerUrl(meetingId: string): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}/ledger?format=jsonl`;
}

/** The file name a Content-Disposition header gives (RFC 6266: filename* first), else the fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return clean(decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))) || fallback;
    } catch {
      // A malformed encoded name: try the plain one.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim()) : '';
  return clean(name ?? '') || fallback;
}

/** No folders in a file name. */
function clean(name: string): string {
  return name.replace(/[/\\]/g, '_').trim();
}

/** The report compiled now, in `lang`. */
export async function fetchReport(meetingId: string, lang: Lang, signal?: AbortSignal): Promise<Report> {
  const res = await authorizedGet(reportUrl(meetingId, 'json', lang), signal);
  return (await res.json()) as Report;
}

/** Fetches a file with the session's token and hands it to the browser to save. */
export async function download(path: string, fallbackName: string): Promise<string> {
  return save(await authorizedGet(path), fallbackName);
}

/** Hands a fetched file to the browser to save, under the name the server gives; returns that name. */
export async function save(res: Response, fallbackName: string): Promise<string> {
  const blob = await res.blob();
  const name = filenameFrom(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the object URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
