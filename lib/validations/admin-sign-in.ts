import * as z from "@/lib/zod-mini";

/**
 * The admin sign-in form. Only "is it filled in" is checked here: length rules would tell a
 * guesser something, and better-auth decides whether the pair is right. Zod mini, as the wizard's
 * schemas: the sign-in page need not download classic zod.
 */
export const adminSignInSchema = z.object({
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, "Enter your email address")),
    z.email("Enter an email address like name@example.com"),
  ),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(128, "Passwords are at most 128 characters")),
});

export type AdminSignInInput = z.input<typeof adminSignInSchema>;
export type AdminSignIn = z.output<typeof adminSignInSchema>;
