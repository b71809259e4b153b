import { seedDemo } from './seed';

describe('demo seed', () => {
  it('refuses to run when configured for production, before touching any database', async () => {
    // An unreachable URL: if the guard did not come first, this would fail differently.
    await expect(
      seedDemo('postgres://nobody@127.0.0.1:1/none', () => undefined, 'production'),
    ).rejects.toThrow(/Refusing to seed demo data: NODE_ENV is production/);
  });
});
