import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ApiError, formatDate, formatPhone } from '@purnajual/client';
import { type Priority, priorities, type ServiceType } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBranches } from '../../../components/use-branches';
import {
  useAddProduct,
  useCreateWorkOrder,
  useCustomer,
  useCustomerSearch,
  useOpenWorkOrders,
  useProductModels,
} from '../api/intake';
import { NewCustomerForm } from './new-customer-form';

function AddProductForm({ customerId, onAdded }: { customerId: string; onAdded: (productId: string) => void }) {
  const { t } = useTranslation();
  const models = useProductModels();
  const add = useAddProduct(customerId);
  const [modelCode, setModelCode] = useState<string | null>(null);
  const [serialNumber, setSerialNumber] = useState('');
  const [purchaseDate, setPurchaseDate] = useState('');
  const error = add.error instanceof ApiError ? add.error : null;
  return (
    <Stack gap="xs">
      <Group grow align="start">
        <Select
          label={t('intake.model')}
          searchable
          data={(models.data?.items ?? []).map((m) => ({ value: m.code, label: `${m.brand} ${m.name} (${m.code})` }))}
          value={modelCode}
          onChange={setModelCode}
          error={error?.fieldError('body.modelCode')}
        />
        <TextInput
          label={t('intake.serialNumber')}
          value={serialNumber}
          onChange={(e) => setSerialNumber(e.currentTarget.value)}
          error={error?.fieldError('body.serialNumber')}
        />
        <TextInput
          label={t('intake.purchaseDate')}
          type="date"
          value={purchaseDate}
          onChange={(e) => setPurchaseDate(e.currentTarget.value)}
        />
      </Group>
      <Group>
        <Button
          variant="default"
          disabled={!modelCode || serialNumber.trim().length < 3}
          loading={add.isPending}
          onClick={() =>
            modelCode &&
            add.mutate(
              { modelCode, serialNumber, purchaseDate: purchaseDate || null },
              { onSuccess: (product) => onAdded(product.id) },
            )
          }
        >
          {t('intake.saveProduct')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Built for an agent on the phone: find the caller by phone or name as they speak, pick or
 * create customer and product, type the complaint, create — the number and where it went
 * show at once. Every field is reachable by keyboard.
 */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const branches = useBranches();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = useCustomerSearch(q);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [creatingCustomer, setCreatingCustomer] = useState(false);
  const customer = useCustomer(customerId);
  const openOrders = useOpenWorkOrders(customerId);
  const [productId, setProductId] = useState<string | null>(null);
  const [addingProduct, setAddingProduct] = useState(false);
  const [complaint, setComplaint] = useState('');
  const [serviceType, setServiceType] = useState<ServiceType>('home_visit');
  const [priority, setPriority] = useState<Priority>('normal');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const create = useCreateWorkOrder();

  const reset = () => {
    setSearch('');
    setCustomerId(null);
    setProductId(null);
    setComplaint('');
    setPriority('normal');
    setServiceType('home_visit');
    setIdempotencyKey(crypto.randomUUID());
    create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!customerId) return;
    create.mutate({
      body: { customerId, customerProductId: productId, complaint, serviceType, priority },
      key: idempotencyKey,
    });
  };

  const created = create.data;
  if (created) {
    const branch = created.routing.branchId ? branches.byId.get(created.routing.branchId) : undefined;
    const covering = created.routing.coveringTechnicianIds.length;
    return (
      <Stack maw={720}>
        <Alert color="green" role="status" title={t('intake.created', { number: created.number })}>
          <Stack gap={4}>
            <Text>{branch ? t('intake.routedTo', { branch: branch.name }) : t('intake.notRouted')}</Text>
            <Text>{covering > 0 ? t('intake.covering', { count: covering }) : t('intake.noCovering')}</Text>
            {created.technicianName && <Text>{t('intake.autoAssigned', { name: created.technicianName })}</Text>}
          </Stack>
        </Alert>
        <Group>
          <Button component={Link} to={`/work-orders/${created.id}`}>
            {t('intake.openDetail')}
          </Button>
          <Button variant="default" onClick={reset}>
            {t('intake.another')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const submitError = create.error instanceof ApiError ? create.error : null;

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
                <>
                  <TextInput
                    label={t('intake.findCustomer')}
                    description={t('intake.findCustomerHint')}
                    value={search}
                    onChange={(e) => setSearch(e.currentTarget.value)}
                    autoFocus
                  />
                  {q.length >= 3 && (
                    <Stack gap={6} role="list" aria-label={t('intake.findCustomer')}>
                      {(results.data?.items ?? []).map((c) => (
                        <Group key={c.id} role="listitem" justify="space-between" wrap="nowrap">
                          <div>
                            <Text fw={600} size="sm">
                              {c.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {formatPhone(c.phone)} · {c.areaName}
                            </Text>
                          </div>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setCustomerId(c.id)}
                            aria-label={`${t('intake.selectCustomer')} ${c.name}`}
                          >
                            {t('intake.selectCustomer')}
                          </Button>
                        </Group>
                      ))}
                      {results.data?.items.length === 0 && <Text c="dimmed">{t('intake.noMatch')}</Text>}
                    </Stack>
                  )}
                  <Button variant="outline" onClick={() => setCreatingCustomer(true)}>
                    {t('intake.newCustomer')}
                  </Button>
                </>
              )}
              {creatingCustomer && (
                <NewCustomerForm
                  initial={search}
                  onCancel={() => setCreatingCustomer(false)}
                  onCreated={(c) => {
                    setCreatingCustomer(false);
                    setCustomerId(c.id);
                  }}
                />
              )}
              {customer.data && (
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Title order={2} size="h5">
                      {t('intake.selected')}
                    </Title>
                    <Button size="xs" variant="subtle" onClick={() => setCustomerId(null)}>
                      {t('intake.change')}
                    </Button>
                  </Group>
                  <Text fw={600}>{customer.data.name}</Text>
                  <Text size="sm">
                    {formatPhone(customer.data.phone)} · {customer.data.address}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {customer.data.areaName}
                  </Text>
                  {(openOrders.data?.items.length ?? 0) > 0 && (
                    <Alert color="yellow" title={t('intake.duplicates')}>
                      {openOrders.data?.items.map((o) => (
                        <Anchor key={o.id} component={Link} to={`/work-orders/${o.id}`} mr="sm">
                          {o.number} ({t(`status.${o.status}`)})
                        </Anchor>
                      ))}
                    </Alert>
                  )}
                  <Radio.Group
                    label={t('intake.product')}
                    value={productId ?? ''}
                    onChange={(v) => setProductId(v || null)}
                  >
                    <Stack gap={6} mt={4}>
                      <Radio value="" label={t('intake.noProduct')} />
                      {customer.data.products.map((p) => (
                        <Radio
                          key={p.id}
                          value={p.id}
                          label={`${p.model.brand} ${p.model.name} · ${t('intake.serialNumber')} ${p.serialNumber}${p.warrantyUntil ? ` · ${t('intake.warrantyUntil')} ${formatDate(p.warrantyUntil, locale)}` : ''}`}
                        />
                      ))}
                    </Stack>
                  </Radio.Group>
                  {addingProduct ? (
                    <AddProductForm
                      customerId={customer.data.id}
                      onAdded={(id) => {
                        setProductId(id);
                        setAddingProduct(false);
                      }}
                    />
                  ) : (
                    <Button size="xs" variant="subtle" onClick={() => setAddingProduct(true)} w="fit-content">
                      {t('intake.addProduct')}
                    </Button>
                  )}
                </Stack>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="form" onSubmit={submit} aria-label={t('intake.title')}>
            <Stack gap="sm">
              <Textarea
                label={t('intake.complaint')}
                required
                autosize
                minRows={4}
                value={complaint}
                onChange={(e) => setComplaint(e.currentTarget.value)}
                error={submitError?.fieldError('body.complaint')}
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
              <Button type="submit" disabled={!customerId || !complaint.trim()} loading={create.isPending}>
                {t('intake.submit')}
              </Button>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
