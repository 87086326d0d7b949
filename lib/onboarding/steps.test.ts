import { describe, expect, it } from "vitest";
import { allowedStep, currentStep, nextStep, previousStep, stepsFor, type WizardProgress } from "./steps";

const fresh: WizardProgress = { accountType: undefined, completed: [], registered: false, verificationPending: false };

describe("wizard steps", () => {
  it("branches on the account type", () => {
    expect(stepsFor("individual")).toEqual(["account", "contact", "identity", "review", "verify", "done"]);
    expect(stepsFor("corporation")).toEqual(["account", "contact", "business", "owners", "review", "verify", "done"]);
    expect(nextStep("contact", "individual")).toBe("identity");
    expect(nextStep("contact", "corporation")).toBe("business");
    expect(nextStep("owners", "corporation")).toBe("review");
    expect(previousStep("business", "corporation")).toBe("contact");
    expect(previousStep("account", "corporation")).toBeNull();
  });

  it("starts at the account step", () => {
    expect(currentStep(fresh)).toBe("account");
    expect(allowedStep("review", fresh)).toBe("account");
  });

  it("never lets a user deep-link past an unfinished step", () => {
    const progress: WizardProgress = { ...fresh, accountType: "individual", completed: ["account"] };
    expect(currentStep(progress)).toBe("contact");
    expect(allowedStep("identity", progress)).toBe("contact");
    expect(allowedStep("review", progress)).toBe("contact");
    expect(allowedStep("account", progress)).toBe("account");
    expect(allowedStep("contact", progress)).toBe("contact");
  });

  it("refuses the other branch's steps", () => {
    const progress: WizardProgress = { ...fresh, accountType: "individual", completed: ["account", "contact", "identity"] };
    expect(allowedStep("business", progress)).toBe("review");
    expect(allowedStep("owners", progress)).toBe("review");
    expect(allowedStep("identity", progress)).toBe("identity");
  });

  it("offers review once every form step is done, and nothing after it before registering", () => {
    const progress: WizardProgress = {
      ...fresh,
      accountType: "corporation",
      completed: ["account", "contact", "business", "owners"],
    };
    expect(currentStep(progress)).toBe("review");
    expect(allowedStep("verify", progress)).toBe("review");
    expect(allowedStep("done", progress)).toBe("review");
  });

  it("after registering, sends every form step to verification or status", () => {
    const verifying: WizardProgress = {
      accountType: "individual",
      completed: ["account", "contact", "identity"],
      registered: true,
      verificationPending: true,
    };
    expect(allowedStep("account", verifying)).toBe("verify");
    expect(allowedStep("review", verifying)).toBe("verify");
    expect(allowedStep("done", verifying)).toBe("done");
    const verified = { ...verifying, verificationPending: false };
    expect(allowedStep("verify", verified)).toBe("done");
    expect(currentStep(verified)).toBe("done");
  });
});
