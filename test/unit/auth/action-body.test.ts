import { Readable } from 'node:stream';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { readActionBody } from '../../../scripts/action-body.mjs';

/** A request-like stream with headers, sending `chunks`. */
function request(chunks: string[], headers: Record<string, string> = {}): http.IncomingMessage {
  const stream = Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as http.IncomingMessage;
  stream.headers = headers;
  return stream;
}

describe('server-action bodies checked before Next reads them', () => {
  it('passes a JSON text body and a multipart body through unchanged', async () => {
    expect(await readActionBody(request(['["a",', '1]'], { 'content-type': 'text/plain;charset=UTF-8' }))).toEqual({ ok: true, body: Buffer.from('["a",1]') });
    const form = await readActionBody(request(['--x\r\n', 'not json'], { 'content-type': 'multipart/form-data; boundary=x' }));
    expect(form.ok).toBe(true);
  });
  it('answers 400 for a text body that is not JSON', async () => {
    expect(await readActionBody(request(['{"not json'], { 'content-type': 'text/plain' }))).toMatchObject({ ok: false, status: 400 });
  });
  it('answers 413 past the limit, chunked or declared, reading the rest so the client can read the answer', async () => {
    const chunked = await readActionBody(request(['x'.repeat(600), 'y'.repeat(600)], { 'content-type': 'text/plain' }), 1000);
    expect(chunked).toMatchObject({ ok: false, status: 413, close: false });
    const declared = await readActionBody(request(['x'], { 'content-length': String(64 * 1024 * 1024) }), 1000);
    expect(declared).toMatchObject({ ok: false, status: 413, close: true });
  });
});
