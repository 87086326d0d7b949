/**
 * Every government id number the browser tests type. They are distinctive on purpose: after a full
 * run, `npm run test:secrets` (scripts/check-secrets.ts) looks for each of them in the built
 * bundles, the server's log and the database, where none may ever be. (A plain "123456789" would
 * also match "0123456789" in a polyfill.)
 */
export const TEST_GOVERNMENT_IDS = {
  /** The US individual's SSN, and the first beneficial owner's. */
  ssn: "536284917",
  /** The second beneficial owner's SSN. */
  secondSsn: "624719385",
  /** The same first SSN, typed with dashes (refused, then corrected). */
  ssnWithDashes: "536-28-4917",
  /** Too short for an SSN (refused). */
  shortSsn: "47382916",
  /** A British passport number. */
  passport: "925076473",
} as const;
