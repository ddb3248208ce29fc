import { resolve } from 'node:path';
import { z } from 'zod';

/** The only reader of process.env. Every setting is validated at start-up. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  GAVEL_DATA_DIR: z.string().min(1).default('./data'),
  GAVEL_ADMIN_TOKEN: z
    .string()
    .min(24, 'GAVEL_ADMIN_TOKEN must be at least 24 characters')
    .optional(),
  GAVEL_ALLOWED_ORIGINS: z.string().optional(),
  GAVEL_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  GAVEL_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 60).default(24 * 14),
  GAVEL_DEMO: z.enum(['true', 'false']).default('true'),
  GAVEL_WEB_DIR: z.string().optional(),
  GAVEL_CHROMIUM: z.string().optional(),
  GAVEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When unset, the embedded default makes one and keeps it in the data folder. */
  adminToken?: string;
  /** Origins allowed to open WebSocket connections besides the server's own. */
  allowedOrigins: string[];
  signinPerMinute: number;
  sessionHours: number;
  seedDemo: boolean;
  /** The built web app; not served when absent. */
  webDir: string;
  /** Chromium for PDF exports; when unset, the usual paths are tried. */
  chromium?: string;
  logLevel: string;
}

export const DEFAULT_WEB_DIR = resolve(import.meta.dirname, '../../web/dist');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Gavel cannot start: the configuration is invalid:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.GAVEL_DATA_DIR),
    adminToken: e.GAVEL_ADMIN_TOKEN,
    allowedOrigins: (e.GAVEL_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    signinPerMinute: e.GAVEL_SIGNIN_PER_MINUTE,
    sessionHours: e.GAVEL_SESSION_HOURS,
    seedDemo: e.GAVEL_DEMO === 'true',
    webDir: e.GAVEL_WEB_DIR ? resolve(e.GAVEL_WEB_DIR) : DEFAULT_WEB_DIR,
    chromium: e.GAVEL_CHROMIUM,
    logLevel: e.GAVEL_LOG_LEVEL,
  };
}
