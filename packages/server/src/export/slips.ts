/**
 * Access-code slips (issue 15): one card per code, to cut out and hand over,
 * eight to an A4 page, in the language asked (the meeting's by default). A
 * card names the meeting, whom the code is for, the code, and a QR code that
 * opens the sign-in with the meeting chosen and the code filled in. The code
 * travels in the link's fragment (`#code=`), which browsers never send to a
 * server nor put in a Referer; the sign-in page takes it out of the address
 * bar at once (web/src/api/signInLink.ts).
 */
import QRCode from 'qrcode';
import {
  delegationName,
  direction,
  formatDateRange,
  localizedText,
  type AccessCode,
  type Lang,
  type MeetingState,
} from '@gavel/shared';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';
import { escapeHtml } from './html';

export interface Slip {
  code: string;
  issued: AccessCode;
}

/** The address a slip's QR code opens: the sign-in page of this server, meeting chosen, code in the fragment. */
export function signInLink(origin: string, meetingId: string, code: string): string {
  return `${origin}/?meeting=${encodeURIComponent(meetingId)}#code=${encodeURIComponent(code)}`;
}

/** Sans-serif stacks that shape each script with the fonts Debian's packages give (fonts-noto-core, fonts-wqy-zenhei). */
const SLIP_FONTS: Record<Lang, string> = {
  ar: '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
  zh: '"Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif',
  en: '"Noto Sans", "DejaVu Sans", sans-serif',
  fr: '"Noto Sans", "DejaVu Sans", sans-serif',
  es: '"Noto Sans", "DejaVu Sans", sans-serif',
  ru: '"Noto Sans", "DejaVu Sans", sans-serif',
};

/** A template of the UI strings, escaped, with its values put in as HTML (already escaped by the caller). */
function fill(template: string, values: Record<string, string>): string {
  return escapeHtml(template).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/** Whom a slip is for, in the slip's language: the delegation's name, or the role (and its label). */
function holder(state: MeetingState, issued: AccessCode, lang: Lang): { who: string; role: string } {
  const s = UI_STRINGS[lang];
  const role = s.roles[issued.role];
  const delegation = issued.delegationId ? state.delegations[issued.delegationId] : undefined;
  if (delegation) return { who: delegationName(delegation, lang), role };
  return { who: issued.label && issued.label !== role ? `${role} · ${issued.label}` : role, role };
}

export async function renderSlipsHtml(state: MeetingState, slips: Slip[], lang: Lang, origin: string): Promise<string> {
  const s = UI_STRINGS[lang].slips;
  const dir = direction(lang);
  const words = (v: MeetingState['info']['body']) => localizedText(v, lang, state.info.language);
  const meeting = `${words(state.info.venue)}, ${formatDateRange(state.info.startDate, state.info.endDate, lang)}`;
  const cards = await Promise.all(
    slips.map(async ({ code, issued }) => {
      const link = signInLink(origin, state.id, code);
      // Medium error correction survives a crease or a smudge; the margin is the quiet zone scanners need.
      const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      const { who, role } = holder(state, issued, lang);
      return `<section class="slip" data-code-id="${escapeHtml(issued.id)}">
<p class="meeting"><span dir="auto">${escapeHtml(words(state.info.body))}</span><br><span dir="auto">${escapeHtml(meeting)}</span></p>
<p class="who" dir="auto">${escapeHtml(who)}</p>
<p class="role">${fill(s.signsInAs, { role: escapeHtml(role) })}</p>
<div class="qr" role="img" aria-label="${escapeHtml(s.qr)}">${qr}</div>
<p class="code-label">${escapeHtml(s.code)}</p>
<p class="code" dir="ltr">${escapeHtml(code)}</p>
<p class="how">${fill(s.how, { site: `<bdi dir="ltr">${escapeHtml(origin)}</bdi>` })}</p>
<p class="keep">${escapeHtml(s.keep)}</p>
</section>`;
    }),
  );
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(s.title)}</title>
<style>
@page { size: A4; margin: 8mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${SLIP_FONTS[lang]}; font-size: 9.5pt; line-height: 1.3; color: #000; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 70mm; }
.slip { border: 1px dashed #888; padding: 4mm 5mm; break-inside: avoid; display: grid;
  grid-template-columns: 1fr 34mm; grid-template-rows: auto auto auto 1fr auto auto auto;
  grid-template-areas: "meeting meeting" "who qr" "role qr" "label qr" "code code" "how how" "keep keep"; column-gap: 3mm; }
.meeting { grid-area: meeting; margin: 0 0 2mm; font-size: 8.5pt; color: #333; border-block-end: 1px solid #ccc; padding-block-end: 1.5mm; }
.who { grid-area: who; margin: 0; font-size: 15pt; font-weight: bold; line-height: 1.15; }
.role { grid-area: role; margin: 1mm 0 0; }
.qr { grid-area: qr; width: 34mm; height: 34mm; }
.qr svg { width: 100%; height: 100%; }
.code-label { grid-area: label; margin: 0; align-self: end; font-size: 8pt; color: #333; }
.code { grid-area: code; margin: 0.5mm 0 1mm; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 17pt; font-weight: bold; letter-spacing: 0.08em; text-align: start; }
html[dir="rtl"] .code { text-align: right; }
.how { grid-area: how; margin: 0; font-size: 7.5pt; }
.keep { grid-area: keep; margin: 0.5mm 0 0; font-size: 7.5pt; font-style: italic; }
</style>
</head>
<body>
<main class="sheet">
${cards.join('\n')}
</main>
</body>
</html>
`;
}
