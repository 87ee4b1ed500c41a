'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, deviceProof, isKnownDevice } from '@/lib/auth/device-cookie';
import { clientAddress, currentViewer, endSession, setAppCookie, setSessionCookie, viewerOrGuest } from '@/lib/auth/session';
import { getLocale } from 'next-intl/server';
import { deleteAccount, logIn, setAccountLocale, signUp } from '@/lib/data/accounts';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_DAYS } from '@/lib/i18n/locale';
import { InputError } from '@/lib/data/errors';
import { msg } from '@/lib/i18n/translate';
import { run, type ActionResult } from './result';

type Who = { name: string; isGuest: boolean };

export async function signUpAction(input: { identifier: string; password: string; confirm: string }): Promise<ActionResult<Who>> {
  return run(async () => {
    const result = await signUp(await currentViewer(), input, new Date(), await clientAddress());
    await setSessionCookie(result.token, result.expiresAt);
    // The language the learner was using becomes the account's setting.
    await setAccountLocale(result.viewer, await getLocale());
    revalidatePath('/', 'layout');
    return { name: result.viewer.displayName ?? 'you', isGuest: false };
  }, [input]);
}

export async function logInAction(input: { identifier: string; password: string }): Promise<ActionResult<Who>> {
  return run(async () => {
    const device = (await cookies()).get(DEVICE_COOKIE)?.value;
    const result = await logIn(input, await clientAddress(), new Date(), (accountKey) => isKnownDevice(device, accountKey));
    await setSessionCookie(result.token, result.expiresAt);
    await setAppCookie(DEVICE_COOKIE, deviceProof(result.accountKey), DEVICE_COOKIE_DAYS * 86_400);
    // Signing in on another browser brings the account's language with it.
    if (isLocale(result.viewer.locale)) await setAppCookie(LOCALE_COOKIE, result.viewer.locale, LOCALE_COOKIE_DAYS * 86_400);
    revalidatePath('/', 'layout');
    return { name: result.viewer.displayName ?? 'you', isGuest: false };
  }, [input]);
}

export async function signOutAction(): Promise<ActionResult<null>> {
  return run(async () => {
    await endSession();
    revalidatePath('/', 'layout');
    return null;
  });
}

/** The words that confirm a deletion: "delete" in every language, and 删除 too (the Chinese dialog asks for it). */
const DELETE_WORDS = new Set(['delete', '删除']);

/** Deletes the learner and everything they stored. `confirm` must be the word "delete" (or 删除). */
export async function deleteAccountAction(confirm: string): Promise<ActionResult<null>> {
  return run(async () => {
    if (typeof confirm !== 'string' || !DELETE_WORDS.has(confirm.normalize('NFKC').trim().toLowerCase())) {
      throw new InputError(msg('account.errors.confirmDelete'), { confirm: msg('account.errors.confirmDeleteField') });
    }
    const viewer = await viewerOrGuest();
    await deleteAccount(viewer);
    await endSession();
    revalidatePath('/', 'layout');
    return null;
  }, [confirm]);
}
