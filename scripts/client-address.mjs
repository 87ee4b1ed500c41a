// The client's address for per-client limits, decided by the server from the connection itself.
// X-Forwarded-For is trusted only for the number of proxy hops TRUST_PROXY names: with
// TRUST_PROXY=1 (one reverse proxy in front) the address that proxy saw connecting is the last
// entry it appended; with 0 (the default, no proxy) the header is ignored and the socket address is
// the client. Whatever a client writes into the header can only add entries to the left of the
// ones trusted proxies append, so it never chooses its own identity.

export const CLIENT_HEADER = 'x-dsd-client-address';

/** Hops of reverse proxies in front of this server, from TRUST_PROXY (0 to 10). */
export function trustedProxyHops(env = process.env) {
  const raw = env.TRUST_PROXY ?? '0';
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUST_PROXY must be a whole number of proxy hops from 0 to 10, got "${raw}"`);
  return hops;
}

/**
 * The client address: the socket's peer when no proxy is trusted, else the entry `hops` places from
 * the right of X-Forwarded-For followed by the socket peer (the nearest trusted proxy).
 */
export function clientAddressFrom(socketAddress, forwardedFor, hops) {
  const peer = normalize(socketAddress ?? '') || 'unknown';
  if (hops === 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = [...header.split(',').map((s) => normalize(s)).filter(Boolean), peer];
  return chain[Math.max(0, chain.length - 1 - hops)];
}

function normalize(address) {
  const trimmed = address.trim().slice(0, 100);
  return trimmed.startsWith('::ffff:') ? trimmed.slice(7) : trimmed;
}
