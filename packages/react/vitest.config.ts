import { defineProject } from "vitest/config"
import { alias } from "../../vitest.shared.js"

export default defineProject({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    name: "react",
    include: ["test/**/*.test.{ts,tsx}"]
  }
})
