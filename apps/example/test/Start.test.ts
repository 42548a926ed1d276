import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Command from "@effect/platform/Command"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")

// `pnpm start` as the README's first command runs it (the install half has already happened).
// Under `pnpm run …` pnpm sets npm_execpath to itself; elsewhere `pnpm` must be on PATH.
const execPath = process.env.npm_execpath
const pnpm = execPath !== undefined && /pnpm/.test(execPath) && execPath.endsWith(".cjs")
  ? Command.make(process.execPath, execPath, "start")
  : Command.make("pnpm", "start")

const collect = (stream: Stream.Stream<Uint8Array, unknown>) =>
  stream.pipe(Stream.decodeText(), Stream.mkString, Effect.orDie)

describe("the README's first command", () => {
  it.live("`pnpm start` runs the whole scenario against the sandbox and exits 0", () =>
    Effect.gen(function*() {
      const process = yield* pnpm.pipe(
        Command.workingDirectory(root),
        // No key: the embedded sandbox. Not a TTY: no colours, no spinner frames.
        Command.env({ AGENTPHONE_API_KEY: "", NO_COLOR: "1", FORCE_COLOR: "" }),
        Command.start
      )
      const [stdout, stderr, exitCode] = yield* Effect.all(
        [collect(process.stdout), collect(process.stderr), process.exitCode],
        { concurrency: "unbounded" }
      )
      assert.strictEqual(exitCode, 0, `stdout:\n${stdout}\nstderr:\n${stderr}`)
      assert.include(stdout, "local sandbox")
      assert.include(stdout, "agent.call_ended")
      assert.include(stdout, "Done.")
      assert.notInclude(stdout, "\x1b[", "no colour escapes when stdout is not a TTY")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), { timeout: 120_000 })
})
