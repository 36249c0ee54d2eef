/** Short names for the CMDB schemas of api/openapi.yaml (generated into schema.d.ts). */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type CmdbSchema = Schemas['CmdbSchema'];
export type CmdbSchemaDetail = Schemas['CmdbSchemaDetail'];
export type CmdbTypeNode = Schemas['CmdbTypeNode'];
export type CmdbObjectType = Schemas['CmdbObjectType'];
export type CmdbAttribute = Schemas['CmdbAttribute'];
export type CmdbAttributeType = Schemas['CmdbAttributeType'];
export type CmdbObject = Schemas['CmdbObject'];
export type CmdbObjectDetail = Schemas['CmdbObjectDetail'];
export type CmdbObjectRef = Schemas['CmdbObjectRef'];
export type CmdbReference = Schemas['CmdbReference'];
export type CmdbObjectList = Schemas['CmdbObjectList'];
export type CmdbObjectCreate = Schemas['CmdbObjectCreate'];
export type CmdbObjectPatch = Schemas['CmdbObjectPatch'];
export type CmdbHistoryEntry = Schemas['CmdbHistoryEntry'];
export type CmdbGraph = Schemas['CmdbGraph'];
export type CmdbGraphNode = Schemas['CmdbGraphNode'];
export type CmdbGraphEdge = Schemas['CmdbGraphEdge'];
export type CmdbConnectedIssue = Schemas['CmdbConnectedIssue'];
export type CmdbAttachment = Schemas['CmdbAttachment'];

export type GraphDirection = 'both' | 'inbound' | 'outbound';
