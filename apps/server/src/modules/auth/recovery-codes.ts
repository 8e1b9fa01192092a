import { createHash, randomInt } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U to misread when typed from paper. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const count = 10;

/** Ten codes of ten characters (50 random bits each), written `ABCDE-FGHJK`. */
export function createRecoveryCodes(): string[] {
  return Array.from({ length: count }, () => {
    const characters = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

/** Whether what was typed has the shape of a recovery code rather than of a TOTP code. */
export const isRecoveryCodeShaped = (code: string): boolean => /^[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}$/.test(code.trim());

/** Typed in any case, with or without the dash, and with the letters people mistake for digits. */
function normalized(code: string): string {
  return code.trim().toUpperCase().replace(/-/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** Long random values: a plain SHA-256 keeps a database copy from being used, as for session tokens. */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(normalized(code)).digest('hex');
