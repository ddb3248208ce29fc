// Builds packages/shared/src/names/un-states.json from the UN tables in
// ../shared/data/un-names (see its README). Run by hand when the tables change:
//   node scripts/build-un-names.mjs [path/to/un-names.json]
// The output is committed, so Gavel never reads ../shared at run time.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? join(root, '..', 'shared', 'data', 'un-names', 'un-names.json');

// The 193 Member States (M49 codes, from the README of the UN tables).
const MEMBERS = `004 008 012 020 024 028 031 032 036 040 044 048 050 051 052 056 064 068 070 072
076 084 090 096 100 104 108 112 116 120 124 132 140 144 148 152 156 170 174 178
180 188 191 192 196 203 204 208 212 214 218 222 226 231 232 233 242 246 250 262
266 268 270 276 288 296 300 308 320 324 328 332 340 348 352 356 360 364 368 372
376 380 384 388 392 398 400 404 408 410 414 417 418 422 426 428 430 434 438 440
442 450 454 458 462 466 470 478 480 484 492 496 498 499 504 508 512 516 520 524
528 548 554 558 562 566 578 583 584 585 586 591 598 600 604 608 616 620 624 626
634 642 643 646 659 662 670 674 678 682 686 688 690 694 702 703 704 705 706 710
716 724 728 729 740 748 752 756 760 762 764 768 776 780 784 788 792 795 798 800
804 807 818 826 834 840 854 858 860 862 882 887 894`.split(/\s+/);
const OBSERVERS = ['336', '275'];

// M49 publishes the Arabic name of the Netherlands with an underscore as a
// placeholder; UN Arabic documents write the qualifier with a dash, as M49 does
// for Iran and Venezuela ("إيران (جمهورية - الإسلامية)").
const FIXES = { '528': { ar: 'هولندا (مملكة -)' } };

const rows = JSON.parse(readFileSync(source, 'utf8'));
const byCode = new Map(rows.map((r) => [r.m49, r]));
const states = [...MEMBERS, ...OBSERVERS].map((m49) => {
  const r = byCode.get(m49);
  if (!r) throw new Error(`M49 ${m49} missing from ${source}`);
  const names = { ar: r.ar, zh: r.zh, en: r.en, fr: r.fr, es: r.es, ru: r.ru, ...FIXES[m49] };
  return { m49, iso3: r.iso3, status: OBSERVERS.includes(m49) ? 'observer' : 'member', names };
});
if (states.length !== 195) throw new Error(`expected 195 States, got ${states.length}`);
states.sort((a, b) => a.names.en.localeCompare(b.names.en, 'en'));
const out = join(root, 'packages', 'shared', 'src', 'names', 'un-states.json');
writeFileSync(out, '[\n' + states.map((s) => JSON.stringify(s)).join(',\n') + '\n]\n');
console.log(`wrote ${states.length} States to ${out}`);
