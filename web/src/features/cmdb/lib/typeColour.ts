/** Object type colours in the reference graph and its legend. */
const PALETTE = ['#228be6', '#12b886', '#f59f00', '#7950f2', '#fd7e14', '#15aabf', '#e64980', '#40c057', '#868e96'];

/** A stable colour per object type name. */
export function typeColour(typeName: string): string {
  let h = 0;
  for (let i = 0; i < typeName.length; i++) h = (h * 31 + typeName.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? '#868e96';
}
