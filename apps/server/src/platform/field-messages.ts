import type { ProblemLanguage } from './problem-language';

/** A field's validation issue as the schema validator reports it: zod's code, its English message and its facts. */
export interface FieldIssue {
  code: string;
  message: string;
  params: Record<string, unknown>;
}

const typeNames: Record<string, Record<ProblemLanguage, string>> = {
  string: { en: 'text', id: 'teks' },
  number: { en: 'a number', id: 'angka' },
  int: { en: 'a whole number', id: 'bilangan bulat' },
  boolean: { en: 'true or false', id: 'benar atau salah' },
  object: { en: 'an object', id: 'objek' },
  array: { en: 'a list', id: 'daftar' },
};

const units: Record<string, Record<ProblemLanguage, string>> = {
  string: { en: 'characters', id: 'karakter' },
  array: { en: 'items', id: 'butir' },
  set: { en: 'items', id: 'butir' },
  file: { en: 'bytes', id: 'byte' },
};

const formatNames: Record<string, Record<ProblemLanguage, string>> = {
  email: { en: 'e-mail address', id: 'alamat e-mail' },
  datetime: { en: 'ISO 8601 date and time', id: 'tanggal dan jam ISO 8601' },
  date: { en: 'date (YYYY-MM-DD)', id: 'tanggal (YYYY-MM-DD)' },
  uuid: { en: 'UUID', id: 'UUID' },
  url: { en: 'URL', id: 'URL' },
};

/** zod's own English messages start so; a message of the schema's own does not, and is kept as written. */
const zodDefault = /^(Invalid input|Invalid option|Invalid string|Invalid number|Too big|Too small)|^Invalid [\w ]+$/;

const text = (pair: Record<ProblemLanguage, string>, language: ProblemLanguage) => pair[language];
const num = (value: unknown) => String(value);

function sizeMessage(issue: FieldIssue, language: ProblemLanguage, bound: 'maximum' | 'minimum'): string {
  const { origin, inclusive } = issue.params;
  const limit = num(issue.params[bound]);
  const unit = typeof origin === 'string' ? units[origin] : undefined;
  const of = unit ? ` ${text(unit, language)}` : '';
  if (bound === 'minimum' && origin === 'string' && limit === '1') {
    return text({ en: 'must not be empty', id: 'tidak boleh kosong' }, language);
  }
  const words =
    bound === 'maximum'
      ? inclusive === false
        ? { en: 'must be less than', id: 'harus kurang dari' }
        : { en: 'must be at most', id: unit ? 'paling banyak' : 'paling besar' }
      : inclusive === false
        ? { en: 'must be more than', id: 'harus lebih dari' }
        : { en: 'must be at least', id: unit ? 'paling sedikit' : 'paling kecil' };
  return `${text(words, language)} ${limit}${of}`;
}

/**
 * The message of a field's validation issue in the caller's language. zod's generic
 * messages ("Too big: expected string to have <=120 characters") are said again as a
 * person reads them; a message the schema gives itself is kept as written.
 */
export function fieldMessage(issue: FieldIssue, language: ProblemLanguage): string {
  if (!zodDefault.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.message.endsWith('received undefined')) return text({ en: 'is required', id: 'wajib diisi' }, language);
      const expected = typeNames[String(issue.params.expected)];
      return expected
        ? text({ en: `must be ${expected.en}`, id: `harus berupa ${expected.id}` }, language)
        : text({ en: 'has the wrong type', id: 'jenisnya salah' }, language);
    }
    case 'too_big':
      return sizeMessage(issue, language, 'maximum');
    case 'too_small':
      return sizeMessage(issue, language, 'minimum');
    case 'invalid_format': {
      const format = formatNames[String(issue.params.format)];
      return format
        ? text({ en: `is not a valid ${format.en}`, id: `bukan ${format.id} yang sah` }, language)
        : text({ en: 'is not in the expected format', id: 'formatnya tidak sesuai' }, language);
    }
    case 'invalid_value': {
      const values = Array.isArray(issue.params.values) ? issue.params.values.map(String).join(', ') : '';
      return text({ en: `must be one of: ${values}`, id: `harus salah satu dari: ${values}` }, language);
    }
    case 'not_multiple_of':
      return text(
        {
          en: `must be a multiple of ${num(issue.params.divisor)}`,
          id: `harus kelipatan ${num(issue.params.divisor)}`,
        },
        language,
      );
    default:
      return text({ en: 'is invalid', id: 'tidak sah' }, language);
  }
}

/** A field a caller may not set, or that does not exist. */
export const notYourField = (language: ProblemLanguage) =>
  text({ en: 'is not a field you may set', id: 'bukan kolom yang boleh Anda isi' }, language);

/** The problem's detail naming the fields that are wrong. */
export const invalidRequestDetail = (fields: string, language: ProblemLanguage) =>
  text({ en: `The request is invalid: ${fields}`, id: `Permintaan tidak sah: ${fields}` }, language);
