import type { Area, AreaLevel, ListAreasQuery } from '@purnajual/contract';
import { getDistricts, getProvinces, getRegencies } from 'idn-area-data';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { decodeCursor, toPage } from '../../platform/cursor';
import * as repo from './areas.repository';

export interface AreaImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  counts: Record<AreaLevel, number>;
}

const toArea = (row: repo.AreaRow): Area => ({
  code: row.code,
  name: row.name,
  level: row.level,
  parentCode: row.parentCode,
});

/** Reads the official areas shipped in `idn-area-data` (Kemendagri codes). */
async function readOfficialAreas(): Promise<repo.AreaRow[]> {
  const [provinces, regencies, districts] = await Promise.all([
    getProvinces(),
    getRegencies({ transform: true }),
    getDistricts({ transform: true }),
  ]);
  return [
    ...provinces.map((p) => ({ code: p.code, name: p.name, level: 'province' as const, parentCode: null })),
    ...regencies.map((r) => ({ code: r.code, name: r.name, level: 'regency' as const, parentCode: r.provinceCode })),
    ...districts.map((d) => ({ code: d.code, name: d.name, level: 'district' as const, parentCode: d.regencyCode })),
  ];
}

/** A district code and the regency and province it lies in, by the official code structure. */
export interface DistrictLineage {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
}

/** `31.74.07` → itself, `31.74` and `31`: the codes an operating area may be given as. */
export function lineageOf(districtCode: string): DistrictLineage {
  const [province = '', regency = ''] = districtCode.split('.');
  return { provinceCode: province, regencyCode: `${province}.${regency}`, districtCode };
}

export const lineageCodes = (lineage: DistrictLineage) => [
  lineage.districtCode,
  lineage.regencyCode,
  lineage.provinceCode,
];

export function createAreasService({ db }: { db: Kysely<DB> }) {
  return {
    async listAreas(query: ListAreasQuery) {
      if (query.codes) {
        const rows = await repo.findAreasByCodes(db, query.codes);
        return { items: rows.sort((a, b) => a.code.localeCompare(b.code)).map(toArea), nextCursor: null };
      }
      const limit = query.limit ?? (query.q === undefined ? 1000 : 50);
      const after = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findAreas(
        db,
        { parentCode: query.parent, q: query.q, afterCode: after === undefined ? undefined : String(after) },
        limit + 1,
      );
      const page = toPage(rows, limit, (row) => [row.code]);
      return { items: page.items.map(toArea), nextCursor: page.nextCursor };
    },

    /** Refuses codes that are not official areas, naming each bad entry by its path. */
    async assertAreaCodesExist(codes: string[], path: string) {
      const existing = await repo.findExistingAreaCodes(db, [...new Set(codes)]);
      const errors = codes.flatMap((code, index) =>
        existing.has(code) ? [] : [{ path: `${path}.${index}`, message: `unknown area code ${code}` }],
      );
      if (errors.length > 0) throw new AppError('validation_failed', 'Unknown area codes', { errors });
    },

    /** The districts an operating area covers: a regency or province stands for all of its. */
    async expandToDistricts(codes: string[]): Promise<string[]> {
      const ofLevel = (dots: number) => codes.filter((code) => code.split('.').length === dots + 1);
      // Districts stand for themselves; only regencies and provinces need the area table.
      const regencies = [...ofLevel(1), ...(await repo.findChildCodes(db, ofLevel(0)))];
      const districts = [...ofLevel(2), ...(await repo.findChildCodes(db, regencies))];
      return [...new Set(districts)].sort();
    },

    /** Refuses anything but an existing district code. */
    async assertDistrict(code: string, path: string): Promise<DistrictLineage> {
      const [row] = await repo.findAreasByCodes(db, [code]);
      if (row?.level !== 'district') {
        throw new AppError('validation_failed', 'Unknown district', {
          errors: [{ path, message: `${code} is not a district code` }],
        });
      }
      return lineageOf(code);
    },

    /** "Kebayoran Baru, KOTA ADMINISTRASI JAKARTA SELATAN, DKI JAKARTA" for each district code. */
    async labelDistricts(codes: string[]): Promise<Map<string, string>> {
      const lineages = [...new Set(codes)].map(lineageOf);
      const names = new Map(
        (await repo.findAreasByCodes(db, [...new Set(lineages.flatMap(lineageCodes))])).map((row) => [
          row.code,
          row.name,
        ]),
      );
      return new Map(
        lineages.map((lineage) => [
          lineage.districtCode,
          lineageCodes(lineage)
            .map((code) => names.get(code))
            .filter((name) => name !== undefined)
            .join(', '),
        ]),
      );
    },

    /** Idempotent: a second run with the same data changes nothing. */
    async importAreas(): Promise<AreaImportResult> {
      const official = await readOfficialAreas();
      const current = new Map((await repo.findAllAreas(db)).map((row) => [row.code, row]));
      const inserts: repo.AreaRow[] = [];
      const updates: repo.AreaRow[] = [];
      for (const area of official) {
        const existing = current.get(area.code);
        if (!existing) inserts.push(area);
        else if (existing.name !== area.name || existing.parentCode !== area.parentCode) updates.push(area);
      }
      await repo.saveAreas(db, inserts, updates);
      const counts: Record<AreaLevel, number> = { province: 0, regency: 0, district: 0 };
      for (const row of await repo.countAreasByLevel(db)) counts[row.level] = Number(row.count);
      return {
        inserted: inserts.length,
        updated: updates.length,
        unchanged: official.length - inserts.length - updates.length,
        counts,
      };
    },
  };
}

export type AreasService = ReturnType<typeof createAreasService>;
