/**
 * What a page load does, from the start of navigation, as the DevTools
 * protocol sees it (`pnpm bench:phone --waterfall`): every request (sent,
 * first byte, last byte, bytes as sent), the socket's handshake and frames,
 * and the main thread's time by script and by function from a sampling CPU
 * profile. For finding the critical path, not a figure to compare.
 */
import type { CDPSession } from 'playwright-core';

interface Request {
  url: string;
  sent: number;
  firstByte?: number;
  done?: number;
  bytes?: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/^ws:\/\/[^/]+/, 'ws ') || '/';

export async function recordWaterfall(cdp: CDPSession): Promise<() => Promise<string>> {
  const requests = new Map<string, Request>();
  const lines: { at: number; text: string }[] = [];
  const on = (event: string, handler: (e: any) => void) => cdp.on(event as 'Network.requestWillBeSent', handler);
  on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, sent: e.timestamp }));
  on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.firstByte = e.timestamp;
  });
  on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: e.timestamp, bytes: e.encodedDataLength });
  });
  on('Network.webSocketWillSendHandshakeRequest', (e) => lines.push({ at: e.timestamp, text: 'socket: handshake sent' }));
  on('Network.webSocketHandshakeResponseReceived', (e) => lines.push({ at: e.timestamp, text: 'socket: handshake answered' }));
  const frame = (dir: string) => (e: any) => {
    const data: string = e.response.payloadData;
    const what = e.response.opcode === 1 ? JSON.stringify(data.slice(0, 40)) : `binary`;
    lines.push({ at: e.timestamp, text: `socket ${dir} ${data.length} chars ${what}` });
  };
  on('Network.webSocketFrameSent', frame('sent'));
  on('Network.webSocketFrameReceived', frame('received'));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');

  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const start = Math.min(...[...requests.values()].map((r) => r.sent));
    const ms = (t?: number) => (t === undefined ? '-' : String(Math.round((t - start) * 1000)).padStart(5));
    const out = ['waterfall of the first cold load (ms from navigation: sent, first byte, done; bytes as sent):'];
    const rows = [
      ...[...requests.values()].map((r) => ({ at: r.sent, text: `${ms(r.firstByte)} ${ms(r.done)}  ${String(r.bytes ?? '-').padStart(7)}  ${short(r.url)}` })),
      ...lines.map((l) => ({ at: l.at, text: `                        ${l.text}` })),
    ].sort((a, b) => a.at - b.at);
    for (const r of rows) out.push(`${ms(r.at)} ${r.text}`);
    out.push('', ...mainThread(profile));
    return out.join('\n');
  };
}

/** Self time of the main thread by script and the costliest functions (times under the CPU slowdown). */
function mainThread(profile: Profile): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    const script = url ? short(url) : `(${functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${url ? `${short(url)}:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${String(Math.round(us / 1000)).padStart(5)} ms  ${k}`);
  return ['main thread, self time by script:', ...top(byScript, 12), 'by function:', ...top(byFunction, Number(process.env.TOP ?? 15))];
}
