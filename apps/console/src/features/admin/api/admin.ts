import {
  areaSchema,
  branchSchema,
  type CreateBranchBody,
  type CreateUserBody,
  pageSchema,
  technicianAreasSchema,
  type UpdateBranchBody,
  type UpdateUserBody,
  userSchema,
} from '@purnajual/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';

export const usersQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['users', q],
    queryFn: () => api.request('GET /api/v1/users', pageSchema(userSchema), { query: { q, limit: 200 } }),
    placeholderData: keepPreviousData,
  });

export const useUsers = (q: string) => useQuery(usersQueryOptions(q));

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.request('POST /api/v1/users', userSchema, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      api.request('PATCH /api/v1/users/:id', userSchema, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useSetTechnicianAreas() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, areaCodes }: { id: string; areaCodes: string[] }) =>
      api.request('PUT /api/v1/technicians/:id/areas', technicianAreasSchema, { params: { id }, body: { areaCodes } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Names for area codes a form already holds. */
export const useAreaNames = (codes: string[]) =>
  useQuery({
    queryKey: ['areas', 'codes', codes],
    queryFn: () => api.request('GET /api/v1/areas', pageSchema(areaSchema), { query: { codes: codes.join(',') } }),
    enabled: codes.length > 0,
    placeholderData: keepPreviousData,
  });

export function useCreateBranch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBranchBody) => api.request('POST /api/v1/branches', branchSchema, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['branches'] }),
  });
}

export function useUpdateBranch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBranchBody }) =>
      api.request('PATCH /api/v1/branches/:id', branchSchema, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['branches'] }),
  });
}
