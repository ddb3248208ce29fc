/**
 * The report as the server pushes it to those who follow it (`report`,
 * server realtime/report.ts): the bytes of its JSON answer, gzip when large
 * enough, unpacked here (DecompressionStream: off the page's main work).
 */
import { asBytes, type Report, type ReportPush } from '@gavel/shared';

export async function readReportPush(push: ReportPush): Promise<Report> {
  const bytes = asBytes(push?.body);
  if (!bytes) throw new Error('the report came without its bytes');
  const stream = new Blob([bytes as BlobPart]).stream();
  const text = await new Response(push.encoding === 'gzip' ? stream.pipeThrough(new DecompressionStream('gzip')) : stream).text();
  return JSON.parse(text) as Report;
}
