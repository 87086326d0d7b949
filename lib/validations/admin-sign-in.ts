import { z } from "@/lib/zod";

/**
 * The admin sign-in form. Only "is it filled in" is checked here: length rules would tell a
 * guesser something, and better-auth decides whether the pair is right.
 */
export const adminSignInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").pipe(z.email("Enter an email address like name@example.com")),
  password: z.string().min(1, "Enter your password").max(128, "Passwords are at most 128 characters"),
});

export type AdminSignInInput = z.input<typeof adminSignInSchema>;
export type AdminSignIn = z.output<typeof adminSignInSchema>;
