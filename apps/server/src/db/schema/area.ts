import type { AreaLevel } from '@purnajual/contract';

export interface AreaTable {
  code: string;
  parentCode: string | null;
  level: AreaLevel;
  name: string;
}
