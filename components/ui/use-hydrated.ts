import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and during hydration, true afterwards. For text the server cannot render
 * like the browser: country names come from each side's own ICU data, which differ
 * ("Falkland Islands (Islas Malvinas)" in Node, "Falkland Islands" in Chromium).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
