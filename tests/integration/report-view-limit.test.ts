/**
 * Reading the report in the app (its JSON, asked again by the text view and
 * the paragraph panels at every event of the meeting) counts apart from the
 * files people download: a secretariat officer who followed a busy meeting
 * can still download the report, and one who downloaded files can still
 * read it. Each has its limit (429 with Retry-After beyond it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS_PER_EXPORT } from '@gavel/server/export/limits';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import { TestServer } from '../support/server';

// 8 exports a minute: a quarter of them (2) at once; readings VIEWS_PER_EXPORT times that (8 at once).
const EXPORTS_PER_MINUTE = 8;
const VIEWS_PER_MINUTE = EXPORTS_PER_MINUTE * VIEWS_PER_EXPORT;
const EXPORT_BURST = EXPORTS_PER_MINUTE / 4;
const VIEW_BURST = VIEWS_PER_MINUTE / 4;

let server: TestServer;
let f: MeetingFixture;

beforeAll(async () => {
  server = await TestServer.start({ config: { exportsPerMinute: EXPORTS_PER_MINUTE } });
  f = await setupMeeting(server);
});
afterAll(() => server?.stop());

const get = (format: string) => f.secretariat.request('GET', `/api/meetings/${f.meetingId}/report?format=${format}`);

/** Asks until refused (at most `limit` times): the statuses in order. */
async function untilRefused(format: string, limit: number): Promise<{ status: number; retryAfter?: string }[]> {
  const seen: { status: number; retryAfter?: string }[] = [];
  while (seen.length < limit) {
    const res = await get(format);
    seen.push({ status: res.status, retryAfter: res.headers['retry-after'] });
    if (res.status !== 200) break;
  }
  return seen;
}

describe("the session's limits on the report", () => {
  it('counts the app\'s readings (JSON) apart from downloads: each runs out on its own, and neither takes the other\'s', { timeout: 60_000 }, async () => {
    // Reading the report until refused: at least the burst, then 429 with Retry-After.
    const views = await untilRefused('json', VIEW_BURST + 6);
    const read = views.filter((v) => v.status === 200).length;
    expect(read).toBeGreaterThanOrEqual(VIEW_BURST);
    expect(views.at(-1)).toMatchObject({ status: 429 });
    expect(Number(views.at(-1)!.retryAfter)).toBeGreaterThan(0);

    // The downloads are all still there (with one bucket for both, the first was refused).
    const files = await untilRefused('html', EXPORT_BURST + 3);
    expect(files.slice(0, EXPORT_BURST).map((s) => s.status)).toEqual(Array(EXPORT_BURST).fill(200));
    expect(files.at(-1)).toMatchObject({ status: 429 });

    // And the other way round: downloads spent, the app reads the report again once its own bucket refills.
    await new Promise((r) => setTimeout(r, (60 / VIEWS_PER_MINUTE) * 1000 + 300));
    expect((await get('json')).status).toBe(200);
  });
});
