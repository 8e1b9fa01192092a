/*
 * The billing panel and the customer-contact card as one lazily loaded chunk: only the
 * office opens them, on a work order's detail, and their forms bring input components the
 * rest of the console does not need on its first download.
 */
export { BillingPanel } from './billing-panel';
export { CustomerContactCard } from './customer-contact-card';
