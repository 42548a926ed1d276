import { defineConfig } from "vite"
import { webConfig } from "./sandboxPlugin.js"

// `pnpm --filter web dev`: the page on http://127.0.0.1:5173 with a sandbox behind /v1.
export default defineConfig(webConfig({ server: { host: "127.0.0.1", port: 5173 } }))
