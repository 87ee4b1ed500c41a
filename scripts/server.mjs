// The production server: Next's request handler behind a plain Node HTTP server, so that the
// client's address comes from the connection (and TRUST_PROXY hops of X-Forwarded-For), never from
// a header the client wrote. `next start` keeps a client-sent X-Forwarded-For as the client address.
//   node scripts/server.mjs --port 3000 [--host 0.0.0.0]
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { CLIENT_HEADER, clientAddressFrom, trustedProxyHops } from './client-address.mjs';
import { isSignInAttempt, SignInGuard } from './sign-in-guard.mjs';
import { readActionBody, replayRequest } from './action-body.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const port = Number(option('port', process.env.PORT ?? '3000'));
const host = option('host', undefined);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a TCP port number, got "${option('port', process.env.PORT)}"`);
  process.exit(2);
}
let hops;
try {
  hops = trustedProxyHops();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

process.env.NEXT_TELEMETRY_DISABLED = '1';
const app = next({ dev: false, dir: root, hostname: host ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

const signInGuard = new SignInGuard();

const server = http.createServer((req, res) => {
  // The only place this header is written: whatever the client sent under this name is replaced.
  const client = clientAddressFrom(req.socket.remoteAddress, req.headers['x-forwarded-for'], hops);
  req.headers[CLIENT_HEADER] = client;
  if (isSignInAttempt(req.method, req.url, req.headers)) {
    const waitMs = signInGuard.take(client, Date.now());
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(seconds), 'cache-control': 'private, no-store' });
      res.end(JSON.stringify({ error: `Too many sign-in attempts from this address. Try again in ${seconds} s.` }));
      req.resume();
      return;
    }
  }
  const forward = (request) =>
    handle(request, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  if (req.method === 'POST' && req.headers['next-action'] !== undefined) {
    // Next answers 500 to an action body over its 1 MB limit or one it cannot decode: check both first.
    readActionBody(req).then((read) => {
      if (read.ok) return forward(replayRequest(req, read.body));
      res.writeHead(read.status, { 'content-type': 'text/plain; charset=utf-8', ...(read.close ? { connection: 'close' } : {}) });
      res.end(read.message);
    });
    return;
  }
  forward(req);
});
server.listen(port, host, () => console.log(`ready on http://${host ?? 'localhost'}:${port}${hops ? ` (trusting ${hops} proxy hop${hops > 1 ? 's' : ''} of X-Forwarded-For)` : ''}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
