// Ports of the product that Playwright starts, shared by the config and the specs.
export const appPort = Number(process.env.E2E_PORT ?? 3100);
export const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
