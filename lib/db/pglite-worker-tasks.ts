import "server-only";
import { writeUserStates } from "@/lib/events/apply-user-state";

/**
 * Work the embedded database's thread runs whole, on its own drizzle connection, when one message
 * each way matters more than one per statement: the feed's writes, which every stream waits for.
 * Inputs and results cross threads by structured clone (Dates, bigints and Maps survive; functions
 * do not).
 */
export const pgliteWorkerTasks = { writeUserStates };

export type PgliteWorkerTasks = typeof pgliteWorkerTasks;
