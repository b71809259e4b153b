/** A same-site path to return to after sign-in or a form; anything else becomes `fallback`. */
export function safeReturn(value: unknown, fallback = '/zadania'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\r\n]/.test(value) || value.startsWith('/logowanie') || value.startsWith('/wyloguj'))
    return fallback;
  return value;
}
