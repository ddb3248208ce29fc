/**
 * A text's group commit (GAVEL_TEXT_COMMIT_MS, config textCommitMs): while
 * a text is typed into, its updates wait for the interval after its last
 * commit, or until two of them wait, each commit relayed to the readers as
 * one message; an update after a quiet spell is committed and relayed at once. The interval is the trade between
 * a keystroke's latency and the server's CPU per reader
 * (docs/PERFORMANCE.md, fan-out), so the setting must reach the texts.
 * The interval is kept per text: another meeting's typing never holds a
 * text's keystroke back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '@gavel/server/config';
import { YWS } from '@gavel/shared';
import { setupMeeting } from '../support/fixtures';
import { TestServer, waitFor } from '../support/server';
import { awarenessMessage, collectDocMessages, openDoc, type DocClient } from '../support/drafting';

let server: TestServer | undefined;
const closing: (() => void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) close();
  await server?.stop();
  server = undefined;
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server with these settings, the secretariat writing the recommendations and a viewer reading them; what the reader receives. */
async function writerAndReader(config: Partial<Config>) {
  server = await TestServer.start({ config });
  const f = await setupMeeting(server);
  const viewer = await server.signIn(f.meetingId, f.viewerCode, 'Member of the public');
  const writer: DocClient = await openDoc(server.url, f.secretariat.token!);
  closing.push(() => writer.close());
  const reader: DocClient = await openDoc(server.url, viewer.token!);
  closing.push(() => reader.close());
  expect(reader.provider.canWrite).toBe(false);
  return { writer, reader, seen: collectDocMessages(reader.socket, 'recommendations') };
}

/** Keystrokes (three, 50 ms apart, unless told), each its own update; what one reader receives, as relayed updates. */
async function typeApart(textCommitMs: number, { relayPacing, keys = 'abc', gapMs = 50 }: { relayPacing?: Config['relayPacing']; keys?: string; gapMs?: number } = {}) {
  const { writer, reader, seen } = await writerAndReader({ textCommitMs, ...(relayPacing ? { relayPacing } : {}) });
  // Quiet, so that the first keystroke finds the server idle.
  await pause(textCommitMs + 50);
  for (const ch of keys) {
    writer.type(ch);
    await pause(gapMs);
  }
  await writer.provider.whenSaved();
  await waitFor(() => reader.text().endsWith(keys));
  await pause(textCommitMs + 100);
  return { updates: seen.received.filter((m) => m.type === 'update'), reader: reader.text() };
}

describe("a text's group commit", () => {
  it('with a long interval, commits the first keystroke at once and the next ones together, one message to the reader', async () => {
    const { updates, reader } = await typeApart(400);
    // The first one idle, committed at once; the two after it within the interval, in one commit and one relay
    // (with the default 10 ms, each 50 ms apart would be committed alone).
    expect(updates).toHaveLength(2);
    expect(reader).toMatch(/abc$/);
  });

  it('commits as soon as two updates of a text wait, without waiting for the rest of the interval', async () => {
    server = await TestServer.start({ config: { textCommitMs: 2_000 } });
    const f = await setupMeeting(server);
    const writer: DocClient = await openDoc(server.url, f.secretariat.token!);
    closing.push(() => writer.close());
    await pause(2_100);
    writer.type('a');
    await writer.provider.whenSaved();
    writer.type('b');
    await pause(150);
    // One waiting: held for the interval.
    expect(writer.provider.unsaved).toBe(true);
    const typedAt = performance.now();
    writer.type('c');
    await writer.provider.whenSaved();
    // The second: b and c committed together at once, not at the end of the 2 s.
    expect(performance.now() - typedAt).toBeLessThan(1_000);
    expect(writer.text()).toMatch(/abc$/);
  });

  it('with no interval, relays each keystroke typed apart as its own message', async () => {
    const { updates, reader } = await typeApart(0);
    expect(updates).toHaveLength(3);
    expect(reader).toMatch(/abc$/);
  });
});

describe("a text's relays, paced when they stall the event loop (GAVEL_RELAY_STALL_MS, GAVEL_RELAY_SHARE)", () => {
  it('merges what the reader would have got keystroke by keystroke once a relay costs more than the text may take, and the reader ends with the text', async () => {
    // Every relay "stalls" (stallMs 0) and may take a thousandth of the loop: after one of 0.05 ms or more, 50 ms or more pass before the next.
    const { updates, reader } = await typeApart(0, { relayPacing: { stallMs: 0, share: 0.001 }, keys: 'abcdef', gapMs: 8 });
    // Unpaced, each keystroke committed on its own is its own message (the test above); here the first goes at once, the rest merged.
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(reader).toMatch(/abcdef$/);
  });

  it("sends the writer's presence after the text it held back, not before", async () => {
    // After the first relay every one is held: at least 0.1 ms of CPU to the reader, so 200 ms or more.
    const { writer, reader, seen } = await writerAndReader({ textCommitMs: 0, relayPacing: { stallMs: 0, share: 0.0005 } });
    writer.type('x');
    await waitFor(() => reader.text().endsWith('x'));
    writer.type('y');
    await writer.provider.whenSaved();
    // The cursor after the held 'y' (presence alone goes after 50 ms).
    writer.socket.emit(YWS.msg, 'recommendations', awarenessMessage([{ clientId: writer.doc.clientID, clock: 1, state: { anchorPos: null } }]));
    await waitFor(() => seen.received.some((m) => m.type === 'awareness') && reader.text().endsWith('xy'));
    const kinds = seen.received.map((m) => m.type).filter((t) => t === 'update' || t === 'awareness');
    expect(kinds.at(-1)).toBe('awareness');
  });
});

describe("a text's group commit, per text", () => {
  it("does not hold one meeting's keystroke for another meeting's commit interval", async () => {
    server = await TestServer.start({ config: { textCommitMs: 2_000 } });
    const [a, b] = [await setupMeeting(server), await setupMeeting(server)];
    const writerA: DocClient = await openDoc(server.url, a.secretariat.token!);
    const writerB: DocClient = await openDoc(server.url, b.secretariat.token!);
    closing.push(() => writerA.close(), () => writerB.close());
    const stored = async (meetingId: string) => (await server!.gavel.store.readDocUpdates(meetingId, 'recommendations')).length;
    await pause(2_100);
    const storedA = await stored(a.meetingId);

    // A: the first keystroke committed at once, the second held for A's interval.
    writerA.type('a');
    await writerA.provider.whenSaved();
    writerA.type('b');
    await pause(50);
    const typedAt = performance.now();
    writerB.type('x');
    await writerB.provider.whenSaved();
    // B's keystroke did not wait for A's interval (a shared interval would have held it until A's next commit, ~2 s).
    expect(performance.now() - typedAt).toBeLessThan(1_000);
    expect(writerA.provider.unsaved).toBe(true);
    expect(await stored(a.meetingId)).toBe(storedA + 1);
    // And A's held keystroke is committed when its interval is over.
    await writerA.provider.whenSaved();
    expect(await stored(a.meetingId)).toBe(storedA + 2);
  });
});
