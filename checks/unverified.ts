/**
 * A contract type as a target may have answered it: every field may be missing, and no value's type is known
 * until a check narrows it (objects keep their field names, everything else is unknown). Checks read what a target
 * sent through this, so a malformed answer is a finding, never a crash.
 */
export type Unverified<T> = T extends readonly unknown[]
  ? unknown
  : T extends object
    ? { readonly [K in keyof T]?: Unverified<Exclude<T[K], undefined>> }
    : unknown;
