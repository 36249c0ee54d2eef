/** CMDB data for the feature's tests, shaped like the demo's Practice Standards and Services. */
import type {
  CmdbAttribute,
  CmdbGraph,
  CmdbObject,
  CmdbObjectDetail,
  CmdbObjectType,
  CmdbSchema,
  CmdbSchemaDetail,
  CmdbTypeNode,
} from '../api/types';

export const practiceStandards: CmdbSchema = {
  id: 1,
  key: 'PS',
  name: 'Practice Standards',
  description: 'Standards of the IT practice',
  objectCount: 80,
  objectTypeCount: 14,
};

export const services: CmdbSchema = {
  id: 2,
  key: 'SVC',
  name: 'Services',
  description: '',
  objectCount: 12,
  objectTypeCount: 2,
};

const node = (id: number, name: string, objectCount: number, children: CmdbTypeNode[] = [], parentId: number | null = null): CmdbTypeNode => ({
  id,
  name,
  description: '',
  icon: '',
  parentId,
  abstract: false,
  inheritAttributes: true,
  objectCount,
  totalCount: objectCount + children.reduce((n, c) => n + c.totalCount, 0),
  children,
});

export const psDetail: CmdbSchemaDetail = {
  ...practiceStandards,
  objectTypes: [
    node(1, 'Priority Matrix', 16),
    {
      ...node(2, 'Standard Infrastructure Requests', 0, [
        node(3, 'Approved AMI', 7, [], 2),
        node(4, 'Environments', 4, [], 2),
        node(5, 'Standard Changes', 6, [], 2),
        node(6, 'Standard Change Tasks', 5, [], 2),
      ]),
      abstract: true,
    },
    node(7, 'Risk Assessment', 1, [node(8, 'During Business Hours', 3, [], 7), node(9, 'Lead Time', 4, [], 7)]),
  ],
};

const attr = (id: number, name: string, type: CmdbAttribute['type'], extra: Partial<CmdbAttribute> = {}): CmdbAttribute => ({
  id,
  objectTypeId: 5,
  name,
  type,
  description: '',
  required: false,
  unique: false,
  label: false,
  options: [],
  minCardinality: 0,
  maxCardinality: 1,
  referenceObjectTypeId: null,
  referenceObjectType: null,
  referenceKind: null,
  inheritedFrom: null,
  position: id,
  ...extra,
});

export const standardChangesType: CmdbObjectType = {
  id: 5,
  schemaKey: 'PS',
  name: 'Standard Changes',
  description: 'Pre-approved changes',
  icon: '',
  parentId: 2,
  abstract: false,
  inheritAttributes: true,
  objectCount: 6,
  attributes: [
    attr(1, 'Name', 'text', { label: true, required: true, unique: true }),
    attr(2, 'Approved by', 'user'),
    attr(3, 'Applications Applicable', 'reference', {
      maxCardinality: -1,
      referenceObjectTypeId: 12,
      referenceObjectType: 'Applications',
      referenceKind: 'applies to',
    }),
    attr(4, 'Implementation Plan', 'textarea'),
    attr(5, 'Backout Plan', 'textarea'),
    attr(6, 'Risk', 'select', { options: ['Low', 'Medium', 'High'] }),
  ],
};

export const reindex: CmdbObject = {
  id: 31,
  key: 'PS-31',
  label: 'Reindex columnstore indexes',
  objectType: { id: 5, name: 'Standard Changes' },
  schema: { id: 1, key: 'PS', name: 'Practice Standards' },
  created: '2026-10-01T09:00:00.000Z',
  updated: '2026-11-20T09:00:00.000Z',
  attributes: {
    Name: 'Reindex columnstore indexes',
    'Approved by': { username: 'alana', displayName: 'Alana Grant' },
    'Applications Applicable': [{ key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' }],
    'Implementation Plan': 'Reorganize and rebuild the indexes.',
    'Backout Plan': 'Nothing to back out.',
    Risk: 'Low',
  },
};

export const patchSystem: CmdbObject = {
  ...reindex,
  id: 30,
  key: 'PS-30',
  label: 'Patch System',
  attributes: { ...reindex.attributes, Name: 'Patch System', 'Applications Applicable': [], Risk: 'Medium' },
};

export const reindexDetail: CmdbObjectDetail = {
  ...reindex,
  references: {
    outbound: [
      {
        attribute: 'Applications Applicable',
        referenceKind: 'applies to',
        object: { key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' },
      },
    ],
    inbound: [
      {
        attribute: 'Standard change',
        referenceKind: null,
        object: { key: 'PS-50', label: 'Rebuild indexes weekly', objectType: 'Standard Change Tasks' },
      },
    ],
  },
};

export const paymentGraph: CmdbGraph = {
  root: 'SVC-438',
  nodes: [
    { key: 'SVC-438', label: 'Payment Processing', objectType: 'Services', depth: 0 },
    { key: 'SVC-12', label: 'Billing Service', objectType: 'Services', depth: 1 },
    { key: 'SVC-3', label: 'MongoDB Atlas', objectType: 'Applications', depth: 2 },
  ],
  edges: [
    { from: 'SVC-438', to: 'SVC-12', attribute: 'Depends on', referenceKind: 'depends on' },
    { from: 'SVC-12', to: 'SVC-3', attribute: 'Runs on', referenceKind: 'runs on' },
  ],
  truncated: false,
};
