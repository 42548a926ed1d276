#!/usr/bin/env node
// Runs the example app from its TypeScript sources: no build step, so `pnpm start` works right
// after `pnpm install`. tsx compiles on the fly; the `@agentphone-effect/source` export condition
// makes the workspace packages resolve to their sources too.
import { register } from "node:module"

register("./source-condition.mjs", import.meta.url)
const { register: registerTsx } = await import("tsx/esm/api")
registerTsx()
await import("../src/main.ts")
