"use client";

import { useEffect, useState } from "react";
import { loadPhoneNumbers, type PhoneNumbers } from "@/components/ui/phone-number";

/**
 * libphonenumber-js once `wanted` has been true (a number to show, or the user at the phone field),
 * undefined before it arrives. Never during the first render, so the server's HTML and the
 * hydrating browser agree.
 */
export function usePhoneNumbers(wanted: boolean): PhoneNumbers | undefined {
  const [phoneNumbers, setPhoneNumbers] = useState<PhoneNumbers>();
  useEffect(() => {
    if (!wanted || phoneNumbers) return;
    let current = true;
    loadPhoneNumbers().then(
      (loaded) => {
        if (current) setPhoneNumbers(loaded);
      },
      // Offline: the field keeps the text as typed, which validation then refuses.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [wanted, phoneNumbers]);
  return phoneNumbers;
}
