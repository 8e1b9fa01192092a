import { demoProductModels } from '../../../apps/server/src/seed/catalog';
import type { Random } from '../../../apps/server/src/seed/random';
import type { BenchBranch } from './branches';
import type { BulkLoader } from './bulk-load';
import { benchId, idKinds } from './ids';
import { firstNames, lastNames, phoneLabels, streets, titles } from './vocabulary';

/**
 * What the work orders need of a million customers, without their strings: branch and
 * district by index, and where each customer's products start (ids are made from numbers).
 */
export interface CustomerIndex {
  count: number;
  branchOf: Uint16Array;
  districtOf: Uint16Array;
  /** Customer n owns products firstProduct[n] … firstProduct[n + 1] - 1. */
  firstProduct: Uint32Array;
  customerId(index: number): string;
  productId(index: number): string;
}

/** What the search scenarios ask for: the last digits of a number, a name word, a serial's start. */
export interface SearchSamples {
  phoneDigits: string[];
  nameWords: string[];
  serialPrefixes: string[];
}

export interface CustomerInput {
  loader: BulkLoader;
  random: Random;
  count: number;
  secondProductEvery: number;
  branches: readonly BenchBranch[];
  /** The position of each district code in the list `districtOf` indexes. */
  districtIndex: ReadonlyMap<string, number>;
  /** The branch whose customers the intake scenario takes. */
  benchBranch: number;
  /** The customers' ids carry this time: before every work order. */
  createdMs: number;
  at: string;
}

const samplesWanted = 200;
const intakeCustomersWanted = 500;

/** A branch by weight in O(log n): the national data set picks one of 300 a million times. */
function branchPicker(branches: readonly BenchBranch[], random: Random) {
  const cumulative = new Float64Array(branches.length);
  let total = 0;
  branches.forEach((branch, index) => {
    total += branch.weight;
    cumulative[index] = total;
  });
  return () => {
    const roll = random.next() * total;
    let low = 0;
    let high = branches.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > roll) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}

/** One customer: a name from the word lists, 1.5 numbers on average, a street. */
function customerOf(n: number, random: Random, district: string, at: string) {
  const first = random.pick(firstNames);
  // Half have one number, four in ten two, one in ten three.
  const phoneCount = random.weighted([
    [1, 5],
    [2, 4],
    [3, 1],
  ] as const);
  const numbers = Array.from({ length: phoneCount }, (_, k) => `+6281${String(100_000_000 + n * 3 + k)}`);
  const row = {
    name: `${random.pick(titles)} ${first} ${random.pick(lastNames)}`.trim(),
    phone: numbers[0] ?? '',
    email: null,
    address: `Jl. ${random.pick(streets)} No. ${random.int(1, 300)}`,
    areaCode: district,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { row, first, numbers };
}

const serialOf = (product: number) => `BN${String(product).padStart(8, '0')}`;

/** Inserts the customers, their numbers and their products, keeping only their index. */
export async function generateCustomers(input: CustomerInput) {
  const { loader, random, count, branches, at, createdMs } = input;
  const customers = loader.table('customer');
  const phones = loader.table('customer_phone');
  const products = loader.table('customer_product');
  const index: CustomerIndex = {
    count,
    branchOf: new Uint16Array(count),
    districtOf: new Uint16Array(count),
    firstProduct: new Uint32Array(count + 1),
    customerId: (n) => benchId(createdMs, idKinds.customer, n),
    productId: (n) => benchId(createdMs, idKinds.product, n),
  };
  const samples: SearchSamples = { phoneDigits: [], nameWords: [], serialPrefixes: [] };
  const intakeCustomerIds: string[] = [];
  const pickBranch = branchPicker(branches, random);
  const sampleEvery = Math.max(1, Math.floor(count / samplesWanted));
  let phoneSerial = 0;
  let productSerial = 0;
  for (let n = 0; n < count; n += 1) {
    const branch = pickBranch();
    const district = random.pick(branches[branch]?.districts ?? []);
    const id = index.customerId(n);
    index.branchOf[n] = branch;
    index.districtOf[n] = input.districtIndex.get(district) ?? 0;
    index.firstProduct[n] = productSerial;
    const { row, first, numbers } = customerOf(n, random, district, at);
    await customers.add({ id, ...row });
    for (const [position, number] of numbers.entries()) {
      const label = position === 0 ? 'mobile' : random.pick(phoneLabels);
      const phoneId = benchId(createdMs, idKinds.phone, phoneSerial);
      await phones.add({ id: phoneId, customerId: id, number, label, primaryOf: position === 0 ? id : null, position });
      phoneSerial += 1;
    }
    if (n % sampleEvery === 0) {
      samples.phoneDigits.push((numbers.at(-1) ?? '').slice(-6));
      samples.nameWords.push(first.toLowerCase());
      samples.serialPrefixes.push(serialOf(productSerial).slice(0, 8));
    }
    const every = input.secondProductEvery;
    for (let k = every > 0 && n % every === every - 1 ? 2 : 1; k > 0; k -= 1) {
      const modelCode = random.pick(demoProductModels).code;
      const dates = { purchaseDate: '2025-06-01', warrantyUntil: '2026-06-01', createdAt: at };
      await products.add({
        id: index.productId(productSerial),
        customerId: id,
        modelCode,
        serialNumber: serialOf(productSerial),
        ...dates,
      });
      productSerial += 1;
    }
    if (branch === input.benchBranch && intakeCustomerIds.length < intakeCustomersWanted) intakeCustomerIds.push(id);
  }
  index.firstProduct[count] = productSerial;
  return { index, samples, intakeCustomerIds, products: productSerial, phones: phoneSerial };
}
