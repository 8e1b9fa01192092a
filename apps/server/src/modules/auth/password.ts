import { brokenPasswordRule, companyNameWords } from '@purnajual/contract';
import argon2 from 'argon2';
import { AppError } from '../../errors';
import type { LocalizedText } from '../../platform/problem-language';

/** Argon2id with OWASP's baseline parameters: 19 MiB memory, 2 passes, 1 lane. */
const hashOptions = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, hashOptions);

export const verifyPassword = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so that an unknown employee number costs as much
 * time as a wrong password, and timing does not tell which NIKs exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('purnajual-timing-equalizer');
  await argon2.verify(await dummyHash, password);
}

/** Passwords Indonesian users pick often that the general list below does not hold. */
const localCommonPasswords = [
  'indonesia',
  'indonesia1',
  'bismillah',
  'bismillah1',
  'sayangku',
  'rahasia123',
  'purnajual',
  'teknisi123',
  'jakarta123',
];

let commonPasswords: Promise<Set<string>> | undefined;

async function loadCommonPasswords(): Promise<Set<string>> {
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  const long = dictionary['passwords-common'].filter((password) => password.length >= 8);
  return new Set([...long, ...localCommonPasswords]);
}

/**
 * NIST SP 800-63B policy: at least 8 characters, no composition rules, but not one of
 * the passwords attackers try first — common ones, one character repeated, the company's
 * name — and not the user's own NIK or name. Returns what is wrong, in each language.
 */
export async function passwordProblem(
  password: string,
  context: { employeeNo?: string | undefined; name?: string | undefined; companyName: string },
): Promise<LocalizedText | null> {
  commonPasswords ??= loadCommonPasswords();
  const lowered = password.toLowerCase();
  if ((await commonPasswords).has(lowered)) {
    return {
      en: 'This password is too common; choose a longer or less predictable one',
      id: 'Kata sandi ini terlalu umum; pilih yang lebih panjang atau sulit ditebak',
    };
  }
  const broken = brokenPasswordRule(password, context.companyName);
  if (broken === 'one_character') {
    return {
      en: 'The password may not be one character repeated',
      id: 'Kata sandi tidak boleh satu karakter yang diulang',
    };
  }
  if (broken === 'company_name') {
    const words = companyNameWords(context.companyName).join(', ');
    return {
      en: `The password may not contain the company's name (${words})`,
      id: `Kata sandi tidak boleh memuat nama perusahaan (${words})`,
    };
  }
  const isPersonal = [context.employeeNo, context.name].some(
    (personal) => personal && lowered === personal.toLowerCase(),
  );
  if (isPersonal) {
    return {
      en: 'The password may not be the employee number or name',
      id: 'Kata sandi tidak boleh sama dengan NIK atau nama',
    };
  }
  return null;
}

/** The policy above as a refusal: 400 `validation_failed` on `body.password`. */
export async function assertAcceptablePassword(
  password: string,
  context: { employeeNo?: string | undefined; name?: string | undefined; companyName: string },
): Promise<void> {
  const problem = await passwordProblem(password, context);
  if (problem) {
    throw new AppError('validation_failed', problem.en, { errors: [{ path: 'body.password', message: problem.en }] });
  }
}
