import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaInOrder, translationStatus } from '@gavel/shared';
import { seedDemo } from '@gavel/server/demo';
import { TestServer } from '../support/server';

describe('the demo meeting made at first start', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('is ready to run: delegations, the provisional agenda, and working codes for every role', async () => {
    const demo = await seedDemo(server.gavel.meetings);
    const state = (await server.gavel.meetings.state(demo.meetingId))!;
    expect(Object.keys(state.delegations)).toHaveLength(10);
    const agenda = agendaInOrder(state.agenda).map((i) => `${i.label} ${i.title.en}`);
    expect(agenda[0]).toBe('1 Organizational matters');
    expect(agenda).toContain('1 (b) Adoption of the agenda and organization of work');
    expect(agenda.at(-1)).toBe('8 Adoption of the report');
    // Every screen language shows the meeting's own title; the agenda has Arabic and French, and
    // the translation status view lists the three languages the demo leaves to the secretariat.
    for (const lang of ['en', 'ar', 'fr', 'es', 'ru', 'zh'] as const) expect(state.info.title[lang]?.length).toBeGreaterThan(10);
    expect(agendaInOrder(state.agenda).every((i) => i.title.ar && i.title.fr)).toBe(true);
    const status = translationStatus(state);
    expect(status.filter((e) => e.kind === 'meeting')).toEqual([]);
    expect(status.find((e) => e.kind === 'agenda_item')?.missing.sort()).toEqual(['es', 'ru', 'zh']);
    expect(demo.codes.map((c) => c.who)).toEqual(['Secretariat', 'Public', 'Chair', 'Delegate of Egypt', 'Delegate of Finland']);
    for (const { code, who } of demo.codes) {
      const client = await server.signIn(demo.meetingId, code, who);
      expect(client.session.meetingId).toBe(demo.meetingId);
    }
  });
});
