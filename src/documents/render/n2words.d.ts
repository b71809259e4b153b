/**
 * n2words 4 publishes per-language entry points through package "exports" only, which the
 * project's `moduleResolution: node` cannot see; this declares the one we use.
 */
declare module 'n2words/pl-PL' {
  export function toCardinal(
    value: number | string | bigint,
    options?: { gender?: 'masculine' | 'feminine' },
  ): string;
  export function toCurrency(value: number | string | bigint): string;
}
