/**
 * What a load run leaves behind: every TCP socket opened while a scope is open (client and server
 * side, seen through `node:diagnostics_channel`), the process's open handles
 * (`process.getActiveResourcesInfo()`), and the heap after a real GC.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as diagnostics from "node:diagnostics_channel"
import type * as net from "node:net"
import * as v8 from "node:v8"
import * as vm from "node:vm"

/**
 * A real `gc`, whether or not the worker was started with `--expose-gc`: vitest applies a
 * project's `poolOptions.execArgv` only from the root config, so the flag is enabled at run time
 * and `gc` taken from a fresh context (V8 reads the flag when a context is created).
 */
export const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (typeof exposed === "function") return exposed
  v8.setFlagsFromString("--expose-gc")
  const fresh = vm.runInNewContext("gc") as unknown
  if (typeof fresh !== "function") throw new Error("could not obtain gc (--expose-gc)")
  return fresh as () => void
})()

/** Heap in use, in MB, without collecting. */
export const heapMb = (): number => process.memoryUsage().heapUsed / 2 ** 20

/** Heap in use, in MB, after two full collections. */
export const collectedHeapMb = (): number => {
  gc()
  gc()
  return heapMb()
}

/** Open handles by type (`TCPSocketWrap`, `TCPServerWrap`, `Timeout`, `PipeWrap`, …). */
export const handles = (): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

export const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0)

export const tcp = (counts: Record<string, number>): number => (counts.TCPSocketWrap ?? 0) + (counts.TCPServerWrap ?? 0)

export interface SocketTracker {
  /** Sockets opened so far (client and server side). */
  readonly opened: () => number
  /** Sockets not destroyed: after everything was closed, these leaked. */
  readonly open: () => number
  /** Wait until every destroyed socket has released its handle (its `close` event). */
  readonly settled: Effect.Effect<void>
}

const channels = ["net.client.socket", "net.server.socket"] as const

/**
 * Track every TCP socket created while the scope is open. A destroyed socket releases its handle
 * one event-loop turn later; `settled` waits for exactly that (the `close` event), so handle
 * counts taken afterwards are exact, without sleeping.
 */
export const trackSockets: Effect.Effect<SocketTracker, never, Scope.Scope> = Effect.map(
  Effect.acquireRelease(
    Effect.sync(() => {
      const sockets = new Set<net.Socket>()
      const onSocket = (message: unknown) => {
        const socket = (message as { readonly socket: net.Socket }).socket
        sockets.add(socket)
        // `socket.closed` turns true on destroy, before the handle is released; the `close`
        // event is emitted once it is (net sockets emit it from the handle's close callback)
        socket.once("close", () => released.add(socket))
      }
      const released = new WeakSet<net.Socket>()
      for (const name of channels) diagnostics.subscribe(name, onSocket)
      return { sockets, released, onSocket }
    }),
    ({ onSocket }) =>
      Effect.sync(() => {
        for (const name of channels) diagnostics.unsubscribe(name, onSocket)
      })
  ),
  ({ released, sockets }): SocketTracker => ({
    opened: () => sockets.size,
    open: () => Array.from(sockets).filter((s) => !s.destroyed).length,
    settled: Effect.suspend(() =>
      Effect.forEach(
        Array.from(sockets).filter((s) => s.destroyed && !released.has(s)),
        (socket) =>
          Effect.async<void>((resume) => {
            if (released.has(socket)) return resume(Effect.void)
            const done = () => resume(Effect.void)
            socket.once("close", done)
            return Effect.sync(() => socket.off("close", done))
          }),
        { discard: true }
      )
    )
  })
)
