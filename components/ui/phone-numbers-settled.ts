/**
 * Phone numbers typed before the phone number library arrived are kept as typed ("415 555 2671")
 * and stored as E.164 once it is there (components/ui/phone-field.tsx). A Continue pressed in
 * between must wait for that, or it would refuse a number that is fine. Its own module, so a form
 * without a phone field does not load the field to ask.
 */
const unsettled = new Set<Promise<void>>();

// Offline, the library never arrives: the form then validates the text as typed, which says why.
const GIVE_UP_AFTER_MS = 5_000;

/** Marks a number as waiting for the library; call the returned function once it is stored (or gone). */
export function holdPhoneNumber(): () => void {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  unsettled.add(held);
  return () => {
    unsettled.delete(held);
    release();
  };
}

/** Resolves once every number typed before the library arrived has been stored (or after a few seconds). */
export function phoneNumbersSettled(): Promise<void> {
  if (unsettled.size === 0) return Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, GIVE_UP_AFTER_MS)));
  return Promise.race([Promise.all([...unsettled]).then(() => undefined), giveUp]).finally(() => clearTimeout(timer));
}
