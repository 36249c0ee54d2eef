import { useCallback } from 'react';
import { queryKeys } from '@/api/keys';
import { ObjectSelect } from '@/components/ObjectSelect';
import type { ObjectChoices, ObjectSelectChrome } from '@/components/ObjectSelect';
import type { ObjectValue } from '@/lib/objectValues';
import { searchObjects } from '../api/objects';
import { referenceSearchAql } from '../lib/aql';

export interface ReferencePickerProps extends ObjectSelectChrome {
  /** The referenced object type's name */
  targetType: string;
  multiple: boolean;
  value: readonly ObjectValue[];
  onChange: (value: ObjectValue[]) => void;
}

const PICKER_LIMIT = 20;

/**
 * The value of a reference attribute: objects of the referenced type, searched with
 * `objectType = "<type>" AND label LIKE "<text>"` as the user types.
 */
export function ReferencePicker({ targetType, ...props }: ReferencePickerProps) {
  const source = useCallback(
    (search: string) => {
      const aql = referenceSearchAql(targetType, search);
      return {
        queryKey: queryKeys.cmdbObjects({ picker: true, aql }),
        queryFn: async ({ signal }: { signal: AbortSignal }): Promise<ObjectChoices> => ({
          objects: (await searchObjects({ aql, limit: PICKER_LIMIT }, signal)).objects.map((o) => ({
            key: o.key,
            label: o.label,
            objectType: o.objectType.name,
          })),
        }),
      };
    },
    [targetType],
  );
  return <ObjectSelect {...props} source={source} scope={targetType} placeholder={`Search ${targetType}`} />;
}
