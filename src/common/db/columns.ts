import { ValueTransformer } from 'typeorm';

/** bigint grosz in PostgreSQL ↔ a safe-integer number in TypeScript (amounts never reach 2^53). */
export const groszTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
