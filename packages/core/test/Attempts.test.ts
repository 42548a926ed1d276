import { assert, describe, it } from "@effect/vitest"
import { Cause, Context, Deferred, Duration, Effect, Exit, Fiber, FiberRef, Option, TestClock } from "effect"
import * as Attempts from "../src/internal/attempts.js"
import * as TestTracer from "./utils/TestTracer.js"

// The attempts of one call take one of two paths: under Effect's live clock the first attempt runs
// on a fiber started directly with a host timer as its deadline (`it.live`); under any other clock
// each attempt is Effect's own `timeoutFail`, in the same retry loop (`it.effect`, TestClock). Every case runs on
// both paths and must give the same outcome.

class Marker extends Context.Tag("test/Marker")<Marker, string>() {}
const Level = FiberRef.unsafeMake(0)

type Err = { readonly _tag: "Boom" | "Timeout" | "Fatal"; readonly n: number }

/** Run `self` to its exit: as it is (live), or driving the TestClock until it is done. */
const settle = <A, E>(self: Effect.Effect<A, E>, live: boolean): Effect.Effect<Exit.Exit<A, E>> =>
  live ? Effect.exit(self) : Effect.gen(function*() {
    const fiber = yield* Effect.fork(self)
    for (;;) {
      const exit = yield* Fiber.poll(fiber)
      if (Option.isSome(exit)) return exit.value
      yield* TestClock.adjust("5 millis")
    }
  })

/** A call's options: the attempt fails with `Boom` `failures` times, then succeeds with its number. */
const counting = (failures: number, over: Partial<Attempts.Options<number, Err>> = {}) => {
  let calls = 0
  const attempt = Effect.suspend((): Effect.Effect<number, Err> => {
    calls++
    return calls <= failures ? Effect.fail({ _tag: "Boom", n: calls }) : Effect.succeed(calls)
  })
  const options: Attempts.Options<number, Err> = {
    attempt,
    timeout: Duration.seconds(1),
    onTimeout: () => ({ _tag: "Timeout", n: calls }),
    locals: [],
    retry: (error, retry) => error._tag !== "Fatal" && retry <= 3 ? Effect.void : undefined,
    span: undefined,
    ...over
  }
  return { options, calls: () => calls }
}

const withSpan = <A, E>(f: (span: Attempts.Options<A, E>["span"]) => Effect.Effect<A, E>) => {
  const { spans, tracer } = TestTracer.recording()
  return {
    spans,
    run: Effect.flatMap(Effect.makeSpan("call"), (span) => f(span)).pipe(Effect.withTracer(tracer))
  }
}

for (const [path, live] of [["fast path (live clock)", true], ["composed path (TestClock)", false]] as const) {
  const test = live ? it.live : it.effect
  describe(`internal Attempts, ${path}`, () => {
    test("a first attempt's success is the result; the span ends as a success, without the value", () =>
      Effect.gen(function*() {
        const { calls, options } = counting(0)
        const { run, spans } = withSpan((span) => Attempts.run({ ...options, timeout: Duration.seconds(1), span }))
        const exit = yield* settle(run, live)
        assert.deepStrictEqual(exit, Exit.succeed(1))
        assert.strictEqual(calls(), 1)
        assert.deepStrictEqual(spans[0].exit, Exit.void)
      }))

    test("failures retry goes on from are retried; the span ends once, with the last exit (a success without its value)", () =>
      Effect.gen(function*() {
        const { calls, options } = counting(2)
        const { run, spans } = withSpan((span) => Attempts.run({ ...options, timeout: Duration.seconds(1), span }))
        const exit = yield* settle(run, live)
        assert.deepStrictEqual(exit, Exit.succeed(3))
        assert.strictEqual(calls(), 3)
        assert.strictEqual(spans.length, 1)
        assert.deepStrictEqual(spans[0].exit, Exit.void)
      }))

    test("retries stop where retry says so: the last failure is the call's", () =>
      Effect.gen(function*() {
        const { calls, options } = counting(10)
        const { run, spans } = withSpan((span) => Attempts.run({ ...options, timeout: Duration.seconds(1), span }))
        const exit = yield* settle(run, live)
        assert.deepStrictEqual(exit, Exit.fail({ _tag: "Boom", n: 4 }))
        assert.strictEqual(calls(), 4)
        assert.deepStrictEqual(spans[0].exit, Exit.fail({ _tag: "Boom", n: 4 }))
      }))

    test("no retry: the first failure is the call's; a defect is never retried", () =>
      Effect.gen(function*() {
        const once = counting(5, { retry: undefined })
        const failed = yield* settle(Attempts.run({ ...once.options, timeout: Duration.seconds(1) }), live)
        assert.deepStrictEqual(failed, Exit.fail({ _tag: "Boom", n: 1 }))
        assert.strictEqual(once.calls(), 1)

        let calls = 0
        const dying = counting(0, {
          attempt: Effect.suspend(() => {
            calls++
            return Effect.die("bug")
          })
        })
        const { run, spans } = withSpan((span) =>
          Attempts.run({ ...dying.options, timeout: Duration.seconds(1), span })
        )
        const died = yield* settle(run, live)
        assert.isTrue(Exit.isFailure(died) && Cause.isDie(died.cause))
        assert.strictEqual(calls, 1)
        assert.isTrue(spans[0].exit !== undefined && Exit.isFailure(spans[0].exit))
      }))

    test("an attempt past its deadline is interrupted and fails with onTimeout; a retry follows", () =>
      Effect.gen(function*() {
        const interrupted = yield* Deferred.make<void>()
        let calls = 0
        const { options } = counting(0, {
          attempt: Effect.suspend(() => {
            calls++
            return calls === 1
              ? Effect.onInterrupt(Effect.never, () => Deferred.succeed(interrupted, void 0))
              : Effect.succeed(calls)
          })
        })
        const timeout = Duration.millis(20)
        const retried = yield* settle(Attempts.run({ ...options, timeout }), live)
        assert.deepStrictEqual(retried, Exit.succeed(2))
        yield* Deferred.await(interrupted)

        const hanging = counting(0, { attempt: Effect.never, retry: undefined })
        const timedOut = yield* settle(Attempts.run({ ...hanging.options, timeout }), live)
        assert.deepStrictEqual(timedOut, Exit.fail({ _tag: "Timeout", n: 0 }))
      }))

    test("with no deadline, attempts run with their locals and are retried, under either clock", () =>
      Effect.gen(function*() {
        const ref = FiberRef.unsafeMake(0)
        let calls = 0
        const seen: Array<number> = []
        const { options } = counting(0, {
          timeout: Duration.infinity,
          locals: [Attempts.local(ref, (n) => n + 7)],
          attempt: Effect.flatMap(FiberRef.get(ref), (value): Effect.Effect<number, Err> => {
            seen.push(value)
            calls++
            return calls <= 2 ? Effect.fail({ _tag: "Boom", n: calls }) : Effect.succeed(calls)
          }),
          retry: (_, retry) => retry <= 3 ? Effect.void : undefined
        })
        const exit = yield* settle(Attempts.run(options), live)
        assert.deepStrictEqual(exit, Exit.succeed(3))
        assert.deepStrictEqual(seen, [7, 7, 7])
        assert.strictEqual(yield* FiberRef.get(ref), 0)
      }))

    test("interrupting the caller interrupts the attempt, waits for it to stop, and ends the span", () =>
      Effect.gen(function*() {
        const started = yield* Deferred.make<void>()
        let stopped = false
        const { options } = counting(0, {
          attempt: Effect.zipRight(
            Deferred.succeed(started, void 0),
            Effect.onInterrupt(Effect.never, () => Effect.sync(() => stopped = true))
          )
        })
        const { run, spans } = withSpan((span) => Attempts.run({ ...options, timeout: Duration.minutes(1), span }))
        const fiber = yield* Effect.fork(run)
        yield* Deferred.await(started)
        const exit = yield* Fiber.interrupt(fiber)
        assert.isTrue(Exit.isInterrupted(exit))
        assert.isTrue(stopped)
        assert.isTrue(spans[0].exit !== undefined && Exit.isInterrupted(spans[0].exit))
      }))

    test("interrupting the caller while it waits before a retry ends the span; no attempt follows", () =>
      Effect.gen(function*() {
        const waiting = yield* Deferred.make<void>()
        const { calls, options } = counting(5, {
          retry: () => Effect.zipRight(Deferred.succeed(waiting, void 0), Effect.never)
        })
        const { run, spans } = withSpan((span) => Attempts.run({ ...options, timeout: Duration.minutes(1), span }))
        const fiber = yield* Effect.fork(run)
        yield* Deferred.await(waiting)
        const exit = yield* Fiber.interrupt(fiber)
        assert.isTrue(Exit.isInterrupted(exit))
        assert.strictEqual(calls(), 1)
        assert.isTrue(spans[0].exit !== undefined && Exit.isInterrupted(spans[0].exit))
      }))

    test("attempts run with the locals and the caller's context and fiber refs; the caller's are unchanged", () =>
      Effect.gen(function*() {
        const seen: Array<readonly [string, number, string]> = []
        const { options } = counting(0, {
          attempt: Effect.gen(function*() {
            const marker = yield* Effect.serviceOption(Marker)
            const level = yield* FiberRef.get(Level)
            const caller = yield* Effect.serviceOption(CallerTag)
            seen.push([Option.getOrElse(marker, () => "none"), level, Option.getOrElse(caller, () => "none")])
            return seen.length
          }),
          locals: [
            Attempts.local(FiberRef.currentContext, (context) => Context.add(context, Marker, "local")),
            Attempts.local(Level, (n) => n + 1)
          ]
        })
        const exit = yield* settle(
          Attempts.run({ ...options, timeout: Duration.seconds(1) }).pipe(
            Effect.provideService(Marker, "caller"),
            Effect.provideService(CallerTag, "mine"),
            Effect.locally(Level, 41)
          ),
          live
        )
        assert.deepStrictEqual(exit, Exit.succeed(1))
        assert.deepStrictEqual(seen, [["local", 42, "mine"]])
        assert.strictEqual(yield* FiberRef.get(Level), 0)
        assert.isTrue(Option.isNone(yield* Effect.serviceOption(Marker)))
      }))
  })
}

class CallerTag extends Context.Tag("test/Caller")<CallerTag, string>() {}
