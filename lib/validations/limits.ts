// The wizard's limits, apart from the schemas that enforce them: the step components show them
// (maxLength attributes, hints) without loading zod, which comes with the schemas when needed.

/** Maximum lengths, for `maxLength` attributes in the wizard. */
export const MAX_LENGTH = {
  userId: 64,
  name: 100,
  email: 254,
  addressLine: 80,
  city: 100,
  region: 100,
  subdivision: 3,
  postalCode: 10,
  idNumber: 20,
  sourceOfFunds: 100,
  entityName: 200,
  registrationNumber: 50,
  description: 1000,
  website: 200,
} as const;

export const MIN_OWNERS = 1;
export const MAX_OWNERS = 10;
export const MIN_OWNERSHIP_PERCENTAGE = 25;
export const MAX_TOTAL_OWNERSHIP_PERCENTAGE = 100;
