import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  {
    ignores: [".next/**", ".bench-web-floor/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Only the env module reads process.env; scripts and the sandbox (its own program) have their own config.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    // The sandbox stands for sFOX: app code must never import it (tests may start it).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/sandbox/**", "@/sandbox/**"], message: "App code never imports the sandbox." }] }],
    },
  },
  {
    // Schemas take `z` from lib/zod.ts (classic, server code) or lib/zod-mini.ts (zod mini, the schemas
    // the browser imports), which keep zod from probing for eval (the pages' CSP forbids it).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/zod.ts", "lib/zod-mini.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "zod", message: "Import { z } from \"@/lib/zod\" (CSP: no eval).", allowTypeImports: true }],
          patterns: [
            {
              group: ["zod/*"],
              message: "Import * as z from \"@/lib/zod-mini\" for zod mini, or { z } from \"@/lib/zod\" (CSP: no eval).",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
];

export default config;
