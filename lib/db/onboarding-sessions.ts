import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { onboardingSessions, type OnboardingSessionRow } from "./schema";

export async function createOnboardingSession(db: Database, userId: string): Promise<OnboardingSessionRow> {
  const [row] = await db.insert(onboardingSessions).values({ userId }).returning();
  if (!row) throw new Error("Inserting an onboarding session returned no row");
  return row;
}

export async function getOnboardingSession(db: Database, id: string): Promise<OnboardingSessionRow | undefined> {
  const [row] = await db.select().from(onboardingSessions).where(eq(onboardingSessions.id, id)).limit(1);
  return row;
}

export async function saveOnboardingProgress(
  db: Database,
  id: string,
  progress: { step: string; draft: Record<string, unknown>; consentedAt?: Date | null },
): Promise<OnboardingSessionRow | undefined> {
  const [row] = await db
    .update(onboardingSessions)
    .set({ ...progress, updatedAt: sql`now()` })
    .where(eq(onboardingSessions.id, id))
    .returning();
  return row;
}

/** Marks the onboarding as registered once; returns false when it already was. */
export async function markOnboardingRegistered(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(onboardingSessions)
    .set({ registeredAt: sql`now()`, updatedAt: sql`now()` })
    .where(sql`${onboardingSessions.id} = ${id} AND ${onboardingSessions.registeredAt} IS NULL`)
    .returning({ id: onboardingSessions.id });
  return rows.length === 1;
}
