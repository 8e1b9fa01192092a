import type { ImportColumn } from './import-columns';

/**
 * The columns of the `customers` import, once: the template, the header reader and the
 * README's table are made from it. Headers are read in either language and any case, with
 * spaces, `_` and `-` ignored. `areaCode` may be left out for `province`, `regency` and
 * `district` names. `line` and `reason` are what the refused-lines file adds: they are
 * accepted and ignored, so that file goes back in as it is once fixed.
 */
export const customerColumns = [
  {
    key: 'externalId',
    headers: { en: 'externalId', id: 'idEksternal' },
    required: true,
    description: {
      en: "the customer's id in your system; a customer imported again is updated, not added twice",
      id: 'id pelanggan di sistem Anda; pelanggan yang diimpor lagi diperbarui, tidak ditambah dua kali',
    },
  },
  {
    key: 'name',
    headers: { en: 'name', id: 'nama' },
    required: true,
    description: { en: 'at least two letters', id: 'paling sedikit dua huruf' },
  },
  {
    key: 'phone',
    headers: { en: 'phone', id: 'telepon' },
    required: true,
    description: {
      en: 'one to six Indonesian numbers separated by |, the first is the primary one',
      id: 'satu sampai enam nomor Indonesia dipisah |, yang pertama nomor utama',
    },
  },
  {
    key: 'email',
    headers: { en: 'email', id: 'email' },
    required: false,
    description: { en: 'optional', id: 'boleh kosong' },
  },
  {
    key: 'address',
    headers: { en: 'address', id: 'alamat' },
    required: true,
    description: { en: 'street and number', id: 'jalan dan nomor' },
  },
  {
    key: 'areaCode',
    headers: { en: 'areaCode', id: 'kodeWilayah' },
    required: false,
    description: {
      en: 'the district code, such as 31.74.07; or leave it out and give province, regency and district',
      id: 'kode kecamatan, misalnya 31.74.07; atau kosongkan dan isi provinsi, kabupaten, dan kecamatan',
    },
  },
  {
    key: 'province',
    headers: { en: 'province', id: 'provinsi' },
    required: false,
    description: { en: 'province name, such as DKI Jakarta', id: 'nama provinsi, misalnya DKI Jakarta' },
  },
  {
    key: 'regency',
    headers: { en: 'regency', id: 'kabupaten' },
    required: false,
    description: {
      en: 'regency or city name, such as Kab. Bogor or Kota Bogor',
      id: 'nama kabupaten atau kota, misalnya Kab. Bogor atau Kota Bogor',
    },
  },
  {
    key: 'district',
    headers: { en: 'district', id: 'kecamatan' },
    required: false,
    description: { en: 'district name, such as Kebayoran Baru', id: 'nama kecamatan, misalnya Kebayoran Baru' },
  },
  {
    key: 'modelCode',
    headers: { en: 'modelCode', id: 'kodeModel' },
    required: false,
    description: {
      en: "the product model's code in the catalog, with serialNumber",
      id: 'kode model produk di katalog, bersama nomorSeri',
    },
  },
  {
    key: 'serialNumber',
    headers: { en: 'serialNumber', id: 'nomorSeri' },
    required: false,
    description: { en: "the unit's serial number", id: 'nomor seri unit' },
  },
  {
    key: 'purchaseDate',
    headers: { en: 'purchaseDate', id: 'tanggalBeli' },
    required: false,
    description: { en: 'YYYY-MM-DD or DD/MM/YYYY', id: 'YYYY-MM-DD atau DD/MM/YYYY' },
  },
  {
    key: 'warrantyUntil',
    headers: { en: 'warrantyUntil', id: 'garansiSampai' },
    required: false,
    description: {
      en: "YYYY-MM-DD or DD/MM/YYYY; by default the purchase date plus the model's warranty",
      id: 'YYYY-MM-DD atau DD/MM/YYYY; bila kosong, tanggal beli ditambah masa garansi model',
    },
  },
] as const satisfies readonly ImportColumn[];

export type CustomerColumn = (typeof customerColumns)[number]['key'];
