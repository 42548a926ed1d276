import { defineConfig } from "vitest/config"

// Not part of the root `vitest.config.ts` projects: these checks need `pnpm build` and the npm
// registry, so `pnpm test` stays fast. Run with `pnpm run check:publish`.
export default defineConfig({
  test: {
    name: "publish",
    include: ["scripts/publish/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    fileParallelism: true
  }
})
