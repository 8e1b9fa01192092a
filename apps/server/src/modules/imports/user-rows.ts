import { employeeNoSchema, passwordSchema, phoneSchema, type Role, roleSchema, textSchema } from '@purnajual/contract';
import { z } from 'zod';
import { readBoolean, Unreadable } from '../parts/parts-csv';
import { emailOf, employeeNoOf, needsBranch } from '../users/user-rules';
import { columnOf } from './import-columns';
import type { ColumnPositions } from './import-header';
import type { FileKey, ImportRecord, RowResult } from './import-kind';
import { cellReason, joinReasons, type Reason, reason } from './import-text';
import { type UserColumn, userColumns } from './user-columns';

/** A user line that passed every check that needs no database but the branch and area lists. */
export interface ImportedUser {
  line: number;
  externalId: string;
  employeeNo: string;
  name: string;
  role: Exclude<Role, 'admin'>;
  branchId: string | null;
  email: string | null;
  phone: string | null;
  /** Sorted; empty for anyone but a technician. */
  areaCodes: string[];
  active: boolean;
  password: string | null;
  /** Set by the import's preparation for a new user: the password's hash, or one nothing matches. */
  passwordHash?: string;
}

export interface UserRowContext {
  branchIdsByCode: ReadonlyMap<string, string>;
  areaCodes: ReadonlySet<string>;
}

const column = (key: UserColumn) => columnOf(userColumns, key);

const textRules = {
  externalId: { schema: textSchema(64), en: 'at most 64 characters', id: 'paling banyak 64 karakter' },
  name: { schema: textSchema(120), en: 'at most 120 characters', id: 'paling banyak 120 karakter' },
  employeeNo: {
    schema: employeeNoSchema,
    en: '3 to 32 letters, digits, dot, dash or underscore',
    id: '3 sampai 32 huruf, angka, titik, tanda hubung, atau garis bawah',
  },
} as const;

const adminRefused = cellReason(
  column('role'),
  'administrators are not imported: they may change every setting and account; create them with user:create or in the console',
  'administrator tidak diimpor: mereka dapat mengubah semua pengaturan dan akun; buat dengan user:create atau di konsol',
);

function readRole(given: string, reasons: Reason[]): ImportedUser['role'] | null {
  const role = roleSchema.safeParse(given.toLowerCase());
  if (!role.success) {
    reasons.push(
      cellReason(
        column('role'),
        `"${given}" is not a role (supervisor, agent, warehouse, technician)`,
        `"${given}" bukan peran (supervisor, agent, warehouse, technician)`,
      ),
    );
    return null;
  }
  if (role.data === 'admin') {
    reasons.push(adminRefused);
    return null;
  }
  return role.data;
}

function readAreas(given: string, role: Role | null, context: UserRowContext, reasons: Reason[]): string[] {
  const codes = [...new Set(given.split('|').map((code) => code.trim()))].filter((code) => code !== '').sort();
  if (codes.length === 0) return codes;
  if (role !== null && role !== 'technician') {
    reasons.push(
      cellReason(
        column('areaCodes'),
        'only technicians have operating areas',
        'hanya technician yang punya wilayah kerja',
      ),
    );
  }
  const unknown = codes.filter((code) => !context.areaCodes.has(code));
  if (unknown.length > 0) {
    const list = unknown.join(', ');
    reasons.push(cellReason(column('areaCodes'), `no such area ${list}`, `wilayah ${list} tidak ada`));
  }
  return codes;
}

function readBranch(given: string, role: Role | null, context: UserRowContext, reasons: Reason[]): string | null {
  if (given === '') {
    if (role !== null && needsBranch(role)) {
      reasons.push(cellReason(column('branchCode'), `is required for a ${role}`, `wajib diisi untuk ${role}`));
    }
    return null;
  }
  const branchId = context.branchIdsByCode.get(given.toUpperCase()) ?? null;
  if (branchId === null) {
    reasons.push(cellReason(column('branchCode'), `no branch ${given}`, `cabang ${given} tidak ada`));
  }
  return branchId;
}

function readOptional<T>(given: string, schema: z.ZodType<T>, key: UserColumn, wrong: Reason, reasons: Reason[]) {
  if (given === '') return null;
  const parsed = schema.safeParse(given);
  if (!parsed.success) reasons.push(cellReason(column(key), wrong.en, wrong.id));
  return parsed.success ? parsed.data : null;
}

/** Reads one user line; every fault is named, as for customers. */
export function readUserRow(
  record: ImportRecord,
  positions: ColumnPositions<UserColumn>,
  context: UserRowContext,
): RowResult<ImportedUser> {
  const value = (key: UserColumn) => (record.cells[positions.get(key) ?? -1] ?? '').trim();
  const reasons: Reason[] = [...record.problems];
  const text = (key: keyof typeof textRules) => {
    const given = value(key);
    const rule = textRules[key];
    if (given === '') reasons.push(cellReason(column(key), 'is required', 'wajib diisi'));
    else if (!rule.schema.safeParse(given).success) reasons.push(cellReason(column(key), rule.en, rule.id));
    return given;
  };
  const [externalId, employeeNo, name] = [text('externalId'), text('employeeNo'), text('name')];
  const role = readRole(value('role'), reasons);
  const branchId = readBranch(value('branchCode'), role, context, reasons);
  const areaCodes = readAreas(value('areaCodes'), role, context, reasons);
  const email = readOptional(
    value('email'),
    z.email().max(254),
    'email',
    reason('is not an e-mail address', 'bukan alamat email'),
    reasons,
  );
  const phone = readOptional(
    value('phone'),
    phoneSchema,
    'phone',
    reason('is not an Indonesian number', 'bukan nomor Indonesia'),
    reasons,
  );
  const password = readOptional(
    value('password'),
    passwordSchema,
    'password',
    reason(
      '8 to 128 characters, not one character repeated',
      '8 sampai 128 karakter, bukan satu karakter yang diulang',
    ),
    reasons,
  );
  const active = value('active') === '' ? true : readBoolean(value('active'));
  if (active instanceof Unreadable) reasons.push(cellReason(column('active'), 'yes or no', 'ya atau tidak'));
  if (reasons.length > 0 || role === null || active instanceof Unreadable) return { refused: joinReasons(reasons) };
  return {
    row: {
      line: record.line,
      externalId,
      employeeNo: employeeNoOf(employeeNo),
      name,
      role,
      branchId,
      email: email === null ? null : emailOf(email),
      phone,
      areaCodes,
      active,
      password,
    },
  };
}

/** No two lines of a file for one person, one NIK or one e-mail address. */
export const userFileKeys = ({ externalId, employeeNo, email }: ImportedUser): FileKey[] => [
  {
    scope: 'user',
    value: externalId,
    taken: (line) =>
      reason(
        `externalId: ${externalId} is already on line ${line}`,
        `idEksternal: ${externalId} sudah ada di baris ${line}`,
      ),
  },
  {
    scope: 'employeeNo',
    value: employeeNo,
    taken: (line) =>
      reason(`employeeNo: ${employeeNo} is already on line ${line}`, `nik: ${employeeNo} sudah ada di baris ${line}`),
  },
  ...(email === null
    ? []
    : [
        {
          scope: 'email',
          value: email,
          taken: (line: number) =>
            reason(`email: ${email} is already on line ${line}`, `email: ${email} sudah ada di baris ${line}`),
        },
      ]),
];
