// Server-action requests are read in full here (at most Next's 1 MB body limit) before Next sees
// them, so a body that is too large — with a Content-Length or sent chunked — gets 413, and a
// text body that is not the JSON Next's action encoder sends gets 400, instead of Next's 500.
// The body is then replayed to Next as an ordinary request with a Content-Length.
import http from 'node:http';

export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** Past the limit the rest of a body is read and dropped up to this many bytes, so a client still sending can read the 413; beyond it the connection is closed. */
export const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<{ ok: true, body: Buffer } | { ok: false, status: number, message: string, close: boolean }>}
 */
export function readActionBody(req, limit = ACTION_BODY_LIMIT_BYTES) {
  const tooLarge = (close) => ({ ok: false, status: 413, message: `The request is over ${limit / 1024} KB; nothing was saved.`, close });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DRAIN_BYTES) {
    req.resume();
    return Promise.resolve(tooLarge(true));
  }
  return new Promise((resolve) => {
    const chunks = [];
    let total = 0;
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    req.on('data', (chunk) => {
      total += chunk.length;
      if (total > DRAIN_BYTES) return settle(tooLarge(true));
      if (total > limit) chunks.length = 0;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (total > limit) return settle(tooLarge(false));
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '').toLowerCase();
      if (type.startsWith('text/plain')) {
        try {
          JSON.parse(body.toString('utf8'));
        } catch {
          return settle({ ok: false, status: 400, message: 'The request body is not valid: reload the page and try again. Nothing was saved.', close: false });
        }
      }
      settle({ ok: true, body });
    });
    req.on('error', () => settle({ ok: false, status: 400, message: 'The request body could not be read.', close: true }));
  });
}

/** A fresh request carrying `body`, with the original's method, URL, headers and socket. */
export function replayRequest(req, body) {
  const replay = new http.IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  replay.headers = headers;
  replay.rawHeaders = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : [k, String(v)]));
  // The socket's data was already read into `body`: reading must not touch the socket again.
  replay._read = () => {};
  replay.push(body);
  replay.push(null);
  replay.complete = true;
  return replay;
}
