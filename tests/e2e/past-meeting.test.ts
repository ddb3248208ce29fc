/**
 * Recording a meeting after the fact (issue 13), in English and Arabic: the
 * secretariat sets the venue's time zone, corrects when the agenda was
 * adopted, and uploads the statements from its notes; a wrong row is named
 * by its number before anything is recorded; the report then dates the item
 * by the days of its statements at the venue, not by the server's clock.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportSkeleton, type GeneratedParagraph, type MeetingState } from '@gavel/shared';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';
import { fillDate, screenshot, signIn, serverAndBrowser } from '../support/browser';
import { ok, tempDir } from '../support/server';

const NOTES = [
  'item,date,start,end,delegation,capacity,speaker,on_behalf_of',
  '2,2027-01-27,15:05,15:09:30,Norway,,,',
  '2,2027-01-28,00:30,00:34,Egypt,,,Group of African States',
].join('\n');

describe.each([{ lang: 'en' as const }, { lang: 'ar' as const }])('recording a past meeting ($lang)', ({ lang }) => {
  const s = UI_STRINGS[lang];
  const dir = tempDir('gavel-notes-');

  const env = serverAndBrowser();

  it('sets the zone, corrects the adoption time, and enters statements from a CSV, refusing a wrong row by its number', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Conference officer');
    await ok(sec, meetingId, { type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: '578' }, { category: 'state_party', m49: '818' }] });
    await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Organizational matters' });
    await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Analysis of key concepts' });
    await ok(sec, meetingId, { type: 'meeting.open' });
    await ok(sec, meetingId, { type: 'agenda.adopt' });
    const state = async (): Promise<MeetingState> => (await sec.request('GET', `/api/meetings/${meetingId}/state`)).body.state;

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, env.server.url, lang, meetingId, secretariatCode, 'Conference officer');

    // The venue's zone, from the IANA list.
    await page.locator('#tab-rules').click();
    await page.getByTestId('rules-zone').fill('Europe/Vienna');
    await page.locator('form[data-testid="rules-form"] button[type="submit"]').click();
    await expect.poll(async () => (await state()).rules.programme.timeZone).toBe('Europe/Vienna');

    // The agenda was adopted on the first day at 10:20, Vienna time: a recorded correction with its reason.
    await page.locator('#tab-statements').click();
    const adoption = page.getByTestId('moment-adoption');
    await fillDate(adoption.getByTestId('adoption-date'), '2027-01-27');
    await adoption.getByTestId('adoption-time').fill('10:20');
    await adoption.getByTestId('adoption-note').fill('Adopted at the first meeting; recorded from notes');
    await adoption.locator('button[type="submit"]').click();
    await adoption.getByTestId('time-corrections').waitFor();
    expect(await adoption.getByTestId('time-corrections').textContent()).toContain('Adopted at the first meeting; recorded from notes');
    expect((await state()).agenda.adoption).toMatchObject({ at: '2027-01-27T09:20:00.000Z', corrections: [{ by: 'Conference officer' }] });

    // A wrong row: named by its number, and nothing can be entered.
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${NOTES}\n9,2027-01-28,10:00,10:03,Norway,,,\n`);
    await page.getByTestId('past-file').setInputFiles(bad);
    const read = page.getByTestId('past-read');
    await read.waitFor();
    const rowText = s.past.row.replace('{{row}}', lang === 'ar' ? '٤' : '4');
    expect(await read.textContent()).toContain(`${rowText}: ${s.past.problem_unknown_item.replace('{{value}}', '9')}`);
    expect(await page.getByTestId('past-enter').isDisabled()).toBe(true);
    await screenshot(page, `${lang}-past-meeting-refused`);

    const good = join(dir, 'notes.csv');
    writeFileSync(good, NOTES);
    await page.getByTestId('past-file').setInputFiles(good);
    await expect.poll(() => read.textContent()).toBe(s.past.ready.replace('{{count}}', lang === 'ar' ? '٢' : '2'));
    await page.getByTestId('past-note').fill('Notes of the meetings of 27 January');
    await page.getByTestId('past-enter').click();
    await expect.poll(async () => (await state()).statements.length).toBe(2);
    const entered = (await state()).statements;
    expect(entered.map((x) => [x.startedAt, x.entered?.note])).toEqual([
      ['2027-01-27T14:05:00.000Z', 'Notes of the meetings of 27 January'],
      ['2027-01-27T23:30:00.000Z', 'Notes of the meetings of 27 January'],
    ]);
    await page.getByTestId('statements-item').selectOption({ index: 1 });
    await expect.poll(() => page.locator('.badge-entered').count()).toBe(2);
    await screenshot(page, `${lang}-past-meeting-entered`);

    // The report: the item on the days its statements were made in Vienna (27 and 28 January), the agenda on the 27th.
    const report = buildReportSkeleton(await state(), lang);
    const sentences = report.chapters.flatMap((c) => c.sections.flatMap((x) => x.blocks)).filter((b): b is GeneratedParagraph => b.kind === 'paragraph').flatMap((p) => p.sentences);
    expect(sentences.find((x) => x.kind === 'item_considered')).toMatchObject({ dates: ['2027-01-27', '2027-01-28'] });
    expect(sentences.find((x) => x.kind === 'agenda_adopted')).toMatchObject({ date: '2027-01-27' });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  });
});
