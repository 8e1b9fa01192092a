import { hashPassword } from '../../../apps/server/src/modules/auth/password';
import { newId } from '../../../apps/server/src/platform/ids';
import type { Random } from '../../../apps/server/src/seed/random';
import { apportion, type BenchBranch } from './branches';
import type { BulkLoader } from './bulk-load';
import type { TechnicianIndex } from './work-orders';

export const benchPassword = 'bench-purnajual-2026';

export interface PeopleInput {
  loader: BulkLoader;
  random: Random;
  branches: readonly BenchBranch[];
  branchIds: readonly string[];
  districtIndex: ReadonlyMap<string, number>;
  technicianCount: number;
}

/** Which technicians cover each district, by index: what the work orders pick from. */
function coveringOf(
  districtsOfTechnicians: readonly (readonly string[])[],
  districtIndex: ReadonlyMap<string, number>,
) {
  const covering = new Map<number, number[]>();
  for (const [technician, districts] of districtsOfTechnicians.entries()) {
    for (const district of districts) {
      const index = districtIndex.get(district) ?? 0;
      covering.set(index, [...(covering.get(index) ?? []), technician]);
    }
  }
  return covering;
}

/**
 * The agent, a supervisor for each branch, and technicians in each branch in proportion to
 * its customers, each covering three to eight of its districts.
 */
export async function addPeople({ loader, random, branches, branchIds, districtIndex, technicianCount }: PeopleInput) {
  // One hash for everyone: hashing thousands of passwords would dominate the generation time.
  const passwordHash = await hashPassword(benchPassword);
  const at = new Date().toISOString();
  const users = loader.table('user');
  const areas = loader.table('technician_area');
  const person = async (employeeNo: string, role: 'agent' | 'technician' | 'supervisor', branchId: string | null) => {
    const id = newId();
    const common = { phone: null, email: null, passwordHash, active: 1, version: 1, createdAt: at, updatedAt: at };
    await users.add({ id, employeeNo, name: `Bench ${role} ${employeeNo}`, role, branchId, ...common });
    return id;
  };
  const agentId = await person('BENCH-AGENT', 'agent', null);
  const ids: string[] = [];
  const byBranch: number[][] = [];
  const districts: string[][] = [];
  const counts = apportion(
    technicianCount,
    branches.map((branch) => branch.weight),
  );
  for (const [b, branch] of branches.entries()) {
    const branchId = branchIds[b] ?? null;
    await person(`BENCH-SPV-${branch.code}`, 'supervisor', branchId);
    const staff: number[] = [];
    for (let n = 0; n < (counts[b] ?? 0); n += 1) {
      const id = await person(`BENCH-T-${branch.code}-${n + 1}`, 'technician', branchId);
      const covered = [...new Set(Array.from({ length: random.int(3, 8) }, () => random.pick(branch.districts)))];
      for (const areaCode of covered) await areas.add({ userId: id, areaCode });
      staff.push(ids.length);
      ids.push(id);
      districts.push(covered);
    }
    byBranch.push(staff);
  }
  const technicians: TechnicianIndex = { ids, byBranch, coveringDistrict: coveringOf(districts, districtIndex) };
  return { agentId, technicians, districtsOf: (technician: number) => districts[technician] ?? [] };
}
