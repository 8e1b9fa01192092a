import { Button, Card, Grid, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import {
  createWorkOrderBodySchema,
  type Priority,
  priorities,
  type ServiceType,
  type WorkOrderSummary,
} from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateWorkOrder, useCustomer, useFetchOpenWorkOrders, useOpenWorkOrders } from '../api/intake';
import { CustomerSearch } from './customer-search';
import { DuplicateDialog } from './duplicate-dialog';
import { fieldErrorsOf } from './field-errors';
import { IntakeSuccess } from './intake-success';
import { NewCustomerForm } from './new-customer-form';
import { defaultProductOf, focusProductChoice, type ProductChoice, ProductChoiceField } from './product-choice';
import { SelectedCustomer } from './selected-customer';

const complaintSchema = createWorkOrderBodySchema.pick({ complaint: true });

/**
 * Built for an agent on the phone: find the caller by phone or name as they speak, pick or
 * create customer and unit, type the complaint, create — the number and where it went
 * show at once. Focus moves to where the agent types next; every field is reachable by
 * keyboard, and one that is missing says so next to it.
 */
export function IntakePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [creatingCustomer, setCreatingCustomer] = useState(false);
  const [focusWhenLoaded, setFocusWhenLoaded] = useState(false);
  const customer = useCustomer(customerId);
  const openOrders = useOpenWorkOrders(customerId);
  const fetchOpenOrders = useFetchOpenWorkOrders();
  const [productChoice, setProductChoice] = useState<ProductChoice>(undefined);
  const [complaint, setComplaint] = useState('');
  const [serviceType, setServiceType] = useState<ServiceType>('home_visit');
  const [priority, setPriority] = useState<Priority>('normal');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [attempted, setAttempted] = useState(false);
  const [checking, setChecking] = useState(false);
  const [duplicates, setDuplicates] = useState<WorkOrderSummary[] | null>(null);
  const create = useCreateWorkOrder();
  const searchInput = useRef<HTMLInputElement>(null);
  const productGroup = useRef<HTMLDivElement>(null);
  const complaintInput = useRef<HTMLTextAreaElement>(null);

  const productId = productChoice === undefined && customer.data ? defaultProductOf(customer.data) : productChoice;
  const errors = {
    customer: customerId ? undefined : t('intake.chooseCustomer'),
    product: customer.data && productId === undefined ? t('intake.chooseProduct') : undefined,
    complaint: fieldErrorsOf(complaintSchema, { complaint }, t).complaint,
  };
  const shown: Partial<typeof errors> = attempted ? errors : {};

  const chooseCustomer = (id: string | null, product?: ProductChoice) => {
    setCustomerId(id);
    setProductChoice(product);
    setCreatingCustomer(false);
    setFocusWhenLoaded(id !== null);
  };

  // The caller's unit is asked next when they own several; otherwise the complaint is.
  useEffect(() => {
    if (!focusWhenLoaded || !customer.data) return;
    setFocusWhenLoaded(false);
    if (productId === undefined) focusProductChoice(productGroup.current);
    else complaintInput.current?.focus();
  }, [focusWhenLoaded, customer.data, productId]);

  const reset = () => {
    setSearch('');
    chooseCustomer(null);
    setComplaint('');
    setPriority('normal');
    setServiceType('home_visit');
    setAttempted(false);
    setIdempotencyKey(crypto.randomUUID());
    create.reset();
  };

  const send = () => {
    setDuplicates(null);
    if (!customerId) return;
    create.mutate({
      body: { customerId, customerProductId: productId ?? null, complaint, serviceType, priority },
      key: idempotencyKey,
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (errors.customer) searchInput.current?.focus();
    else if (errors.product) focusProductChoice(productGroup.current);
    else if (errors.complaint) complaintInput.current?.focus();
    if (errors.customer || errors.product || errors.complaint || !customerId || !customer.data) return;
    setChecking(true);
    // Not knowing is no reason to keep the caller waiting: the server's answer names duplicates too.
    const open = await fetchOpenOrders(customerId).then(
      (page) => page.items,
      () => [],
    );
    setChecking(false);
    if (open.length > 0) setDuplicates(open);
    else send();
  };

  if (create.data) return <IntakeSuccess created={create.data} onNext={reset} />;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('intake.title')}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder>
            <Stack gap="sm">
              {!customerId && !creatingCustomer && (
                <CustomerSearch
                  search={search}
                  onSearchChange={setSearch}
                  onSelect={(id) => chooseCustomer(id)}
                  onNew={() => setCreatingCustomer(true)}
                  error={shown.customer}
                  inputRef={searchInput}
                />
              )}
              {creatingCustomer && (
                <NewCustomerForm
                  initial={search}
                  onCancel={() => setCreatingCustomer(false)}
                  onCreated={(c) => chooseCustomer(c.id)}
                />
              )}
              {customer.data && (
                <SelectedCustomer
                  customer={customer.data}
                  openOrders={openOrders.data?.items ?? []}
                  onChange={() => chooseCustomer(null)}
                >
                  <ProductChoiceField
                    customer={customer.data}
                    value={productId}
                    onChange={setProductChoice}
                    onAdded={(id) => {
                      setProductChoice(id);
                      complaintInput.current?.focus();
                    }}
                    onUseExisting={(unit) => chooseCustomer(unit.owner.id, unit.product.id)}
                    error={shown.product}
                    groupRef={productGroup}
                  />
                </SelectedCustomer>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="form" onSubmit={submit} noValidate aria-label={t('intake.title')}>
            <Stack gap="sm">
              <Textarea
                ref={complaintInput}
                label={t('intake.complaint')}
                required
                autosize
                minRows={4}
                value={complaint}
                onChange={(e) => setComplaint(e.currentTarget.value)}
                error={shown.complaint}
              />
              <div>
                <Text size="sm" fw={500} mb={4} id="service-type-label">
                  {t('intake.serviceType')}
                </Text>
                <SegmentedControl
                  aria-labelledby="service-type-label"
                  value={serviceType}
                  onChange={(v) => setServiceType(v === 'carry_in' ? 'carry_in' : 'home_visit')}
                  data={[
                    { value: 'home_visit', label: t('serviceType.home_visit') },
                    { value: 'carry_in', label: t('serviceType.carry_in') },
                  ]}
                />
              </div>
              <Select
                label={t('intake.priority')}
                data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                value={priority}
                onChange={(v) => setPriority((v as Priority | null) ?? 'normal')}
                allowDeselect={false}
              />
              <ErrorAlert error={create.error} />
              <Button type="submit" loading={checking || create.isPending}>
                {t('intake.submit')}
              </Button>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <DuplicateDialog orders={duplicates} productId={productId} onConfirm={send} onClose={() => setDuplicates(null)} />
    </Stack>
  );
}
