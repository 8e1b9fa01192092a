import type { CreateBranchBody, Role } from '@purnajual/contract';
import type { AreasService } from '../modules/areas/areas.service';
import { systemActor } from '../modules/auth/auth.service';
import type { BranchesService } from '../modules/branches/branches.service';
import type { UsersService } from '../modules/users/users.service';

/** Every demo account signs in with this password; the README lists the accounts. */
export const demoPassword = 'servis-purnajual';

interface DemoPerson {
  employeeNo: string;
  name: string;
  role: Role;
  branch: string | null;
  phone: string;
  areaCodes?: string[];
}

const demoBranches: CreateBranchBody[] = [
  {
    code: 'JKT',
    name: 'Cabang Jakarta',
    address: 'Jl. Gatot Subroto Kav. 18, Kuningan, Jakarta Selatan',
    timeZone: 'Asia/Jakarta',
    areaCodes: ['31'],
    autoAssign: false,
  },
  {
    code: 'MKS',
    name: 'Cabang Makassar',
    address: 'Jl. A. P. Pettarani No. 45, Rappocini, Makassar',
    timeZone: 'Asia/Makassar',
    areaCodes: ['73.71', '73.06', '73.09'],
    autoAssign: true,
  },
  {
    code: 'JYP',
    name: 'Cabang Jayapura',
    address: 'Jl. Raya Abepura No. 12, Abepura, Jayapura',
    timeZone: 'Asia/Jayapura',
    areaCodes: ['91.71', '91.03'],
    autoAssign: false,
  },
];

/** The demo staff; the first of each role is the one the README shows. */
export const demoPeople: DemoPerson[] = [
  { employeeNo: '10001', name: 'Rina Kusumawati', role: 'admin', branch: null, phone: '081210001001' },
  { employeeNo: '20001', name: 'Dewi Lestari', role: 'agent', branch: 'JKT', phone: '081220001001' },
  { employeeNo: '20002', name: 'Putri Handayani', role: 'agent', branch: 'JKT', phone: '081220001002' },
  { employeeNo: '20003', name: 'Andi Nurhaliza', role: 'agent', branch: 'MKS', phone: '081220001003' },
  { employeeNo: '30001', name: 'Bambang Suryadi', role: 'supervisor', branch: 'JKT', phone: '081230001001' },
  { employeeNo: '30002', name: 'Haerul Syamsuddin', role: 'supervisor', branch: 'MKS', phone: '081230001002' },
  { employeeNo: '30003', name: 'Yohanes Wenda', role: 'supervisor', branch: 'JYP', phone: '081230001003' },
  { employeeNo: '40001', name: 'Slamet Riyadi', role: 'warehouse', branch: 'JKT', phone: '081240001001' },
  { employeeNo: '40002', name: 'Muh. Arif Rahman', role: 'warehouse', branch: 'MKS', phone: '081240001002' },
  { employeeNo: '40003', name: 'Markus Rumbiak', role: 'warehouse', branch: 'JYP', phone: '081240001003' },
  // Jakarta: each technician covers a part of the city; Jakarta Selatan is split by district.
  {
    employeeNo: '50001',
    name: 'Agus Setiawan',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001001',
    areaCodes: ['31.74.01', '31.74.02', '31.74.03', '31.74.08'],
  },
  {
    employeeNo: '50002',
    name: 'Budi Santoso',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001002',
    areaCodes: ['31.74.04', '31.74.05', '31.74.06', '31.74.07', '31.74.09', '31.74.10'],
  },
  {
    employeeNo: '50003',
    name: 'Joko Prasetyo',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001003',
    areaCodes: ['31.71', '31.72'],
  },
  {
    employeeNo: '50004',
    name: 'Eko Wahyudi',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001004',
    areaCodes: ['31.73'],
  },
  {
    employeeNo: '50005',
    name: 'Hendra Gunawan',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001005',
    areaCodes: ['31.75'],
  },
  {
    employeeNo: '50006',
    name: 'Rudi Hartono',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001006',
    areaCodes: ['31.74', '31.75'],
  },
  {
    employeeNo: '50007',
    name: 'Irfan Hakim',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001007',
    areaCodes: ['31.72', '31.01'],
  },
  {
    employeeNo: '50008',
    name: 'Muhammad Ikhsan',
    role: 'technician',
    branch: 'MKS',
    phone: '081250001008',
    areaCodes: ['73.71'],
  },
  {
    employeeNo: '50009',
    name: 'Andi Baso Tenri',
    role: 'technician',
    branch: 'MKS',
    phone: '081250001009',
    areaCodes: ['73.71', '73.06'],
  },
  {
    employeeNo: '50010',
    name: 'Syahrul Ramadhan',
    role: 'technician',
    branch: 'MKS',
    phone: '081250001010',
    areaCodes: ['73.09', '73.06'],
  },
  {
    employeeNo: '50011',
    name: 'Daniel Kogoya',
    role: 'technician',
    branch: 'JYP',
    phone: '081250001011',
    areaCodes: ['91.71'],
  },
  {
    employeeNo: '50012',
    name: 'Frans Yikwa',
    role: 'technician',
    branch: 'JYP',
    phone: '081250001012',
    areaCodes: ['91.71', '91.03'],
  },
];

export interface DemoSeedServices {
  areas: AreasService;
  branches: BranchesService;
  users: UsersService;
}

/** Loads the demo company. Returns false (and changes nothing) when branches already exist. */
export async function seedDemoData({ areas, branches, users }: DemoSeedServices): Promise<boolean> {
  if ((await branches.listBranches()).length > 0) return false;
  await areas.importAreas();
  const branchIds = new Map<string, string>();
  for (const branch of demoBranches) branchIds.set(branch.code, (await branches.createBranch(branch)).id);
  for (const person of demoPeople) {
    const user = await users.createUser({
      employeeNo: person.employeeNo,
      name: person.name,
      role: person.role,
      branchId: person.branch === null ? null : (branchIds.get(person.branch) ?? null),
      phone: `+62${person.phone.slice(1)}`,
      email: null,
      password: demoPassword,
    });
    if (person.areaCodes) await users.setTechnicianAreas(systemActor, user.id, person.areaCodes);
  }
  return true;
}
