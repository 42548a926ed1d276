import { defineProject } from "vitest/config"
import { alias } from "../../vitest.shared.js"

export default defineProject({
  resolve: { alias },
  test: {
    name: "web",
    environment: "node",
    include: ["test/**/*.test.ts"],
    // A real Chromium and a Vite dev server: allow for cold starts (dependency pre-bundling).
    testTimeout: 180_000,
    hookTimeout: 60_000
  }
})
