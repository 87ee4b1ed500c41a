/** A post-login destination from ?next=: only a local path (no scheme, no //host), else /progress. */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.length > 300) return '/progress';
  return raw;
}
