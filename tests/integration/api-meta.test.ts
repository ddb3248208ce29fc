/**
 * What scripts read about the API: the command catalogue with a JSON Schema
 * per command, the OpenAPI description, and the health check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES, PROTOCOL_VERSION } from '@gavel/shared';
import { TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

describe('GET /api/commands', () => {
  it('lists every command type with a JSON Schema of its payload', async () => {
    const res = await server.anonymous().request('GET', '/api/commands');
    expect(res.status).toBe(200);
    expect(res.body.protocol).toBe(PROTOCOL_VERSION);
    expect(Object.keys(res.body.commands).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const type of COMMAND_TYPES) {
      const schema = res.body.commands[type];
      expect(schema, type).toMatchObject({ type: 'object', properties: { type: { const: type } } });
      expect(schema.required, type).toContain('type');
      // Unknown fields are refused, and the schema says so.
      expect(schema.additionalProperties, type).toBe(false);
    }
  });

  it('describes fields as the server checks them', async () => {
    const { commands } = (await server.anonymous().request('GET', '/api/commands')).body;
    const register = commands['person.register'];
    expect(register.required).toEqual(expect.arrayContaining(['type', 'name', 'function']));
    expect(register.required).not.toContain('title');
    expect(register.properties.function.enum).toEqual(expect.arrayContaining(['chair', 'head', 'secretariat']));
    expect(register.properties.name).toMatchObject({ type: 'string', maxLength: 200 });
    expect(commands['delegation.registerMany'].properties.delegations).toMatchObject({ type: 'array', minItems: 1, maxItems: 500 });
    expect(commands['access.issue'].properties.role.enum.sort()).toEqual(['chair', 'delegate', 'secretariat', 'viewer']);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the HTTP API', async () => {
    const res = await server.anonymous().request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: 'Gavel', version: expect.any(String) });
    for (const path of [
      '/health',
      '/api/commands',
      '/api/meetings',
      '/api/session',
      '/api/meetings/{id}/commands',
      '/api/meetings/{id}/state',
      '/api/meetings/{id}/events',
      '/api/meetings/{id}/ledger/verify',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/meetings'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Command.oneOf).toHaveLength(COMMAND_TYPES.length);
    expect(doc.components.schemas.MeetingInfo).toMatchObject({ type: 'object', required: expect.arrayContaining(['body', 'title']) });
  });

  it('points only at schemas it defines, and every path it lists exists on the server', async () => {
    const doc = (await server.anonymous().request('GET', '/api/openapi.json')).body;
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.match(/#\/components\/schemas\/([^"]+)/)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeDefined();
    }
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) {
        const route = { method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') };
        expect(server.gavel.app.hasRoute(route), `${method} ${path}`).toBe(true);
      }
    }
  });
});

describe('GET /health', () => {
  it('says the server and its store are up', async () => {
    const res = await server.anonymous().request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, protocol: PROTOCOL_VERSION, record: { ok: true, broken: [] } });
  });

  it('answers unknown API routes with the one error shape', async () => {
    const res = await server.anonymous().request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
