import { translate } from '@/lib/i18n/translate';

/**
 * What a new password must not be: shorter than 10 or longer than 200 characters, the account's
 * own name, one character repeated, or one of the passwords every guessing list starts with.
 * (The list is short on purpose: it stops the first guesses, and length does the rest.)
 */
const common = new Set(
  [
    '1234567890', '0123456789', '12345678910', '1234567890a', 'qwertyuiop', 'qwertyuiop1', 'asdfghjkl;', 'zxcvbnm123',
    '1q2w3e4r5t', '1qaz2wsx3edc', 'qazwsxedcrfv', 'password12', 'password123', 'password1234', 'passw0rd12', 'p@ssw0rd12',
    'iloveyou12', 'iloveyou123', 'sunshine12', 'princess12', 'football12', 'baseball12', 'superman12', 'trustno1234',
    'letmein123', 'welcome123', 'welcome1234', 'admin12345', 'administrator', 'changeme12', 'changeme123', 'abc1234567',
    'abcdefghij', 'abcdefg123', 'aaaaaaaaaa', 'qwerty1234', 'qwerty12345', 'qwertyuiop123', 'monkey1234', 'dragon1234',
    'master1234', 'football123', 'michael123', 'computer12', 'internet12', 'whatever12', 'starwars12', 'pokemon123',
    'woaini1314', '5201314520', 'aa123456789', 'a123456789', 'qq123456789', 'abc123456789', '1234qwer', '123qweasd',
    '1qaz@wsx3edc', 'zaq12wsxcde3', 'password!', 'password1!', 'passwordpassword', 'letmeinnow', 'opensesame',
  ].map((p) => p.toLowerCase()),
);

export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 200;

/**
 * Why a new password is refused, as the key of an interface string ('account.errors.…'), or null
 * when it is acceptable. The sign-up schema uses the key as its issue message, so the form shows
 * it in the learner's language.
 */
export function passwordProblemKey(password: string, identifier: string): string | null {
  if (password.length < PASSWORD_MIN_CHARS) return 'account.errors.passwordShort';
  if (password.length > PASSWORD_MAX_CHARS) return 'account.errors.passwordLong';
  const folded = password.normalize('NFKC').toLowerCase();
  const name = identifier.normalize('NFKC').toLowerCase().trim();
  const localPart = name.split('@')[0] ?? '';
  // The name itself, or the name with a few characters around it ("grace2024!").
  const isName = (n: string) => n.length >= 3 && folded.includes(n) && folded.length - n.length <= 4;
  if (folded === name || isName(name) || isName(localPart)) return 'account.errors.passwordIsName';
  if (new Set([...folded]).size <= 2) return 'account.errors.passwordRepetitive';
  if (common.has(folded)) return 'account.errors.passwordCommon';
  return null;
}

/** Why a new password is refused, in English, or null when it is acceptable. */
export function passwordProblem(password: string, identifier: string): string | null {
  const key = passwordProblemKey(password, identifier);
  return key === null ? null : translate('en', key);
}
