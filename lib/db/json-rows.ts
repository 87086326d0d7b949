import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";

/**
 * A row that PostgreSQL answered as JSON (`to_jsonb(row)`: keys are column names) in the shape
 * drizzle gives selected rows, each value through its column's own mapping (timestamps to Dates,
 * bigint columns to bigints). JSON numbers lose precision past 2^53: send such columns as text.
 */
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
