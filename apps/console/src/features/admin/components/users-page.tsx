import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { brokenPasswordRule, type Role, roles, type User } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { useBranches } from '../../../components/use-branches';
import { useCreateUser, useSetTechnicianAreas, useUpdateUser, useUsers } from '../api/admin';
import { AreaCodesEditor } from './area-codes-editor';

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const { t } = useTranslation();
  const branches = useBranches();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [employeeNo, setEmployeeNo] = useState(user?.employeeNo ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'technician');
  const [branchId, setBranchId] = useState<string | null>(user?.branchId ?? null);
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [password, setPassword] = useState('');
  const mutation = user ? update : create;
  // The rule the contract shares with the server, said once the password is long enough to be
  // taken otherwise; the server checks the rest (the company's name among them).
  const isOneCharacter = password.length >= 8 && brokenPasswordRule(password) === 'one_character';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isOneCharacter) return;
    const common = { employeeNo, name, role, branchId, phone: phone || null };
    if (user)
      update.mutate({ id: user.id, body: { ...common, ...(password ? { password } : {}) } }, { onSuccess: onDone });
    else create.mutate({ ...common, email: null, password }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <TextInput
          label={t('admin.employeeNo')}
          required
          value={employeeNo}
          onChange={(e) => setEmployeeNo(e.currentTarget.value)}
        />
        <TextInput label={t('admin.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Group grow>
          <Select
            label={t('admin.role')}
            allowDeselect={false}
            data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(value) => setRole((value as Role | null) ?? 'technician')}
          />
          <Select
            label={t('admin.branch')}
            clearable
            data={branches.items.map((b) => ({ value: b.id, label: b.name }))}
            value={branchId}
            onChange={setBranchId}
          />
        </Group>
        <TextInput
          label={t('admin.phone')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
        <PasswordInput
          label={user ? t('admin.newPassword') : t('admin.password')}
          required={!user}
          description={t('admin.passwordHint')}
          error={isOneCharacter ? t('admin.passwordOneCharacter') : undefined}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
        <FormActions saving={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function AreasForm({ user, onDone }: { user: User; onDone: () => void }) {
  const save = useSetTechnicianAreas();
  const [codes, setCodes] = useState<string[]>(user.areaCodes ?? []);
  return (
    <Stack>
      <ErrorAlert error={save.error} />
      <AreaCodesEditor value={codes} onChange={setCodes} />
      <FormActions
        saving={save.isPending}
        onCancel={onDone}
        onSave={() => save.mutate({ id: user.id, areaCodes: codes }, { onSuccess: onDone })}
      />
    </Stack>
  );
}

/** Users of the company (a supervisor: of their branch): create, edit, reset, deactivate, areas. */
export function UsersPage() {
  const { t } = useTranslation();
  const branches = useBranches();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const users = useUsers(q);
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [areasOf, setAreasOf] = useState<User | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('admin.users')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('admin.addUser')}</Button>
      </Group>
      <TextInput
        label={t('common.search')}
        placeholder={t('admin.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={320}
      />
      <ErrorAlert error={update.error} />
      <Table striped verticalSpacing="xs" aria-label={t('admin.users')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.employeeNo')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.role')}</Table.Th>
            <Table.Th>{t('admin.branch')}</Table.Th>
            <Table.Th>{t('admin.areas')}</Table.Th>
            <Table.Th>{t('admin.status')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((user) => (
            <Table.Tr key={user.id} data-testid="user-row">
              <Table.Td>{user.employeeNo}</Table.Td>
              <Table.Td>{user.name}</Table.Td>
              <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
              <Table.Td>{user.branchId ? (branches.byId.get(user.branchId)?.name ?? '—') : '—'}</Table.Td>
              <Table.Td>
                <Text size="sm">{user.role === 'technician' ? (user.areaCodes ?? []).join(', ') || '—' : ''}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="dot" color={user.active ? 'green' : 'gray'} c="dark.7">
                  {user.active ? t('admin.active') : t('admin.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setEditing(user)}
                    aria-label={`${t('admin.editUser')} ${user.name}`}
                  >
                    {t('admin.editUser')}
                  </Button>
                  {user.role === 'technician' && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setAreasOf(user)}
                      aria-label={`${t('admin.editAreas')} ${user.name}`}
                    >
                      {t('admin.editAreas')}
                    </Button>
                  )}
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => update.mutate({ id: user.id, body: { active: !user.active } })}
                    aria-label={`${user.active ? t('admin.deactivate') : t('admin.activate')} ${user.name}`}
                  >
                    {user.active ? t('admin.deactivate') : t('admin.activate')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={editing === 'new' ? t('admin.addUser') : t('admin.editUser')}
      >
        {editing !== null && <UserForm user={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal
        opened={areasOf !== null}
        onClose={() => setAreasOf(null)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={t('admin.areasOf', { name: areasOf?.name ?? '' })}
        size="lg"
      >
        {areasOf && <AreasForm user={areasOf} onDone={() => setAreasOf(null)} />}
      </Modal>
    </Stack>
  );
}
