/**
 * Short names for the schemas of api/openapi.yaml (generated into schema.d.ts). Import types
 * from here rather than spelling `components['schemas'][...]` in features.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type UserKind = Schemas['UserKind'];
export type UserRef = Schemas['UserRef'];
export type SessionInfo = Schemas['SessionInfo'];
export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type Project = Schemas['Project'];
export type ProjectRole = Schemas['ProjectRole'];
export type Status = Schemas['Status'];
export type StatusCategory = Schemas['StatusCategory'];
export type NamedRef = Schemas['NamedRef'];
export type Issue = Schemas['Issue'];
export type IssueRef = Schemas['IssueRef'];
export type IssueCreate = Schemas['IssueCreate'];
export type IssuePatch = Schemas['IssuePatch'];
export type Comment = Schemas['Comment'];
export type Link = Schemas['Link'];
export type HistoryGroup = Schemas['HistoryGroup'];
export type AvailableTransition = Schemas['AvailableTransition'];
export type SearchRequest = Schemas['SearchRequest'];
export type SearchResults = Schemas['SearchResults'];
export type SearchHit = Schemas['SearchHit'];
export type QueryLanguage = Schemas['QueryLanguage'];
export type QueryField = Schemas['QueryField'];
export type QueryValidation = Schemas['QueryValidation'];
export type Queue = Schemas['Queue'];
export type QueueGroup = Schemas['QueueGroup'];
export type ErrorBody = Schemas['Error'];
export type CmdbObjectRef = Schemas['CmdbObjectRef'];
export type ObjectLabel = Schemas['ObjectLabel'];
export type Approval = Schemas['Approval'];
export type ApprovalDecision = Schemas['ApprovalDecision'];
export type RiskAssessment = Schemas['RiskAssessment'];
export type RiskLevel = RiskAssessment['level'];
export type Deployment = Schemas['Deployment'];
