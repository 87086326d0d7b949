import type { Config } from "tailwindcss";

// Tailwind 4 reads this file through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef6ff",
          100: "#d9eaff",
          600: "#1f5fd6",
          700: "#1a4fb3",
          800: "#183f8c",
          900: "#14306a",
        },
        ink: {
          DEFAULT: "#111827",
          muted: "#4b5563",
        },
        sandbox: {
          bg: "#fef3c7",
          fg: "#78350f",
          border: "#f59e0b",
        },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
      },
      maxWidth: {
        prose: "42rem",
      },
    },
  },
};

export default config;
