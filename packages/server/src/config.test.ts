import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig: the pacing of a text relays (GAVEL_RELAY_STALL_MS, GAVEL_RELAY_SHARE)', () => {
  it('defaults to 8 ms of CPU and a tenth of the loop, and reads what it is given', () => {
    expect(loadConfig({}).relayPacing).toEqual({ stallMs: 8, share: 0.1 });
    expect(loadConfig({ GAVEL_RELAY_STALL_MS: '12.5', GAVEL_RELAY_SHARE: '1' }).relayPacing).toEqual({ stallMs: 12.5, share: 1 });
  });

  it.each([
    ['GAVEL_RELAY_SHARE', '0'],
    ['GAVEL_RELAY_SHARE', '-0.1'],
    ['GAVEL_RELAY_SHARE', '1.5'],
    ['GAVEL_RELAY_SHARE', 'a tenth'],
    ['GAVEL_RELAY_STALL_MS', '-1'],
    ['GAVEL_RELAY_STALL_MS', '1e9'],
    ['GAVEL_RELAY_STALL_MS', 'NaN'],
  ])('refuses to start with %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`configuration is invalid[\\s\\S]*${name}`));
  });
});
