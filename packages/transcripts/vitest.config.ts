import { defineProject } from "vitest/config"
import { alias } from "../../vitest.shared.js"

export default defineProject({
  resolve: { alias },
  test: {
    name: "transcripts",
    include: ["test/**/*.test.ts"],
    // real sockets and a whole sandbox per test: generous on a loaded CI machine
    testTimeout: 30_000
  }
})
