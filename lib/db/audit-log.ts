import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "./client";
import { auditLog, type AuditLogRow } from "./schema";

export interface AuditEntry {
  actor: string;
  action: string;
  targetUserId: string | null;
  outcome: "ok" | "error";
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Database, entry: AuditEntry): Promise<AuditLogRow> {
  const [row] = await db.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} }).returning();
  if (!row) throw new Error("Inserting an audit entry returned no row");
  return row;
}

export function listAuditForUser(db: Database, targetUserId: string, limit = 100): Promise<AuditLogRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.targetUserId, targetUserId)).orderBy(desc(auditLog.id)).limit(limit);
}
