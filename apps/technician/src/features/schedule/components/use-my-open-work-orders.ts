import { useProfile } from '../../../data/profile';
import { isOpen, useWorkOrders } from '../../../data/work-orders';

/** The technician's own work orders still to be done, the ones a schedule is made of. */
export function useMyOpenWorkOrders() {
  const me = useProfile()?.user.id;
  return (useWorkOrders() ?? []).filter((item) => item.technicianId === me && isOpen(item));
}

export const byAppointment = (a: { appointmentStart: string | null }, b: { appointmentStart: string | null }) =>
  (a.appointmentStart ?? '').localeCompare(b.appointmentStart ?? '');
