/** Short names for the schemas the changes feature uses (change enablement, S6; deployments, S6.7). */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type CalendarChange = Schemas['CalendarChange'];
export type ChangeCalendar = Schemas['ChangeCalendar'];
export type FreezeWindow = Schemas['FreezeWindow'];
export type NewFreezeWindow = Schemas['NewFreezeWindow'];
export type ChangeSettings = Schemas['ChangeSettings'];
export type ApprovalStep = Schemas['ApprovalStep'];
export type ServiceDeploymentStats = Schemas['ServiceDeploymentStats'];
export type Workflow = Schemas['Workflow'];

export type ChangeType = 'Standard' | 'Normal' | 'Emergency';
export type EnvironmentType = 'unmapped' | 'development' | 'testing' | 'staging' | 'production';
