import type { ObservedShape, ShapeInput } from './model.ts';
import { compareShapes, sortedUnique } from './order.ts';

/** Shapes merged per version, operation and status, with their field lists sorted. */
export function mergedShapes(shapes: readonly ShapeInput[]): ObservedShape[] {
  const merged = new Map<string, { shape: ShapeInput; fields: Set<string>; unknown: Set<string> }>();
  for (const shape of shapes) {
    const key = `${shape.apiVersion}\u0000${shape.operation}\u0000${shape.status}`;
    const entry = merged.get(key) ?? { shape, fields: new Set<string>(), unknown: new Set<string>() };
    for (const f of shape.fields) entry.fields.add(f);
    for (const f of shape.unknownFields) entry.unknown.add(f);
    merged.set(key, entry);
  }
  return [...merged.values()]
    .map(({ shape, fields, unknown }) => ({
      apiVersion: shape.apiVersion,
      operation: shape.operation,
      status: shape.status,
      fields: sortedUnique(fields),
      unknownFields: sortedUnique(unknown),
    }))
    .sort(compareShapes);
}
