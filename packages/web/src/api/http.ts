import type { ErrorBody, SessionInfo } from '@gavel/shared';

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

export interface MeetingSummary {
  id: string;
  body: string;
  title: string;
  venue: string;
  startDate: string;
  endDate: string;
  language: string;
}

export const api = {
  meetings: () => call<{ meetings: MeetingSummary[] }>('GET', '/api/meetings'),
  signIn: (meetingId: string, code: string, name: string) =>
    call<{ token: string; session: SessionInfo }>('POST', '/api/session', { meetingId, code, name }),
  signOut: (token: string) => call<void>('DELETE', '/api/session', undefined, token),
};
