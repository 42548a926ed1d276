import { defineProject } from "vitest/config"
import { alias } from "../../vitest.shared.js"

export default defineProject({
  resolve: { alias },
  test: {
    name: "reliability",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // Load.test.ts measures the heap after a forced GC
    poolOptions: { forks: { execArgv: ["--expose-gc"] } }
  }
})
