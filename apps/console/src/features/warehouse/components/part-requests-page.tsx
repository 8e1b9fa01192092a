import { type PartRequestFilter, usePartRequests } from '../api/part-requests';
import { PartRequestCard } from './part-request-card';
import { QueuePage } from './queue-page';

const filters: PartRequestFilter[] = ['open', 'requested', 'approved', 'issued', 'rejected', 'cancelled', 'all'];

/** The branch warehouse's queue of technicians' part requests, newest first, live. */
export function PartRequestsPage() {
  return (
    <QueuePage
      section="requests"
      filters={filters}
      initialFilter="open"
      useItems={usePartRequests}
      renderCard={(request, onDone) => <PartRequestCard key={request.id} request={request} onDone={onDone} />}
    />
  );
}
