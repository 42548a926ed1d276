/**
 * The terminal narration of the example app: numbered steps, results, a spinner line while a
 * call is live, colours only on a TTY, and one readable line (plus what to do) per failure.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"

/**
 * One thing the narrator printed, kept by `layerMemory` so tests can assert on it.
 *
 * @since 0.1.0
 */
export interface Line {
  readonly kind: "title" | "step" | "ok" | "detail" | "turn" | "note" | "fail"
  readonly text: string
}

/**
 * What the narrator offers the scenario.
 *
 * @since 0.1.0
 */
export interface Service {
  /** The banner at the top of a run. */
  readonly title: (text: string, subtitle: string) => Effect.Effect<void>
  /** A numbered step heading. */
  readonly step: (index: number, total: number, text: string) => Effect.Effect<void>
  /** A result of the current step. */
  readonly ok: (text: string) => Effect.Effect<void>
  /** A secondary, dimmed line. */
  readonly detail: (text: string) => Effect.Effect<void>
  /** One transcript turn, printed as it arrives. */
  readonly turn: (role: string, text: string) => Effect.Effect<void>
  /** A remark that is neither a result nor a failure. */
  readonly note: (text: string) => Effect.Effect<void>
  /** A failure in one line, then what to do about it. */
  readonly fail: (what: string, hint: string) => Effect.Effect<void>
  /** Show a spinner with `label` while `effect` runs (a plain line when not on a TTY). */
  readonly spin: <A, E, R>(label: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * The narrator service.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Narrator } from "./Narrator.js"
 *
 * const program = Effect.flatMap(Narrator, (n) => n.ok("agent created"))
 * program.pipe(Effect.provide(Narrator.layerMemory))
 * ```
 *
 * @since 0.1.0
 */
export class Narrator extends Context.Tag("@agentphone-effect/example/Narrator")<Narrator, Service>() {
  /** @since 0.1.0 */
  static readonly layerTerminal = (options?: { readonly color?: boolean | undefined }) =>
    Layer.effect(Narrator, makeTerminal(options?.color ?? colorByDefault()))
  /** Keeps every line in memory (read them with `lines`) and prints nothing: for tests. */
  static readonly layerMemory: Layer.Layer<Narrator | Printed> = Layer.effectContext(
    Effect.map(
      Ref.make<ReadonlyArray<Line>>([]),
      (ref) => Context.make(Narrator, makeMemory(ref)).pipe(Context.add(Printed, ref))
    )
  )
}

/**
 * The lines a `Narrator.layerMemory` narrator has kept.
 *
 * @since 0.1.0
 */
export class Printed extends Context.Tag("@agentphone-effect/example/Narrator/Printed")<
  Printed,
  Ref.Ref<ReadonlyArray<Line>>
>() {}

/**
 * Whether colours are on by default: stdout is a TTY and `NO_COLOR` is unset (or `FORCE_COLOR` is set).
 *
 * @since 0.1.0
 */
export const colorByDefault = (): boolean => {
  const env = process.env
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false
  return process.stdout.isTTY === true && env.TERM !== "dumb"
}

/**
 * Every line a `Narrator.layerMemory` narrator has kept so far.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Narrator from "./Narrator.js"
 *
 * const printed = Narrator.lines.pipe(Effect.provide(Narrator.Narrator.layerMemory))
 * ```
 *
 * @since 0.1.0
 */
export const lines: Effect.Effect<ReadonlyArray<Line>, never, Printed> = Effect.flatMap(Printed, Ref.get)

const makeMemory = (ref: Ref.Ref<ReadonlyArray<Line>>): Service => {
  const push = (kind: Line["kind"], text: string) => Ref.update(ref, (ls) => [...ls, { kind, text }])
  return {
    title: (text, subtitle) => push("title", `${text} ${subtitle}`),
    step: (index, total, text) => push("step", `${index}/${total} ${text}`),
    ok: (text) => push("ok", text),
    detail: (text) => push("detail", text),
    turn: (role, text) => push("turn", `${role}: ${text}`),
    note: (text) => push("note", text),
    fail: (what, hint) => push("fail", `${what} (${hint})`),
    spin: (label, effect) => Effect.zipRight(push("note", label), effect)
  }
}

const ansi = (color: boolean) => (code: string) => (s: string) => color ? `\x1b[${code}m${s}\x1b[0m` : s

const spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

const makeTerminal = (color: boolean) =>
  Effect.gen(function*() {
    const paint = ansi(color)
    const bold = paint("1")
    const dim = paint("2")
    const green = paint("32")
    const red = paint("31")
    const cyan = paint("36")
    const magenta = paint("35")
    const yellow = paint("33")
    const isTty = color && process.stdout.isTTY === true
    // The spinner owns the last line of the terminal while it runs: every other write clears it first.
    const spinnerLine = yield* Ref.make<string | undefined>(undefined)
    const write = (text: string) =>
      Effect.flatMap(Ref.get(spinnerLine), (spinning) =>
        Effect.sync(() => {
          process.stdout.write(`${spinning !== undefined ? "\r\x1b[2K" : ""}${text}\n`)
        }))
    const service: Service = {
      title: (text, subtitle) => write(`\n${bold(text)} ${dim(subtitle)}\n`),
      step: (index, total, text) => write(`${cyan(bold(`${index}/${total}`))} ${bold(text)}`),
      ok: (text) => write(`  ${green("✓")} ${text}`),
      detail: (text) => write(`    ${dim(text)}`),
      turn: (role, text) =>
        write(`  ${role === "agent" ? magenta(role.padStart(6)) : yellow(role.padStart(6))} ${dim("│")} ${text}`),
      note: (text) => write(`  ${dim("·")} ${text}`),
      fail: (what, hint) => write(`  ${red("✗")} ${what}\n    ${dim("→")} ${hint}`),
      spin: (label, effect) =>
        isTty
          ? Effect.gen(function*() {
            yield* Ref.set(spinnerLine, label)
            let frame = 0
            const draw = Effect.sync(() => {
              process.stdout.write(`\r\x1b[2K  ${cyan(spinnerFrames[frame++ % spinnerFrames.length])} ${dim(label)}`)
            })
            const fiber = yield* Effect.fork(Effect.repeat(draw, Schedule.spaced("80 millis")))
            return yield* effect.pipe(
              Effect.ensuring(
                Effect.zipRight(
                  Fiber.interrupt(fiber),
                  Effect.zipRight(
                    Ref.set(spinnerLine, undefined),
                    Effect.sync(() => process.stdout.write("\r\x1b[2K"))
                  )
                )
              )
            )
          })
          : Effect.zipRight(write(`  ${dim("…")} ${label}`), effect)
    }
    return service
  })
