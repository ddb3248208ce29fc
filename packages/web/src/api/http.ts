import type { ErrorBody, Lang, LocalizedInput, SessionInfo } from '@gavel/shared';
import { loadSession } from './session';

/** An error the server (or the network) gave, with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorBody['code'] | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network', 'no connection to the server');
  }
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (json as { error?: ErrorBody }).error;
    throw new ApiError(e?.code ?? 'internal', e?.message ?? res.statusText, e?.details);
  }
  return json as T;
}

/**
 * A request with the session's token, for what is read as a file or a blob
 * (the report, a paragraph's story, downloads, code slips); a refusal becomes
 * an ApiError with the server's code.
 */
export async function authorizedFetch(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  const token = loadSession()?.token;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('network', 'no connection to the server');
  }
  if (!res.ok) {
    const json = await res.json().catch(() => ({}));
    const e = (json as { error?: ErrorBody }).error;
    throw new ApiError(e?.code ?? 'internal', e?.message ?? res.statusText, e?.details);
  }
  return res;
}

export function authorizedGet(path: string, signal?: AbortSignal): Promise<Response> {
  return authorizedFetch(path, { signal });
}

/** A meeting in the public list; its words per language (strings from a server before issue 13). */
export interface MeetingSummary {
  id: string;
  body: LocalizedInput;
  title: LocalizedInput;
  venue: LocalizedInput;
  startDate: string;
  endDate: string;
  language: Lang;
}

export const api = {
  meetings: () => call<{ meetings: MeetingSummary[] }>('GET', '/api/meetings'),
  signIn: (meetingId: string, code: string, name: string) =>
    call<{ token: string; session: SessionInfo }>('POST', '/api/session', { meetingId, code, name }),
  signOut: (token: string) => call<void>('DELETE', '/api/session', undefined, token),
};
