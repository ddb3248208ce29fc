import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Config } from '../config';

export type Trust = (address: string, hop: number) => boolean;

/** Which proxies' X-Forwarded-For to believe (GAVEL_TRUST_PROXY), for Fastify and the sockets alike. */
export function trustFunction(trust: Config['trustProxy']): Trust {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

/** The client's address as seen through the trusted proxies. */
export const clientAddress = (req: IncomingMessage, trust: Trust): string => proxyAddr(req, trust);
