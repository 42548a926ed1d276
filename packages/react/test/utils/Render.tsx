import { AgentPhone } from "@agentphone-effect/core"
import { AgentPhoneProvider } from "@agentphone-effect/react"
import { FetchHttpClient } from "@effect/platform"
import { cleanup, render, type RenderResult, screen } from "@testing-library/react"
import { Effect, Layer, ManagedRuntime, Redacted, type Scope } from "effect"
import * as React from "react"

/** The client the tests use: pointed at a local server, no retries. */
export const apLayer = (url: string) =>
  AgentPhone.layer({ apiKey: Redacted.make("sk_test"), baseUrl: url, retry: false }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

/**
 * Render under StrictMode with a runtime the test owns (built before the first render, so hook
 * fibers start at once and a double start would be seen); unmounted and disposed with the scope.
 */
export const renderWith = (
  url: string,
  ui: React.ReactNode
): Effect.Effect<
  { readonly runtime: ManagedRuntime.ManagedRuntime<AgentPhone.AgentPhone, never>; readonly view: RenderResult },
  never,
  Scope.Scope
> =>
  Effect.acquireRelease(
    Effect.gen(function*() {
      const runtime = ManagedRuntime.make(apLayer(url))
      yield* Effect.promise(() => runtime.runtime())
      const view = render(
        <React.StrictMode>
          <AgentPhoneProvider runtime={runtime}>{ui}</AgentPhoneProvider>
        </React.StrictMode>
      )
      return { runtime, view }
    }),
    ({ runtime }) => Effect.promise(() => runtime.dispose()).pipe(Effect.zipRight(Effect.sync(cleanup)))
  )

/** Wait for text to appear (testing-library watches the DOM for it). */
export const find = (text: string | RegExp): Effect.Effect<HTMLElement> => Effect.promise(() => screen.findByText(text))
