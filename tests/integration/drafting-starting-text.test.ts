/**
 * A new meeting's text (the recommendations) starts with one empty
 * paragraph, made by the server: eagerly when the meeting is created, and at
 * the latest when the text is loaded, in its turn, before anyone reads it.
 * So a client's first sync holds the paragraph even when the eager path
 * failed (the store refusing writes for a moment) or never ran (the process
 * stopped between the meeting's commit and the text's); and there is one
 * paragraph, never two, however many clients and paths race to it.
 * (On several nodes: cluster-starting-text.test.ts.)
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@gavel/shared';
import { MeetingService } from '@gavel/server/meetings/service';
import { DraftClient, expectOneParagraph } from '../support/draft-client';
import { rootOf } from '../support/drafting';
import { SAMPLE_MEETING, TestServer, tempDir, waitFor } from '../support/server';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir?: string): Promise<TestServer> {
  const server = await TestServer.start(dataDir ? { dataDir } : {});
  servers.push(server);
  return server;
}

const storedUpdates = async (server: TestServer, meetingId: string) => (await server.gavel.store.readDocUpdates(meetingId, 'recommendations')).length;

describe("a new meeting's text", () => {
  it('has its one paragraph at the first sync of clients joining together, created through the API (the eager path and the load racing)', async () => {
    const server = await start();
    const { meetingId, secretariatCode, viewerCode } = await server.createMeeting();
    const [secretariat, viewer] = await Promise.all([server.signIn(meetingId, secretariatCode, 'Officer'), server.signIn(meetingId, viewerCode, 'Viewer')]);
    const clients = await Promise.all([secretariat, viewer, secretariat].map((c) => DraftClient.open(server.url, c.token!)));
    try {
      expectOneParagraph(clients);
      expect(await storedUpdates(server, meetingId)).toBe(1);
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('gets it at the first sync when the eager path failed (the store refused the write): logged, then made at the next load', async () => {
    const server = await start();
    const store = server.gavel.store;
    const append = store.appendDocUpdates.bind(store);
    const warnings: string[] = [];
    const warn = vi.spyOn(server.gavel.app.log, 'warn').mockImplementation(((obj: unknown, msg?: string) => {
      warnings.push(typeof obj === 'string' ? obj : (msg ?? ''));
    }) as typeof server.gavel.app.log.warn);
    store.appendDocUpdates = () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
    let created: Awaited<ReturnType<TestServer['createMeeting']>>;
    try {
      created = await server.createMeeting();
      // The eager path gave up, and said so.
      await waitFor(() => warnings.some((w) => w.includes("new meeting's text could not be started")) || undefined, 10_000, 'the warning of the eager path');
    } finally {
      store.appendDocUpdates = append;
      warn.mockRestore();
    }
    expect(warnings.filter((w) => w.includes('could not be started')).length).toBeGreaterThan(0);
    expect(await storedUpdates(server, created.meetingId)).toBe(0);
    const secretariat = await server.signIn(created.meetingId, created.secretariatCode, 'Officer');
    const clients = await Promise.all([0, 1].map(() => DraftClient.open(server.url, secretariat.token!)));
    try {
      expectOneParagraph(clients);
      expect(await storedUpdates(server, created.meetingId)).toBe(1);
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('gets it at the first sync when the eager path never ran (the meeting recorded, the process stopped before the text), once, and still once after a restart', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const server = await start(dataDir);
    // What a process that stopped between the meeting's commit and its text's leaves: the meeting recorded
    // (by a MeetingService of its own on this store, which nothing listens to), the text never written.
    const recorder = new MeetingService(server.gavel.store, { integrity: server.gavel.meetings.integrity });
    const admin: Actor = { role: 'admin', name: 'Admin' };
    const created = await recorder.create(SAMPLE_MEETING, admin);
    const meetingId = created.meetingId;
    const secretariatCodeId = created.events.flatMap((e) => (e.type === 'AccessCodeIssued' && e.payload.code.role === 'secretariat' ? [e.payload.code.id] : []))[0];
    const secretariatCode = created.issuedCodes.find((c) => c.codeId === secretariatCodeId)!.code;
    expect(await server.gavel.store.docNames(meetingId)).toEqual([]);

    const secretariat = await server.signIn(meetingId, secretariatCode, 'Officer');
    const clients = await Promise.all([0, 1, 2].map(() => DraftClient.open(server.url, secretariat.token!)));
    let paragraph: string;
    try {
      paragraph = expectOneParagraph(clients);
      expect(await storedUpdates(server, meetingId)).toBe(1);
      // The server's own edit, as the log of the text says.
      const [update] = await server.gavel.store.readDocUpdates(meetingId, 'recommendations');
      expect(update.actor.role).toBe('admin');
    } finally {
      for (const c of clients) c.close();
    }

    // Loaded again by a new server: started already, not again.
    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    const again = await start(dataDir);
    const client = await DraftClient.open(again.url, secretariat.token!);
    try {
      expect(expectOneParagraph([client])).toBe(paragraph);
      expect(await storedUpdates(again, meetingId)).toBe(1);
    } finally {
      client.close();
    }
  });
});

// A text that does not start with a paragraph (a part of the report) is left as it is: written only when someone writes it.
describe('a text a meeting does not start with', () => {
  it('is not given a paragraph when it is loaded', async () => {
    const server = await start();
    const { meetingId, secretariatCode } = await server.createMeeting();
    const secretariat = await server.signIn(meetingId, secretariatCode, 'Officer');
    const client = await DraftClient.open(server.url, secretariat.token!, 'introduction');
    try {
      expect(rootOf(client.doc).length).toBe(0);
      expect(await server.gavel.store.readDocUpdates(meetingId, 'introduction')).toEqual([]);
    } finally {
      client.close();
    }
  });
});
