import type http from 'node:http';
export const ACTION_BODY_LIMIT_BYTES: number;
export const DRAIN_BYTES: number;
export function readActionBody(req: http.IncomingMessage, limit?: number): Promise<{ ok: true; body: Buffer } | { ok: false; status: number; message: string; close: boolean }>;
export function replayRequest(req: http.IncomingMessage, body: Buffer): http.IncomingMessage;
