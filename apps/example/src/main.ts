/**
 * The edge of the example app: parse the command line, run, and turn the outcome into an exit
 * code. The only `runMain` of the program.
 *
 * @since 0.1.0
 */
import * as CliConfig from "@effect/cli/CliConfig"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as App from "./App.js"
import * as Cli from "./Cli.js"
import { colorByDefault, Narrator } from "./Narrator.js"

const color = colorByDefault()

// `@effect/cli` colours its help and errors unconditionally: strip the escapes when not on a TTY.
const stripAnsi = (value: unknown) => typeof value === "string" ? value.replace(/\x1b\[[0-9;]*m/g, "") : value // eslint-disable-line no-control-regex
const plainConsole = Effect.map(Effect.console, (console): Console.Console => ({
  ...console,
  log: (...args) => console.log(...args.map(stripAnsi)),
  error: (...args) => console.error(...args.map(stripAnsi))
}))

const exitWith = (code: number) =>
  Effect.sync(() => {
    process.exitCode = code
  })

const main = Cli.run(App.run)(process.argv).pipe(
  Effect.catchTag("Reported", () => exitWith(1)),
  Effect.catchIf(ValidationError.isValidationError, (error) =>
    // --help and --version are "errors" that already printed what was asked.
    ValidationError.isHelpRequested(error)
      ? Effect.void
      : Effect.zipRight(Console.error("Run with --help to see the steps and flags."), exitWith(2))),
  (effect) => color ? effect : Effect.flatMap(plainConsole, (console) => Effect.withConsole(effect, console)),
  Effect.provide(Layer.mergeAll(
    NodeContext.layer,
    CliConfig.layer({ showBuiltIns: false }),
    Narrator.layerTerminal({ color })
  ))
)

NodeRuntime.runMain(main)
