"use client";

import dynamic from "next/dynamic";

// The step page renders one step, but every client component its server code imports is shipped
// with it: imported from here, each form step is a chunk of its own, loaded only where it is shown
// (and still rendered on the server).
export const AccountStep = dynamic(() => import("./account-step").then((step) => step.AccountStep));
export const ContactStep = dynamic(() => import("./contact-step").then((step) => step.ContactStep));
export const IdentityStep = dynamic(() => import("./identity-step").then((step) => step.IdentityStep));
export const BusinessStep = dynamic(() => import("./business-step").then((step) => step.BusinessStep));
export const OwnersStep = dynamic(() => import("./owners-step").then((step) => step.OwnersStep));
