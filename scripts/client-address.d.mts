export const CLIENT_HEADER: string;
export function trustedProxyHops(env?: Record<string, string | undefined>): number;
export function clientAddressFrom(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string;
