/**
 * Short names for the help-center schemas of api/openapi.yaml (generated into schema.d.ts),
 * used only by this feature.
 */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type Portal = Schemas['Portal'];
export type PortalDetail = Schemas['PortalDetail'];
export type PortalRequestType = PortalDetail['requestTypes'][number];
export type RequestTypeGroup = Schemas['RequestTypeGroup'];
export type RequestType = Schemas['RequestType'];
export type RequestTypeFormField = Schemas['RequestTypeFormField'];
export type RequestCreate = Schemas['RequestCreate'];
export type CustomerStatus = Schemas['CustomerStatus'];
export type RequestSummary = Schemas['RequestSummary'];
export type RequestList = Schemas['RequestList'];
export type CustomerRequest = Schemas['CustomerRequest'];
export type RequestFieldValue = Schemas['RequestFieldValue'];
export type RequestActivityItem = Schemas['RequestActivityItem'];
export type RequestActivityComment = Schemas['RequestActivityComment'];
export type RequestActivityStatus = Schemas['RequestActivityStatus'];
