/**
 * A sandbox, a fault proxy in front of it, and an `AgentPhone` client that counts every attempt it
 * sends (per operation, by an `x-op` header) — plus the figures the reliability suite prints.
 */
import { AgentPhone } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as FaultProxy from "./FaultProxy.js"

export const SandboxLive = (seed: number) => Layer.merge(Sandbox.layer({ seed }), NodeHttpClient.layerUndici)

export interface Harness {
  readonly ap: AgentPhone.Service
  /** The same client, not through the proxy (for setup and reads). */
  readonly direct: AgentPhone.Service
  readonly sandbox: Sandbox.Service
  readonly proxy: FaultProxy.FaultProxy
  /** Attempts sent for one operation label. */
  readonly attempts: (op: string) => number
  readonly totalAttempts: () => number
}

export const make = (options: {
  readonly retry?: Partial<AgentPhone.RetryPolicy> | false
  readonly timeout?: AgentPhone.Options["timeout"]
}) =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.Sandbox
    const url = new URL(sandbox.baseUrl)
    const proxy = yield* FaultProxy.make({ host: url.hostname, port: Number(url.port) })
    const counts = new Map<string, number>()
    let total = 0
    const http = HttpClient.tapRequest(
      yield* HttpClient.HttpClient,
      (request) =>
        Effect.sync(() => {
          total += 1
          const op = request.headers["x-op"] ?? "(none)"
          counts.set(op, (counts.get(op) ?? 0) + 1)
        })
    )
    const client = (baseUrl: string, tuned: boolean) =>
      AgentPhone.make({
        apiKey: sandbox.apiKey,
        baseUrl,
        ...(tuned ? { retry: options.retry, timeout: options.timeout } : {})
      }).pipe(Effect.provideService(HttpClient.HttpClient, http))
    const harness: Harness = {
      ap: yield* client(proxy.url, true),
      // default timeout and retries: setup must not trip on a loaded machine
      direct: yield* client(sandbox.baseUrl, false),
      sandbox,
      proxy,
      attempts: (op) => counts.get(op) ?? 0,
      totalAttempts: () => total
    }
    return harness
  })

/** Per-call options that label the attempts of one operation. */
export const op = (label: string, extra: AgentPhone.RequestOptions = {}): AgentPhone.RequestOptions => ({
  ...extra,
  headers: { ...extra.headers, "x-op": label }
})

/** Running totals, printed at the end of a file. */
export class Figures {
  attempted = 0
  succeeded = 0
  failed: Record<string, number> = {}
  duplicates = 0
  readonly extra: Record<string, number | string> = {}

  record<A, E extends { readonly _tag: string }>(exit: Exit.Exit<A, E>, attempts: number): void {
    this.attempted += attempts
    if (Exit.isSuccess(exit)) {
      this.succeeded += 1
      return
    }
    const failure = Cause.failureOption(exit.cause)
    const tag = Option.isSome(failure) ? failure.value._tag : "Defect"
    this.failed[tag] = (this.failed[tag] ?? 0) + 1
  }

  print(title: string): void {
    // Test output, recorded in docs/reliability.md.
    console.log(
      `\n[reliability] ${title}\n` + JSON.stringify(
        {
          attempted: this.attempted,
          succeeded: this.succeeded,
          failedByTag: this.failed,
          duplicates: this.duplicates,
          ...this.extra
        },
        null,
        2
      )
    )
  }
}

/** The error tag of a failed exit (or `"Success"`). */
export const tagOf = <A, E extends { readonly _tag: string }>(exit: Exit.Exit<A, E>): string => {
  if (Exit.isSuccess(exit)) return "Success"
  const failure = Cause.failureOption(exit.cause)
  return Option.isSome(failure) ? failure.value._tag : `Defect: ${Cause.pretty(exit.cause)}`
}
