/** The client address for per-client limits comes from the connection; X-Forwarded-For only for trusted proxy hops. */
import { describe, expect, it } from 'vitest';
import { clientAddressFrom, trustedProxyHops } from '@/scripts/client-address.mjs';

describe('client address', () => {
  it('with no trusted proxy, is the socket peer whatever the client writes into X-Forwarded-For', () => {
    expect(clientAddressFrom('203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(clientAddressFrom('203.0.113.7', '1.2.3.4', 0)).toBe('203.0.113.7');
    expect(clientAddressFrom('::ffff:203.0.113.7', '9.9.9.9, 8.8.8.8', 0)).toBe('203.0.113.7');
    expect(clientAddressFrom(undefined, '1.2.3.4', 0)).toBe('unknown');
  });

  it('behind N trusted proxies, is the address the outermost trusted proxy saw; spoofed entries to its left are ignored', () => {
    // Client 198.51.100.9 -> proxy 10.0.0.2 (appends the client) -> this server (peer 10.0.0.2).
    expect(clientAddressFrom('10.0.0.2', '198.51.100.9', 1)).toBe('198.51.100.9');
    // The client wrote its own header first: the proxy appended the real address after it.
    expect(clientAddressFrom('10.0.0.2', '1.1.1.1, 2.2.2.2, 198.51.100.9', 1)).toBe('198.51.100.9');
    // Two proxies: CDN appends the client, the load balancer appends the CDN.
    expect(clientAddressFrom('10.0.0.3', 'spoofed, 198.51.100.9, 192.0.2.50', 2)).toBe('198.51.100.9');
    // More hops trusted than the chain holds: the leftmost entry, never beyond it.
    expect(clientAddressFrom('10.0.0.2', '', 3)).toBe('10.0.0.2');
  });

  it('TRUST_PROXY is a hop count from 0 to 10, with a clear error otherwise', () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY: '2' })).toBe(2);
    expect(() => trustedProxyHops({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be a whole number of proxy hops/);
    expect(() => trustedProxyHops({ TRUST_PROXY: '-1' })).toThrow(/from 0 to 10/);
  });
});
