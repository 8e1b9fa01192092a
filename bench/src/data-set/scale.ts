import type { WorkOrderStatus } from '@purnajual/contract';
import type { Random } from '../../../apps/server/src/seed/random';
import { type Areas, type BenchBranch, nationalBranches, threeBranches } from './branches';

export interface DataSetSize {
  workOrders: number;
  customers: number;
  technicians: number;
}

export const scaleNames = ['default', 'national'] as const;
export type ScaleName = (typeof scaleNames)[number];

export interface Scale {
  name: ScaleName;
  size: DataSetSize;
  /** How far back the work orders go, evenly over the span. */
  spanDays: number;
  /** Every n-th customer owns a second product; 0: one product each. */
  secondProductEvery: number;
  branches(areas: Areas): BenchBranch[];
  /** Where a work order received `ageDays` ago stands today. */
  statusOf(ageDays: number, random: Random): WorkOrderStatus;
}

type StatusMix = readonly (readonly [WorkOrderStatus, number])[];

/** Every status at every age: the default data set's lists find each status everywhere. */
const flatMix: StatusMix = [
  ['new', 4],
  ['assigned', 4],
  ['accepted', 3],
  ['scheduled', 8],
  ['en_route', 1],
  ['in_progress', 2],
  ['on_hold', 3],
  ['completed', 10],
  ['closed', 60],
  ['cancelled', 5],
];

/** By age, as a company's work goes: today's are being taken on, a month's are over. */
const mixByAge: readonly (readonly [number, StatusMix])[] = [
  [
    1,
    [
      ['new', 30],
      ['assigned', 25],
      ['accepted', 15],
      ['scheduled', 20],
      ['en_route', 3],
      ['in_progress', 3],
      ['cancelled', 4],
    ],
  ],
  [
    7,
    [
      ['new', 3],
      ['assigned', 5],
      ['accepted', 5],
      ['scheduled', 25],
      ['en_route', 2],
      ['in_progress', 5],
      ['on_hold', 10],
      ['completed', 20],
      ['closed', 20],
      ['cancelled', 5],
    ],
  ],
  [
    30,
    [
      ['scheduled', 3],
      ['on_hold', 7],
      ['completed', 15],
      ['closed', 69],
      ['cancelled', 6],
    ],
  ],
];
const oldMix: StatusMix = [
  ['closed', 93],
  ['cancelled', 7],
];

export const scales: Record<ScaleName, Scale> = {
  default: {
    name: 'default',
    size: { workOrders: 200_000, customers: 50_000, technicians: 300 },
    spanDays: 180,
    secondProductEvery: 0,
    branches: threeBranches,
    statusOf: (_ageDays, random) => random.weighted(flatMix),
  },
  national: {
    name: 'national',
    size: { workOrders: 5_000_000, customers: 1_000_000, technicians: 2_000 },
    spanDays: 3 * 365,
    secondProductEvery: 5,
    branches: (areas) => nationalBranches(areas, 300),
    statusOf: (ageDays, random) => random.weighted(mixByAge.find(([days]) => ageDays < days)?.[1] ?? oldMix),
  },
};
