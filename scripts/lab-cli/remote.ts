/**
 * The server side of the CLI: the submission routes with `Authorization: Bearer <API token>`.
 * Every failure becomes a CliError that says what to do: server unreachable, token unknown or
 * revoked (401), rate limited (429, with Retry-After), grader busy (503), too large (413).
 */
import type { SubmissionSummaryView, SubmissionView } from '@/lib/labs/submission-view';
import { CliError } from './errors';
import type { Lang } from './style';

export interface Remote {
  server: string;
  token: string;
  lang: Lang;
  /** For tests: a fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

export class HttpFailure extends CliError {
  constructor(
    readonly status: number,
    message: string,
    hint?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, hint);
  }
}

async function call(remote: Remote, pathname: string, init: RequestInit = {}): Promise<unknown> {
  const url = `${remote.server}${pathname}`;
  let res: Response;
  try {
    res = await (remote.fetch ?? fetch)(url, {
      ...init,
      headers: {
        authorization: `Bearer ${remote.token}`,
        accept: 'application/json',
        'accept-language': remote.lang === 'zh-CN' ? 'zh-CN' : 'en',
        'user-agent': 'dojo-lab',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new CliError(`cannot reach ${remote.server} (${cause})`, 'Is the server running? Check the URL with `login --server <url>`.');
  }
  let body: unknown = null;
  const textBody = await res.text();
  try {
    body = textBody ? JSON.parse(textBody) : null;
  } catch {
    body = null;
  }
  if (res.ok) return body;
  const said = body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' ? body.error : `${res.status} ${res.statusText}`;
  const retry = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  switch (res.status) {
    case 401:
      // The server's message says what happened (unknown or revoked) and what to do.
      throw new HttpFailure(401, said, body ? undefined : 'Create a token on your progress page, then run `login` again.');
    case 429:
      throw new HttpFailure(429, `rate limited: ${said}`, retryAfter ? `Try again in ${retryAfter} s.` : undefined, retryAfter);
    case 503:
      throw new HttpFailure(503, said, retryAfter ? `Try again in ${retryAfter} s.` : undefined, retryAfter);
    default:
      if (!body) throw new HttpFailure(res.status, `${url} answered ${res.status}: is ${remote.server} a Dist-Sys Dojo server?`);
      throw new HttpFailure(res.status, said);
  }
}

export async function listSubmissions(remote: Remote, labId: string): Promise<SubmissionSummaryView[]> {
  const body = (await call(remote, `/api/labs/${encodeURIComponent(labId)}/submissions`)) as { submissions?: SubmissionSummaryView[] };
  if (!Array.isArray(body?.submissions)) throw new CliError(`unexpected answer from ${remote.server}: is it a Dist-Sys Dojo server?`);
  return body.submissions;
}

export async function createSubmission(remote: Remote, labId: string, code: string): Promise<SubmissionView> {
  const body = (await call(remote, `/api/labs/${encodeURIComponent(labId)}/submissions`, { method: 'POST', body: JSON.stringify({ code }) })) as { submission?: SubmissionView };
  if (!body?.submission?.id) throw new CliError(`unexpected answer from ${remote.server}`);
  return body.submission;
}

export async function getSubmission(remote: Remote, id: string): Promise<SubmissionView> {
  const body = (await call(remote, `/api/submissions/${encodeURIComponent(id)}`)) as { submission?: SubmissionView };
  if (!body?.submission) throw new CliError(`unexpected answer from ${remote.server}`);
  return body.submission;
}
