export const ACCOUNT_TYPES = ["individual", "corporation"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_ROLES = ["client", "advisor"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const INDIVIDUAL_ACCOUNT_PURPOSES = [
  "Trading",
  "Selling only",
  "Other",
  "Online purchases",
  "Online payments",
  "Investing",
  "Buying only",
  "Business",
] as const;
export type IndividualAccountPurpose = (typeof INDIVIDUAL_ACCOUNT_PURPOSES)[number];

export const CORPORATE_ACCOUNT_PURPOSES = [
  "Treasury Management",
  "Operating",
  "Liquidating Crypto Assets",
  "Investment Fund",
  "Cross Border Payments",
  "Arbitrage Trading",
  "Other",
] as const;
export type CorporateAccountPurpose = (typeof CORPORATE_ACCOUNT_PURPOSES)[number];

export const ACCOUNT_PURPOSES_BY_TYPE = {
  individual: INDIVIDUAL_ACCOUNT_PURPOSES,
  corporation: CORPORATE_ACCOUNT_PURPOSES,
} as const satisfies Record<AccountType, readonly string[]>;

/** Every purpose of either type, for a field whose account type is not known yet. */
export const ACCOUNT_PURPOSES = [
  ...new Set([...INDIVIDUAL_ACCOUNT_PURPOSES, ...CORPORATE_ACCOUNT_PURPOSES]),
] as readonly (IndividualAccountPurpose | CorporateAccountPurpose)[];
export type AccountPurpose = IndividualAccountPurpose | CorporateAccountPurpose;

export const ORGANIZATION_TYPES = [
  "Trust",
  "Sole Proprietor",
  "LLC",
  "Partnership",
  "Corporation",
  "Other",
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const BUSINESS_TYPES = [
  "Hedge Fund",
  "Private Equity Fund",
  "Mutual Fund",
  "Proprietary Trading Firm",
  "Personal Investment Company",
  "Individual Retirement Account Holding Company",
  "Money Service Business (MSB)",
  "Financial Institution Brokerage",
  "Agency OTC Brokerage",
  "Principle OTC Brokerage",
  "Retail Brokerage",
  // One value despite the comma (docs/registration-rules.md, decision).
  "Robo-Advisor, or FX/CFD Provider",
  "Fund of Funds",
  "Pension Fund",
  "Endowment",
  "Exchange Traded Fund",
  "Fund Administrator",
  "Professional Service Provider (Accounting or Law Firm)",
  "Software Vendor",
  "Platform Provider",
  "Data Aggregator",
  "Charity Organization or Non-profit",
  "Crypto Exchange",
  "Digital Currency Mining Firm",
  "Merchant",
] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

export const ID_TYPES = ["ssn", "passport"] as const;
export type IdType = (typeof ID_TYPES)[number];
