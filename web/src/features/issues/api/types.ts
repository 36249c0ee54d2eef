/**
 * Short names for the schemas the issues feature uses that src/api/types.ts does not name yet
 * (kept here so the feature does not edit the shared file).
 */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type Attachment = Schemas['Attachment'];
export type AttachmentSummary = Schemas['AttachmentSummary'];
export type CustomField = Schemas['CustomField'];
export type SystemField = Schemas['SystemField'];
export type FieldType = Schemas['FieldType'];
export type HistoryItem = Schemas['HistoryItem'];
export type IssueType = Schemas['IssueType'];
export type LinkType = Schemas['LinkType'];
export type Priority = Schemas['Priority'];
export type Resolution = Schemas['Resolution'];
export type Watchers = Schemas['Watchers'];
export type TransitionRequest = Schemas['TransitionRequest'];
export type NewLink = Schemas['NewLink'];
export type CustomerRequest = Schemas['CustomerRequest'];
export type Team = Schemas['Team'];
export type Organization = Schemas['Organization'];
export type PotentialCause = Schemas['PotentialCause'];
