// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderIntl } from '../widgets/intl';
import type { ApiTokenView } from '@/lib/data/api-tokens';

const actions = vi.hoisted(() => ({ create: vi.fn(), revoke: vi.fn() }));
vi.mock('@/app/_actions/tokens', () => ({ createTokenAction: actions.create, revokeTokenAction: actions.revoke }));
const { ApiTokens } = await import('@/components/account/api-tokens');

afterEach(cleanup);

const laptop: ApiTokenView = { id: 't1', name: 'laptop', scope: 'submit', createdAt: '2026-12-01T10:00:00.000Z', lastUsedAt: null, revokedAt: null };

describe('the API-token section of the progress page', () => {
  it('creates a token and shows it once with a copy button; lists last use; revokes', async () => {
    const used = { ...laptop, id: 't2', name: 'ci', lastUsedAt: '2026-12-02T09:00:00.000Z' };
    actions.create.mockResolvedValue({ ok: true, data: { token: 'dojo_secret', tokens: [used, laptop] } });
    actions.revoke.mockResolvedValue({ ok: true, data: [used, { ...laptop, revokedAt: '2026-12-02T11:00:00.000Z' }] });
    renderIntl(<ApiTokens initial={[laptop]} guest={false} />);
    expect(screen.getByText('never used', { exact: false })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'ci' } });
    await act(async () => fireEvent.submit(screen.getByRole('button', { name: 'Create token' }).closest('form')!));
    expect(actions.create).toHaveBeenCalledWith({ name: 'ci' });
    expect(screen.getByTestId('new-api-token').textContent).toBe('dojo_secret');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(screen.getByText(/last used/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getAllByRole('button', { name: 'Revoke' })[1]!));
    expect(actions.revoke).toHaveBeenCalledWith('t1');
    expect(screen.getByText(/revoked/)).toBeTruthy();
  });

  it('guests get an explanation instead of the form; Chinese strings render', () => {
    renderIntl(<ApiTokens initial={[]} guest />, 'zh-CN');
    expect(screen.queryByRole('button', { name: '创建令牌' })).toBeNull();
    expect(screen.getByText(/注册账号后才能创建/)).toBeTruthy();
  });
});
