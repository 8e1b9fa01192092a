import type { CreatePartBody } from '@purnajual/contract';

const allAc = ['AC-SEJUK-05', 'AC-SEJUK-10I', 'AC-ANGIN-15', 'AC-ANGIN-20I'];
const allTv = ['TV-LAYAR-32', 'TV-LAYAR-43S', 'TV-LAYAR-55U', 'TV-NUSA-24'];
const allWm = ['WM-BERSIH-7T', 'WM-BERSIH-9F', 'WM-NUSA-8T'];
const allRf = ['RF-DINGIN-1P', 'RF-DINGIN-2P', 'RF-DINGIN-SBS', 'RF-NUSA-2P'];

const part = (
  partNo: string,
  name: string,
  price: number,
  modelCodes: string[],
  flags: { returnable?: boolean; mustReturnDefective?: boolean; reorderLevel?: number } = {},
): CreatePartBody => ({
  partNo,
  name,
  price,
  modelCodes,
  returnable: flags.returnable ?? true,
  mustReturnDefective: flags.mustReturnDefective ?? false,
  reorderLevel: flags.reorderLevel ?? 5,
});

/**
 * Spare parts for the demo appliances at Indonesian street prices (rupiah). Refrigerant and
 * fittings are consumed once issued (not returnable); boards and compressors go back to
 * the manufacturer when replaced under warranty (the defective one must come back).
 */
export const demoParts: CreatePartBody[] = [
  part('AC-CAP-35UF', 'Kapasitor kompresor 35µF 450V', 45_000, ['AC-SEJUK-05', 'AC-ANGIN-15'], { reorderLevel: 20 }),
  part('AC-CAP-FAN-2UF', 'Kapasitor kipas outdoor 2µF', 25_000, allAc, { reorderLevel: 20 }),
  part('AC-R32-1KG', 'Freon R32 tabung 1 kg', 165_000, ['AC-SEJUK-10I', 'AC-ANGIN-20I'], {
    returnable: false,
    reorderLevel: 15,
  }),
  part('AC-R410A-1KG', 'Freon R410A tabung 1 kg', 185_000, ['AC-SEJUK-05', 'AC-ANGIN-15'], {
    returnable: false,
    reorderLevel: 10,
  }),
  part('AC-THERM-ROOM', 'Sensor thermistor suhu ruang 10K', 35_000, allAc, { reorderLevel: 15 }),
  part('AC-THERM-PIPE', 'Sensor thermistor pipa evaporator', 38_000, allAc, { reorderLevel: 10 }),
  part('AC-PCB-IN-10I', 'PCB indoor AC inverter 1 PK', 1_350_000, ['AC-SEJUK-10I'], {
    mustReturnDefective: true,
    reorderLevel: 3,
  }),
  part('AC-PCB-OUT-20I', 'PCB outdoor AC inverter 2 PK', 2_450_000, ['AC-ANGIN-20I'], {
    mustReturnDefective: true,
    reorderLevel: 2,
  }),
  part('AC-MTR-BLOWER', 'Motor kipas indoor (blower)', 425_000, ['AC-SEJUK-05', 'AC-SEJUK-10I']),
  part('AC-MTR-FAN-OUT', 'Motor kipas outdoor', 575_000, ['AC-ANGIN-15', 'AC-ANGIN-20I'], { reorderLevel: 3 }),
  part('AC-MTR-SWING', 'Motor swing louver', 85_000, allAc, { reorderLevel: 8 }),
  part('AC-REMOTE-SJ', 'Remote AC Sejuk original', 95_000, ['AC-SEJUK-05', 'AC-SEJUK-10I'], { reorderLevel: 8 }),
  part('AC-DRAIN-HOSE', 'Selang drain AC 2 m', 18_000, allAc, { returnable: false, reorderLevel: 20 }),
  part('AC-FLARE-NUT', 'Mur flare 1/4" + 3/8" (1 set)', 22_000, allAc, { returnable: false, reorderLevel: 20 }),
  part('AC-COMP-1PK', 'Kompresor rotary AC 1 PK', 3_250_000, ['AC-SEJUK-05', 'AC-SEJUK-10I'], {
    mustReturnDefective: true,
    reorderLevel: 1,
  }),
  part('TV-PSU-32', 'Power supply board LED TV 32"', 485_000, ['TV-LAYAR-32', 'TV-NUSA-24'], {
    mustReturnDefective: true,
    reorderLevel: 3,
  }),
  part('TV-PSU-43S', 'Power supply board Smart TV 43"', 725_000, ['TV-LAYAR-43S'], {
    mustReturnDefective: true,
    reorderLevel: 3,
  }),
  part('TV-MB-43S', 'Mainboard Smart TV 43"', 1_150_000, ['TV-LAYAR-43S'], {
    mustReturnDefective: true,
    reorderLevel: 2,
  }),
  part('TV-MB-55U', 'Mainboard TV 4K 55"', 1_850_000, ['TV-LAYAR-55U'], { mustReturnDefective: true, reorderLevel: 1 }),
  part('TV-BL-32', 'Strip backlight LED 32" (set isi 2)', 265_000, ['TV-LAYAR-32'], { reorderLevel: 4 }),
  part('TV-BL-43', 'Strip backlight LED 43" (set isi 3)', 395_000, ['TV-LAYAR-43S'], { reorderLevel: 4 }),
  part('TV-BL-55', 'Strip backlight LED 55" (set isi 4)', 615_000, ['TV-LAYAR-55U'], { reorderLevel: 2 }),
  part('TV-TCON-55U', 'T-CON board TV 55"', 545_000, ['TV-LAYAR-55U'], { mustReturnDefective: true, reorderLevel: 1 }),
  part('TV-IR-RECV', 'Modul penerima IR remote', 55_000, allTv, { reorderLevel: 8 }),
  part('TV-REMOTE-SMART', 'Remote Smart TV Layar', 125_000, ['TV-LAYAR-43S', 'TV-LAYAR-55U'], { reorderLevel: 6 }),
  part('TV-WIFI-MOD', 'Modul Wi-Fi Smart TV', 215_000, ['TV-LAYAR-43S', 'TV-LAYAR-55U'], { reorderLevel: 3 }),
  part('WM-BELT-M28', 'V-belt mesin cuci M-28', 38_000, ['WM-BERSIH-7T', 'WM-NUSA-8T'], { reorderLevel: 15 }),
  part('WM-DRAIN-PUMP', 'Pompa pembuangan (drain pump)', 245_000, ['WM-BERSIH-9F', 'WM-NUSA-8T'], {
    reorderLevel: 4,
  }),
  part('WM-DRAIN-VALVE', 'Katup pembuangan mesin cuci 2 tabung', 95_000, ['WM-BERSIH-7T'], { reorderLevel: 6 }),
  part('WM-SHOCK-9F', 'Peredam kejut front load (set isi 2)', 185_000, ['WM-BERSIH-9F'], { reorderLevel: 4 }),
  part('WM-DOOR-LOCK', 'Door lock switch front load', 165_000, ['WM-BERSIH-9F'], { reorderLevel: 4 }),
  part('WM-INLET-VALVE', 'Katup air masuk (inlet valve)', 115_000, allWm, { reorderLevel: 6 }),
  part('WM-TIMER-15', 'Timer pencucian 15 menit', 75_000, ['WM-BERSIH-7T'], { reorderLevel: 6 }),
  part('WM-PCB-8T', 'Modul kontrol mesin cuci top load', 685_000, ['WM-NUSA-8T'], {
    mustReturnDefective: true,
    reorderLevel: 2,
  }),
  part('RF-THERMOSTAT', 'Thermostat kulkas', 95_000, ['RF-DINGIN-1P', 'RF-DINGIN-2P', 'RF-NUSA-2P'], {
    reorderLevel: 10,
  }),
  part('RF-DEF-TIMER', 'Timer defrost kulkas 2 pintu', 110_000, ['RF-DINGIN-2P', 'RF-NUSA-2P'], { reorderLevel: 8 }),
  part('RF-DEF-HEATER', 'Heater defrost', 135_000, ['RF-DINGIN-2P', 'RF-DINGIN-SBS', 'RF-NUSA-2P'], {
    reorderLevel: 6,
  }),
  part('RF-EVAP-FAN', 'Motor kipas evaporator', 225_000, ['RF-DINGIN-2P', 'RF-DINGIN-SBS', 'RF-NUSA-2P'], {
    reorderLevel: 4,
  }),
  part('RF-R600A', 'Refrigerant R600a kaleng 420 g', 95_000, allRf, { returnable: false, reorderLevel: 10 }),
  part('RF-GASKET-2P', 'Karet pintu kulkas 2 pintu', 185_000, ['RF-DINGIN-2P'], { reorderLevel: 3 }),
  part('RF-OVERLOAD', 'Overload protector + relay PTC', 65_000, allRf, { reorderLevel: 10 }),
  part('RF-COMP-SBS', 'Kompresor inverter kulkas side by side', 3_850_000, ['RF-DINGIN-SBS'], {
    mustReturnDefective: true,
    reorderLevel: 1,
  }),
];

/** What each branch lets a technician carry unless told otherwise. */
export const demoBranchPartLimits: Record<string, { maxItems: number; maxValue: number }> = {
  JKT: { maxItems: 40, maxValue: 15_000_000 },
  MKS: { maxItems: 30, maxValue: 10_000_000 },
  JYP: { maxItems: 30, maxValue: 12_000_000 },
};
