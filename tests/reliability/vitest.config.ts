import { defineProject } from "vitest/config"
import { alias } from "../../vitest.shared.js"

export default defineProject({
  resolve: { alias },
  test: {
    name: "reliability",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000
    // no `poolOptions.execArgv` here: vitest applies it only from the root config; the heap
    // measurements enable `gc` at run time (test/utils/Resources.ts)
  }
})
