import type { ImportColumn } from './import-columns';

/** The columns of the `stock` import: what each warehouse and bag held when the company moved over. */
export const stockColumns = [
  {
    key: 'externalId',
    headers: { en: 'externalId', id: 'idEksternal' },
    required: true,
    description: {
      en: "the line's id in your system; imported again with another quantity, only the difference is posted",
      id: 'id baris di sistem Anda; bila diimpor lagi dengan jumlah lain, hanya selisihnya yang dibukukan',
    },
  },
  {
    key: 'partCode',
    headers: { en: 'partCode', id: 'kodePart' },
    required: true,
    description: { en: 'the part number in the parts catalog', id: 'nomor part di katalog suku cadang' },
  },
  {
    key: 'location',
    headers: { en: 'location', id: 'lokasi' },
    required: true,
    description: {
      en: "a branch's code for its warehouse, or a technician's employee number (NIK) for their bag",
      id: 'kode cabang untuk gudangnya, atau NIK teknisi untuk tasnya',
    },
  },
  {
    key: 'quantity',
    headers: { en: 'quantity', id: 'jumlah' },
    required: true,
    description: { en: 'units on hand, a whole number from 0', id: 'jumlah unit, bilangan bulat mulai 0' },
  },
  {
    key: 'unitPrice',
    headers: { en: 'unitPrice', id: 'hargaSatuan' },
    required: false,
    description: {
      en: "rupiah per unit, such as 45000 or Rp 45.000; the part's catalog price when empty",
      id: 'rupiah per unit, misalnya 45000 atau Rp 45.000; harga katalog bila kosong',
    },
  },
] as const satisfies readonly ImportColumn[];

export type StockColumn = (typeof stockColumns)[number]['key'];
