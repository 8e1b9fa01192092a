import type { AreaLevel } from '@purnajual/contract';

export interface NamedArea {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
}

/** Words that only say what kind of area follows: `Kab.`, `Kota Administrasi`, `Provinsi`… */
const kindWords = /^(provinsi|prov|kabupaten|kab|kota administrasi|kota adm|kota|kecamatan|kec)\b\.?\s*/;

/** A name as people write it: any case, accents, punctuation and extra spaces ignored. */
export const simplifyName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** `Kab. Bogor` and `KABUPATEN BOGOR` are one; `Kota Bogor` another. */
const kindOf = (simple: string) => {
  const match = kindWords.exec(simple);
  if (!match) return '';
  return match[1]?.startsWith('kota') ? 'kota' : match[1]?.startsWith('kab') ? 'kabupaten' : '';
};

const bareName = (simple: string) => simple.replace(kindWords, '').replace(/\./g, '').replace(/\s+/g, ' ').trim();

/** What a name lookup found: one area, none, or several that the name does not tell apart. */
export type NameMatch = { code: string } | { none: true } | { ambiguous: string[] };

/**
 * The official areas by their names, to find a district from the province, regency and
 * district a spreadsheet names. A regency's name without `Kab.` or `Kota` is enough unless
 * both exist (Bogor): then the kind word decides.
 */
export function createAreaNames(areas: readonly NamedArea[]) {
  const children = new Map<string, NamedArea[]>();
  const codes = new Map<string, NamedArea>();
  for (const area of areas) {
    codes.set(area.code, area);
    const parent = area.parentCode ?? '';
    children.set(parent, [...(children.get(parent) ?? []), area]);
  }

  function findAmong(candidates: readonly NamedArea[], name: string): NameMatch {
    const simple = simplifyName(name);
    const bare = bareName(simple);
    const kind = kindOf(simple);
    const named = candidates.filter((area) => bareName(simplifyName(area.name)) === bare);
    const ofKind = kind === '' ? named : named.filter((area) => kindOf(simplifyName(area.name)) === kind);
    const found = ofKind.length > 0 ? ofKind : named;
    if (found.length === 1 && found[0]) return { code: found[0].code };
    if (found.length === 0) return { none: true };
    return { ambiguous: found.map((area) => area.name) };
  }

  return {
    /** The area with this code, if it is one. */
    byCode: (code: string) => codes.get(code),
    provinces: () => children.get('') ?? [],
    childrenOf: (code: string) => children.get(code) ?? [],
    findAmong,
  };
}

export type AreaNames = ReturnType<typeof createAreaNames>;
