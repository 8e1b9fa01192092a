import type { ImportColumn } from './import-columns';

/** The columns of the `users` import: staff and technicians with their operating areas. */
export const userColumns = [
  {
    key: 'externalId',
    headers: { en: 'externalId', id: 'idEksternal' },
    required: true,
    description: {
      en: "the person's id in your system; a user imported again is updated, not added twice",
      id: 'id orang itu di sistem Anda; pengguna yang diimpor lagi diperbarui, tidak ditambah dua kali',
    },
  },
  {
    key: 'employeeNo',
    headers: { en: 'employeeNo', id: 'nik' },
    required: true,
    description: {
      en: 'the employee number (NIK) they sign in with: 3 to 32 letters, digits, dot, dash or underscore',
      id: 'nomor induk karyawan (NIK) untuk masuk: 3 sampai 32 huruf, angka, titik, tanda hubung, atau garis bawah',
    },
  },
  {
    key: 'name',
    headers: { en: 'name', id: 'nama' },
    required: true,
    description: { en: 'at most 120 characters', id: 'paling banyak 120 karakter' },
  },
  {
    key: 'role',
    headers: { en: 'role', id: 'peran' },
    required: true,
    description: {
      en: 'supervisor, agent, warehouse or technician (administrators are not imported)',
      id: 'supervisor, agent, warehouse, atau technician (administrator tidak diimpor)',
    },
  },
  {
    key: 'branchCode',
    headers: { en: 'branchCode', id: 'kodeCabang' },
    required: false,
    description: {
      en: "the branch's code; required for supervisor, warehouse and technician",
      id: 'kode cabang; wajib untuk supervisor, warehouse, dan technician',
    },
  },
  {
    key: 'email',
    headers: { en: 'email', id: 'email' },
    required: false,
    description: { en: 'optional; one user per address', id: 'boleh kosong; satu pengguna per alamat' },
  },
  {
    key: 'phone',
    headers: { en: 'phone', id: 'telepon' },
    required: false,
    description: { en: 'optional, an Indonesian number', id: 'boleh kosong, nomor Indonesia' },
  },
  {
    key: 'areaCodes',
    headers: { en: 'areaCodes', id: 'kodeWilayah' },
    required: false,
    description: {
      en: 'technicians only: official area codes separated by |, such as 31.74|32.71.01',
      id: 'khusus technician: kode wilayah resmi dipisah |, misalnya 31.74|32.71.01',
    },
  },
  {
    key: 'active',
    headers: { en: 'active', id: 'aktif' },
    required: false,
    description: { en: 'yes or no; yes when empty', id: 'ya atau tidak; ya bila kosong' },
  },
  {
    key: 'password',
    headers: { en: 'password', id: 'kataSandi' },
    required: false,
    description: {
      en: "a new user's first password (at least 8 characters, not a common one); when empty the user cannot sign in until an administrator sets one; never changes an existing user's",
      id: 'kata sandi awal pengguna baru (paling sedikit 8 karakter, bukan yang umum); bila kosong pengguna tidak dapat masuk sampai administrator mengisinya; tidak mengubah kata sandi pengguna yang sudah ada',
    },
  },
] as const satisfies readonly ImportColumn[];

export type UserColumn = (typeof userColumns)[number]['key'];
