/**
 * The state of a query, stream or mutation as a component sees it: `Initial` (nothing yet),
 * `Success` (a value) or `Failure` (a `Cause` that keeps the typed error), each with a `waiting`
 * flag that is `true` while work is in flight (first load, refresh, or a stream still open).
 *
 * In the spirit of effect-atom's `Result`, without its runtime.
 *
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 *
 * const label = (result: Result.Result<number, { readonly _tag: "NotFoundError" }>) =>
 *   Result.match(result, {
 *     onInitial: () => "loading…",
 *     onSuccess: (n) => `${n} calls`,
 *     onFailure: (error) => error._tag
 *   })
 * ```
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"

/**
 * Nothing has arrived yet; `waiting` is `true` while the first load runs.
 *
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 *
 * const showSpinner = (result: Result.Result<unknown, unknown>) => Result.isInitial(result) && result.waiting
 * ```
 *
 * @since 0.1.0
 */
export interface Initial {
  readonly _tag: "Initial"
  readonly waiting: boolean
}

/**
 * The latest value; `waiting` is `true` while a refresh runs or a stream is still open.
 *
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 *
 * // Keep showing the list during a refresh, dimmed.
 * const opacity = (result: Result.Result<ReadonlyArray<string>, unknown>) =>
 *   Result.isSuccess(result) && result.waiting ? 0.5 : 1
 * ```
 *
 * @since 0.1.0
 */
export interface Success<A> {
  readonly _tag: "Success"
  readonly value: A
  readonly waiting: boolean
}

/**
 * The work failed. `cause` keeps the typed error (`Result.error` reads it); `previous` is the
 * last value seen before the failure, if any.
 *
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * import { Cause, Option } from "effect"
 *
 * // The stale value stays on screen next to the error.
 * const describe = (result: Result.Failure<number, Error>) =>
 *   `${Cause.pretty(result.cause)} (last known: ${Option.getOrElse(result.previous, () => "none")})`
 * ```
 *
 * @since 0.1.0
 */
export interface Failure<A, E> {
  readonly _tag: "Failure"
  readonly cause: Cause.Cause<E>
  readonly previous: Option.Option<A>
  readonly waiting: boolean
}

/**
 * The state of a query, stream or mutation: `Initial`, `Success` or `Failure`, each with `waiting`.
 *
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * import { Option } from "effect"
 *
 * const text = (result: Result.Result<string, Error>): string => {
 *   switch (result._tag) {
 *     case "Initial":
 *       return "…"
 *     case "Success":
 *       return result.value
 *     case "Failure":
 *       return Option.match(Result.error(result), { onNone: () => "unexpected failure", onSome: (e) => e.message })
 *   }
 * }
 * ```
 *
 * @since 0.1.0
 */
export type Result<A, E = never> = Initial | Success<A> | Failure<A, E>

/**
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * const r = Result.initial(true)
 * ```
 */
export const initial = (waiting = false): Initial => ({ _tag: "Initial", waiting })

/**
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * const r = Result.success(42)
 * ```
 */
export const success = <A>(value: A, waiting = false): Success<A> => ({ _tag: "Success", value, waiting })

/**
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * import { Cause } from "effect"
 * const r = Result.failure(Cause.fail("boom"))
 * ```
 */
export const failure = <E, A = never>(
  cause: Cause.Cause<E>,
  options?: { readonly previous?: Option.Option<A> | undefined; readonly waiting?: boolean | undefined }
): Failure<A, E> => ({
  _tag: "Failure",
  cause,
  previous: options?.previous ?? Option.none(),
  waiting: options?.waiting ?? false
})

/**
 * Turn an `Exit` into a settled result, keeping `previous` from the result it replaces.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * import { Exit } from "effect"
 * const r = Result.fromExit(Exit.succeed(1))
 * ```
 */
export const fromExit = <A, E>(exit: Exit.Exit<A, E>, previous?: Result<A, E>): Result<A, E> =>
  Exit.isSuccess(exit)
    ? success(exit.value)
    : failure(exit.cause, { previous: previous === undefined ? Option.none() : value(previous) })

/**
 * The same result with its `waiting` flag set (the object is kept when it already matches, so
 * React sees no change).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * const refreshing = Result.setWaiting(Result.success(1), true)
 * ```
 */
export const setWaiting = <A, E>(self: Result<A, E>, waiting: boolean): Result<A, E> =>
  self.waiting === waiting ? self : { ...self, waiting }

/**
 * The latest value: a success's value, or the value a failure replaced.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * const v = Result.value(Result.success(1)) // Option.some(1)
 * ```
 */
export const value = <A, E>(self: Result<A, E>): Option.Option<A> =>
  self._tag === "Success" ? Option.some(self.value) : self._tag === "Failure" ? self.previous : Option.none()

/**
 * The typed error of a failure (`None` for success, initial, defects and interruptions).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * import { Cause } from "effect"
 * const e = Result.error(Result.failure(Cause.fail("boom"))) // Option.some("boom")
 * ```
 */
export const error = <A, E>(self: Result<A, E>): Option.Option<E> =>
  self._tag === "Failure" ? Cause.failureOption(self.cause) : Option.none()

/**
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * Result.isInitial(Result.initial()) // true
 * ```
 */
export const isInitial = <A, E>(self: Result<A, E>): self is Initial => self._tag === "Initial"

/**
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * Result.isSuccess(Result.success(1)) // true
 * ```
 */
export const isSuccess = <A, E>(self: Result<A, E>): self is Success<A> => self._tag === "Success"

/**
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * import { Cause } from "effect"
 * Result.isFailure(Result.failure(Cause.fail("x"))) // true
 * ```
 */
export const isFailure = <A, E>(self: Result<A, E>): self is Failure<A, E> => self._tag === "Failure"

/**
 * Fold a result. `onFailure` gets the typed error when there is one; `onDefect` (default: a
 * readable rendering of the cause) handles defects and interruptions.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 * const text = Result.match(Result.success(3), {
 *   onInitial: () => "…",
 *   onSuccess: (n) => String(n),
 *   onFailure: (e: string) => e
 * })
 * ```
 */
export const match = <A, E, B, C = B, D = B, F = string>(
  self: Result<A, E>,
  cases: {
    readonly onInitial: (waiting: boolean) => B
    readonly onSuccess: (value: A, waiting: boolean) => C
    readonly onFailure: (error: E, failure: Failure<A, E>) => D
    readonly onDefect?: ((cause: Cause.Cause<E>, failure: Failure<A, E>) => F) | undefined
  }
): B | C | D | F => {
  switch (self._tag) {
    case "Initial":
      return cases.onInitial(self.waiting)
    case "Success":
      return cases.onSuccess(self.value, self.waiting)
    case "Failure": {
      const e = Cause.failureOption(self.cause)
      if (Option.isSome(e)) return cases.onFailure(e.value, self)
      return cases.onDefect === undefined ? Cause.pretty(self.cause) as F : cases.onDefect(self.cause, self)
    }
  }
}
