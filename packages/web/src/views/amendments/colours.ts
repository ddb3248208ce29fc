/**
 * Each sponsoring delegation's colour for its tracked changes, the same on
 * every screen: picked by the delegation's place in the meeting's register
 * (the same on every client, since every client replays the same events),
 * from colours dark enough to read as text on white (WCAG AA, 4.5:1 and
 * more) and far enough apart to tell two sponsors side by side.
 */
export const SPONSOR_COLOURS = ['#6929c4', '#005d5d', '#9f1853', '#0043ce', '#8a3800', '#198038', '#002d9c', '#6f4e00'] as const;

/** The colour of a delegation among `registered` (ids in register order); grey for one not (or no longer) there. */
export function sponsorColour(registered: readonly string[], delegationId: string | null | undefined): string {
  if (!delegationId) return '#3d434a';
  const at = registered.indexOf(delegationId);
  if (at < 0) return '#3d434a';
  return SPONSOR_COLOURS[at % SPONSOR_COLOURS.length];
}
