import type { TimeZone } from '@purnajual/contract';

/** A branch the generator creates, with the districts its customers live in. */
export interface BenchBranch {
  code: string;
  name: string;
  timeZone: TimeZone;
  /** What the branch serves: provinces at the default scale, regencies at the national one. */
  areaCodes: string[];
  districts: string[];
  /** Its share of the customers (and so of the technicians), relative to the others. */
  weight: number;
}

export interface AreaRow {
  code: string;
  parentCode: string | null;
  name: string;
}

export interface Areas {
  regencies: AreaRow[];
  districts: AreaRow[];
}

/** The default data set: three branches, one province each, in three time zones. */
export function threeBranches({ districts }: Areas): BenchBranch[] {
  const branch = (code: string, timeZone: TimeZone, province: string, weight: number): BenchBranch => ({
    code,
    name: `Cabang ${code}`,
    timeZone,
    areaCodes: [province],
    districts: districts.filter((d) => d.code.startsWith(`${province}.`)).map((d) => d.code),
    weight,
  });
  return [
    branch('JKT', 'Asia/Jakarta', '31', 0.6),
    branch('MKS', 'Asia/Makassar', '73', 0.25),
    branch('JYP', 'Asia/Jayapura', '91', 0.15),
  ];
}

/**
 * People per province, in millions (about the 2020 census, with Papua's 2022 division):
 * only weights, so that Java gets most branches and customers, as a national company would.
 */
const populations: Record<string, number> = {
  '11': 5.27,
  '12': 14.8,
  '13': 5.53,
  '14': 6.39,
  '15': 3.55,
  '16': 8.47,
  '17': 2.01,
  '18': 9.01,
  '19': 1.46,
  '21': 2.06,
  '31': 10.56,
  '32': 48.27,
  '33': 36.52,
  '34': 3.67,
  '35': 40.67,
  '36': 11.9,
  '51': 4.32,
  '52': 5.32,
  '53': 5.33,
  '61': 5.41,
  '62': 2.67,
  '63': 4.07,
  '64': 3.77,
  '65': 0.7,
  '71': 2.62,
  '72': 2.99,
  '73': 9.07,
  '74': 2.62,
  '75': 1.17,
  '76': 1.42,
  '81': 1.85,
  '82': 1.28,
  '91': 1.03,
  '92': 0.55,
  '93': 0.51,
  '94': 1.3,
  '95': 1.45,
  '96': 0.6,
};

/** Western (WIB), central (WITA) and eastern (WIT) Indonesian time by province code. */
function timeZoneOf(province: string): TimeZone {
  const code = Number(province);
  if (code >= 81) return 'Asia/Jayapura';
  if (code >= 63 || (code >= 51 && code <= 53)) return 'Asia/Makassar';
  return 'Asia/Jakarta';
}

/**
 * Shares `total` out in proportion to `weights` (D'Hondt: each next unit to the largest
 * weight per unit already given), each at least `minimum` and at most its cap.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const minimum = total >= weights.length ? 1 : 0;
  const counts: number[] = weights.map(() => minimum);
  for (let given = minimum * weights.length; given < total; given += 1) {
    let best = -1;
    for (let index = 0; index < weights.length; index += 1) {
      if ((counts[index] ?? 0) >= (caps?.[index] ?? Number.POSITIVE_INFINITY)) continue;
      const quotient = (weights[index] ?? 0) / ((counts[index] ?? 0) + 1);
      if (best < 0 || quotient > (weights[best] ?? 0) / ((counts[best] ?? 0) + 1)) best = index;
    }
    if (best < 0) break;
    counts[best] = (counts[best] ?? 0) + 1;
  }
  return counts;
}

/** `items` cut into `parts` runs in their order, as even as possible. */
function split<T>(items: readonly T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, part) =>
    items.slice(Math.round((part * items.length) / parts), Math.round(((part + 1) * items.length) / parts)),
  );
}

const titleCase = (name: string) => name.toLowerCase().replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());

/**
 * `count` branches over all 38 provinces, as many in a province as its people call for
 * but no more than it has regencies; each serves a run of its province's regencies (no
 * regency is served twice, so the routing of a district is unambiguous) and gets its
 * province's customers in equal part with the province's other branches.
 */
export function nationalBranches({ regencies, districts }: Areas, count: number): BenchBranch[] {
  const provinces = Object.keys(populations).sort();
  const regenciesOf = (province: string) =>
    regencies.filter((r) => r.parentCode === province).sort((a, b) => a.code.localeCompare(b.code));
  const perProvince = apportion(
    count,
    provinces.map((province) => populations[province] ?? 0),
    provinces.map((province) => regenciesOf(province).length),
  );
  const districtsOf = new Map<string, string[]>();
  for (const district of districts) {
    const regency = district.parentCode ?? '';
    districtsOf.set(regency, [...(districtsOf.get(regency) ?? []), district.code]);
  }
  return provinces.flatMap((province, index) => {
    const branches = perProvince[index] ?? 0;
    return split(regenciesOf(province), branches).map((served) => ({
      code: `CB-${(served[0]?.code ?? province).replace('.', '')}`,
      name: `Cabang ${titleCase(served[0]?.name ?? province)}`,
      timeZone: timeZoneOf(province),
      areaCodes: served.map((regency) => regency.code),
      districts: served.flatMap((regency) => districtsOf.get(regency.code) ?? []),
      weight: (populations[province] ?? 0) / branches,
    }));
  });
}
