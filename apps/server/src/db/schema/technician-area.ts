/** A technician's operating areas: a regency covers all its districts. */
export interface TechnicianAreaTable {
  userId: string;
  areaCode: string;
}
