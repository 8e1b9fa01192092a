import type { ProductModel } from '@purnajual/contract';

/** Appliances an Indonesian service company sees every day. */
export const demoProductModels: ProductModel[] = [
  { code: 'AC-SEJUK-05', brand: 'Sejuk', name: 'Split AC ½ PK Standard', category: 'ac', warrantyMonths: 12 },
  { code: 'AC-SEJUK-10I', brand: 'Sejuk', name: 'Split AC 1 PK Inverter', category: 'ac', warrantyMonths: 24 },
  { code: 'AC-ANGIN-15', brand: 'Angin Utara', name: 'Split AC 1½ PK', category: 'ac', warrantyMonths: 12 },
  { code: 'AC-ANGIN-20I', brand: 'Angin Utara', name: 'Split AC 2 PK Inverter', category: 'ac', warrantyMonths: 36 },
  { code: 'TV-LAYAR-32', brand: 'Layar', name: 'LED TV 32 inci HD', category: 'tv', warrantyMonths: 12 },
  { code: 'TV-LAYAR-43S', brand: 'Layar', name: 'Smart TV 43 inci Full HD', category: 'tv', warrantyMonths: 24 },
  { code: 'TV-LAYAR-55U', brand: 'Layar', name: 'Smart TV 55 inci 4K UHD', category: 'tv', warrantyMonths: 24 },
  { code: 'TV-NUSA-24', brand: 'Nusa', name: 'LED TV 24 inci', category: 'tv', warrantyMonths: 12 },
  {
    code: 'WM-BERSIH-7T',
    brand: 'Bersih',
    name: 'Mesin Cuci 2 Tabung 7 kg',
    category: 'washing_machine',
    warrantyMonths: 12,
  },
  {
    code: 'WM-BERSIH-9F',
    brand: 'Bersih',
    name: 'Mesin Cuci Front Load 9 kg',
    category: 'washing_machine',
    warrantyMonths: 24,
  },
  {
    code: 'WM-NUSA-8T',
    brand: 'Nusa',
    name: 'Mesin Cuci Top Load 8 kg',
    category: 'washing_machine',
    warrantyMonths: 12,
  },
  { code: 'RF-DINGIN-1P', brand: 'Dingin', name: 'Kulkas 1 Pintu 160 L', category: 'refrigerator', warrantyMonths: 12 },
  { code: 'RF-DINGIN-2P', brand: 'Dingin', name: 'Kulkas 2 Pintu 330 L', category: 'refrigerator', warrantyMonths: 24 },
  {
    code: 'RF-DINGIN-SBS',
    brand: 'Dingin',
    name: 'Kulkas Side by Side 600 L',
    category: 'refrigerator',
    warrantyMonths: 36,
  },
  { code: 'RF-NUSA-2P', brand: 'Nusa', name: 'Kulkas 2 Pintu 250 L', category: 'refrigerator', warrantyMonths: 12 },
];

/** What customers say on the phone, by category. */
export const demoComplaints: Record<ProductModel['category'], string[]> = {
  ac: [
    'AC tidak dingin, hanya keluar angin',
    'Unit indoor meneteskan air ke lantai',
    'AC berbunyi keras saat dinyalakan',
    'Remote tidak merespons, lampu indikator berkedip',
    'AC mati sendiri setelah 10 menit',
    'Bau tidak sedap dari unit indoor',
  ],
  tv: [
    'TV mati total, lampu standby tidak menyala',
    'Gambar bergaris vertikal di layar',
    'Ada suara tapi tidak ada gambar',
    'TV restart sendiri berulang-ulang',
    'Tidak bisa tersambung ke Wi-Fi',
  ],
  washing_machine: [
    'Mesin cuci tidak mau memutar',
    'Air tidak mau keluar saat pembuangan',
    'Bergetar sangat keras saat pengeringan',
    'Pintu tidak bisa dibuka setelah selesai',
    'Muncul kode error E21',
  ],
  refrigerator: [
    'Kulkas tidak dingin sama sekali',
    'Freezer banyak bunga es, bagian bawah tidak dingin',
    'Kulkas berisik dan bergetar',
    'Air menggenang di bawah laci sayur',
    'Lampu dalam mati dan kompresor tidak bunyi',
  ],
  other: ['Perangkat tidak berfungsi'],
};

export const demoDiagnoses: Record<ProductModel['category'], [string, string][]> = {
  ac: [
    ['Freon habis karena kebocoran di sambungan flare', 'Perbaiki flare, vakum, isi freon R32'],
    ['Saluran pembuangan tersumbat', 'Bersihkan saluran drain dan cuci unit indoor'],
    ['Kapasitor kompresor lemah', 'Ganti kapasitor 35µF'],
    ['Sensor suhu ruang rusak', 'Ganti sensor thermistor'],
  ],
  tv: [
    ['Power supply board rusak', 'Ganti power supply board'],
    ['Backlight LED putus', 'Ganti strip backlight'],
    ['Firmware korup', 'Flash ulang firmware'],
  ],
  washing_machine: [
    ['V-belt putus', 'Ganti V-belt'],
    ['Pompa pembuangan tersumbat benda asing', 'Bersihkan pompa dan filter'],
    ['Peredam kejut aus', 'Ganti peredam kejut'],
  ],
  refrigerator: [
    ['Thermostat rusak', 'Ganti thermostat'],
    ['Kipas evaporator macet', 'Ganti motor kipas evaporator'],
    ['Timer defrost rusak', 'Ganti timer defrost'],
  ],
  other: [['Kerusakan umum', 'Perbaikan umum']],
};
