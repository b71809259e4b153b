import { safeReturn } from './safe-return';

describe('the address a sign-in returns to', () => {
  it('keeps a path of this site', () => {
    expect(safeReturn('/udzialy/5?x=1')).toBe('/udzialy/5?x=1');
  });

  it('refuses other sites, header tricks and the sign-in page itself', () => {
    expect(safeReturn('https://evil.example/')).toBe('/zadania');
    expect(safeReturn('//evil.example/')).toBe('/zadania');
    expect(safeReturn('/\\evil.example')).toBe('/zadania');
    expect(safeReturn('/a\r\nSet-Cookie: x')).toBe('/zadania');
    expect(safeReturn('/logowanie')).toBe('/zadania');
    expect(safeReturn(undefined)).toBe('/zadania');
  });
});
