import type { VpnConnection } from './connection.ts';
import { sameFieldValue } from './equality.ts';
import { editableFields, getField, type FieldDef } from './paths.ts';

/** Editable fields whose value differs between two connections of the same mode. */
export function changedFields(before: VpnConnection, after: VpnConnection): FieldDef[] {
  return editableFields(after.mode).filter((d) => !sameFieldValue(d.kind, getField(before, d.path), getField(after, d.path)));
}
