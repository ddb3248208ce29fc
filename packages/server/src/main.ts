import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { seedDemo } from './demo';
import { keepServing } from './process';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const gavel = await buildApp(config);
  keepServing(gavel.app.log);
  const url = await gavel.app.listen({ port: config.port, host: config.host });
  gavel.cluster?.listening(`http://127.0.0.1:${new URL(url).port}`);
  const local = `http://localhost:${new URL(url).port}`;
  const lines = [`Gavel is running on ${local}`];

  if (gavel.adminTokenIsNew) {
    lines.push(`Admin token (kept in ${join(config.dataDir, 'admin-token')}): ${gavel.adminToken}`);
  }
  if (config.seedDemo && (await gavel.meetings.meetingIds()).length === 0) {
    const demo = await seedDemo(gavel.meetings);
    const access = [
      `Demo meeting ${demo.meetingId}: Working Group on Trafficking in Persons. Sign in at ${local} with:`,
      ...demo.codes.map((c) => `  ${c.who.padEnd(28)} ${c.code}`),
    ];
    // Codes are stored only as hashes; this file is the one place they stay readable.
    // (On PostgreSQL, nothing else may have made the data folder yet.)
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, 'demo-access.txt'), `${access.join('\n')}\n`, { mode: 0o600 });
    lines.push(...access);
  } else if (config.seedDemo) {
    lines.push(`Demo access codes, if the demo meeting was made here: ${join(config.dataDir, 'demo-access.txt')}`);
  }
  lines.push(
    'New meeting: curl -X POST -H "Authorization: Bearer $GAVEL_ADMIN_TOKEN" -H "Content-Type: application/json" \\',
    `  -d '{"body":"…","title":"…","venue":"…","startDate":"2027-01-27","endDate":"2027-01-29"}' ${local}/api/meetings`,
  );
  console.log(`\n${lines.join('\n')}\n`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void gavel.close().finally(() => process.exit(0));
    });
  }
}

void main();
