/**
 * Deployments (S6.7): per-service statistics over the past days (GET /api/v1/deployments/stats:
 * deployments, successful, failed, change failure rate) and one service's deployments, newest
 * first (GET /api/v1/deployments?service=). Keys: ['deployments', 'stats' | 'list', params].
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Deployment } from '@/api/types';
import type { EnvironmentType, ServiceDeploymentStats } from './types';

export interface StatsQuery {
  days: number;
  environmentType: EnvironmentType;
  [extra: string]: unknown;
}

export async function getDeploymentStats(params: StatsQuery): Promise<ServiceDeploymentStats[]> {
  const { values } = await unwrap(
    api.GET('/api/v1/deployments/stats', { params: { query: { days: params.days, environmentType: params.environmentType } } }),
  );
  return values;
}

export function useDeploymentStats(params: StatsQuery) {
  return useQuery({
    queryKey: queryKeys.deploymentStats(params),
    queryFn: () => getDeploymentStats(params),
    placeholderData: keepPreviousData,
  });
}

export interface DeploymentListQuery {
  /** Service object key or label */
  service: string;
  environmentType?: EnvironmentType | undefined;
  limit?: number;
  [extra: string]: unknown;
}

export async function getDeployments(params: DeploymentListQuery): Promise<Deployment[]> {
  const query: { service: string; environmentType?: EnvironmentType; limit?: number } = { service: params.service };
  if (params.environmentType) query.environmentType = params.environmentType;
  if (params.limit) query.limit = params.limit;
  const { values } = await unwrap(api.GET('/api/v1/deployments', { params: { query } }));
  return values;
}

export function useDeployments(params: DeploymentListQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.deploymentList(params),
    queryFn: () => getDeployments(params),
    enabled,
  });
}
