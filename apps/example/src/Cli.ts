/**
 * The command line of the example app (`--only <step>`, `--call-id <id>`, `--help`), built with
 * `@effect/cli`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Steps from "./Steps.js"

/**
 * The parsed flags.
 *
 * @since 0.1.0
 */
export interface Flags {
  readonly only: Option.Option<Steps.Step>
  readonly callId: Option.Option<string>
}

const only = Options.choice("only", Steps.names).pipe(
  Options.withDescription(
    `Run one step (and, briefly, the steps it needs): ${
      Steps.names.map((s) => `${s} (${Steps.titles[s]})`).join("; ")
    }.`
  ),
  Options.optional
)

const callId = Options.text("call-id").pipe(
  Options.withDescription(
    "Follow the live transcript of an existing call and exit when it ends (with AGENTPHONE_API_KEY: a real call)."
  ),
  Options.optional
)

/**
 * The root command; `handler` runs the app with the parsed flags.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Cli from "./Cli.js"
 *
 * const command = Cli.make((flags) => Effect.log(flags))
 * ```
 *
 * @since 0.1.0
 */
export const make = <E, R>(handler: (flags: Flags) => Effect.Effect<void, E, R>) =>
  Command.make("agentphone-example", { only, callId }, handler).pipe(
    Command.withDescription(HelpDoc.p(
      "Runs the AgentPhone SDK end to end: against the embedded local sandbox (no account, no network), " +
        "or against the real API when AGENTPHONE_API_KEY is set (read-only steps and --call-id only)."
    ))
  )

/**
 * Run the command over `argv` (as `process.argv`).
 *
 * @since 0.1.0
 */
export const run = <E, R>(handler: (flags: Flags) => Effect.Effect<void, E, R>) =>
  Command.run(make(handler), { name: "agentphone-example", version: "0.1.0" })
