/**
 * Times whole HTML documents as a browser's navigation gets them: one GET at a time over a kept-alive
 * connection, from sending the request to the last byte of the body. Every response is checked
 * against what the page must show before its time counts.
 */
import type { RunningApp } from "./admin-app";
import { problemWith, type Expectation, type Scenario } from "./admin-scenarios";

export async function measureScenarios(
  app: RunningApp,
  scenarios: Scenario[],
  expectations: Map<string, Expectation>,
  options: { samples: number; warmup: number },
): Promise<Map<string, number[]>> {
  for (let round = 0; round < options.warmup; round++) {
    for (const scenario of scenarios) await timedGet(app, scenario, expectations);
  }
  const timings = new Map(scenarios.map((scenario) => [scenario.name, [] as number[]]));
  // Round robin, not one scenario after the other: a burst of load from something else on the
  // machine then spreads over every scenario instead of landing on one of them.
  for (let round = 0; round < options.samples; round++) {
    for (const scenario of scenarios)
      timings.get(scenario.name)!.push(await timedGet(app, scenario, expectations));
  }
  return timings;
}

async function timedGet(
  app: RunningApp,
  scenario: Scenario,
  expectations: Map<string, Expectation>,
): Promise<number> {
  const started = performance.now();
  // Not following redirects: a redirect to sign-in must fail the run, not be timed as a page.
  const response = await fetch(`${app.url}${scenario.path}`, {
    headers: { cookie: app.cookie },
    redirect: "manual",
  });
  const html = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) {
    const location = response.headers.get("location");
    throw new Error(
      `${scenario.name}: GET ${scenario.path} answered ${response.status}${location ? ` -> ${location}` : ""}`,
    );
  }
  const problem = problemWith(html, expectations.get(scenario.name)!);
  if (problem) throw new Error(`${scenario.name}: GET ${scenario.path}: ${problem}`);
  return elapsed;
}
