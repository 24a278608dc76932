/** Shapes of the import API's JSON as the dashboard receives them. */
import type { ColumnMapping, ImportPreview, RowError, TraitType } from "@/lib/imports/schemas";

export type { ColumnMapping, ImportPreview, RowError, TraitType };

export interface ImportDto {
  id: string;
  filename: string;
  status: "running" | "completed" | "failed";
  totalRows: number;
  processed: number;
  succeeded: number;
  failed: number;
  errors: RowError[];
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}
