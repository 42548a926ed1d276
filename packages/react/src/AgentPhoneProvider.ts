/**
 * The provider that gives a React tree one runtime holding the `AgentPhone` service, and the
 * hook that reads it.
 *
 * Pass either a `runtime` the app owns (the provider never disposes it) or a `layer` (the
 * provider builds one `ManagedRuntime` from it, once, and disposes it when the provider really
 * unmounts; StrictMode's mount → unmount → mount keeps the same runtime alive).
 *
 * @example
 * ```tsx
 * import { AgentPhoneProvider } from "@agentphone-effect/react"
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 *
 * const AgentPhoneLive = AgentPhone.layer({ apiKey: Redacted.make("sk_...") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * export const App = () => <AgentPhoneProvider layer={AgentPhoneLive}>…</AgentPhoneProvider>
 * ```
 *
 * @since 0.1.0
 */
import type * as AgentPhone from "@agentphone-effect/core/AgentPhone"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as React from "react"
import * as Store from "./Store.js"

/**
 * Props of `AgentPhoneProvider`: exactly one of `runtime` (the app owns and disposes it, e.g. to
 * share it with non-React code) and `layer` (the provider builds it and disposes it on unmount).
 *
 * @example
 * ```tsx
 * import { AgentPhoneProvider, type AgentPhoneProviderProps } from "@agentphone-effect/react"
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 *
 * const props: AgentPhoneProviderProps = {
 *   layer: AgentPhone.layer({ apiKey: Redacted.make("sk_...") }).pipe(Layer.provide(FetchHttpClient.layer))
 * }
 * export const App = () => <AgentPhoneProvider {...props}>…</AgentPhoneProvider>
 * ```
 *
 * @since 0.1.0
 */
export type AgentPhoneProviderProps =
  & { readonly children?: React.ReactNode }
  & (
    | {
      /** A runtime the app owns and disposes. */
      readonly runtime: Store.Runtime
      readonly layer?: undefined
    }
    | {
      /** A layer the provider builds once and disposes on unmount. Read on first render only. */
      readonly layer: Layer.Layer<AgentPhone.AgentPhone, unknown, never>
      readonly runtime?: undefined
    }
  )

const StoreContext = React.createContext<Store.Store | null>(null)

interface Owned {
  readonly store: Store.Store
  /** Whether this provider built the runtime (and so disposes it). */
  readonly owned: boolean
  mounts: number
  disposed: boolean
}

const own = (props: AgentPhoneProviderProps): Owned =>
  props.runtime !== undefined
    ? { store: Store.make(props.runtime), owned: false, mounts: 0, disposed: false }
    : { store: Store.make(ManagedRuntime.make(props.layer)), owned: true, mounts: 0, disposed: false }

/**
 * Gives its children the AgentPhone runtime and the shared query store.
 *
 * @since 0.1.0
 * @example
 * ```tsx
 * import { AgentPhoneProvider } from "@agentphone-effect/react"
 * import type { Store } from "@agentphone-effect/react"
 * declare const runtime: Store.Runtime
 * export const App = () => <AgentPhoneProvider runtime={runtime}>…</AgentPhoneProvider>
 * ```
 */
export const AgentPhoneProvider = (props: AgentPhoneProviderProps): React.ReactElement => {
  const [state, setState] = React.useState(() => own(props))
  React.useEffect(() => {
    if (state.disposed) {
      // Re-mounted after a real disposal (e.g. an Activity/offscreen tree): build afresh.
      setState(own(props))
      return
    }
    state.mounts++
    return () => {
      state.mounts--
      // StrictMode unmounts and re-mounts synchronously; decide after a microtask.
      queueMicrotask(() => {
        if (state.mounts > 0 || state.disposed) return
        state.disposed = true
        state.store.dispose()
        if (state.owned) Effect.runFork(state.store.runtime.disposeEffect)
      })
    }
    // The runtime/layer is read once, like useState's initial value.
  }, [state])
  return React.createElement(StoreContext.Provider, { value: state.store }, props.children)
}

/**
 * The store of the nearest `AgentPhoneProvider` (throws a readable error outside one).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useAgentPhoneStore } from "@agentphone-effect/react"
 * const useRunning = () => useAgentPhoneStore().running()
 * ```
 */
export const useAgentPhoneStore = (): Store.Store => {
  const store = React.useContext(StoreContext)
  if (store === null) {
    throw new Error(
      "useAgentPhoneStore: no AgentPhoneProvider above this component. Wrap the tree in <AgentPhoneProvider layer={…}>."
    )
  }
  return store
}

/**
 * The runtime of the nearest `AgentPhoneProvider`, to run your own Effects with it.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useAgentPhoneRuntime } from "@agentphone-effect/react"
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Run a one-off Effect from an event handler on the provider's runtime.
 * const useExportContacts = () => {
 *   const runtime = useAgentPhoneRuntime()
 *   return () => runtime.runPromise(Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.listContacts()))
 * }
 * ```
 */
export const useAgentPhoneRuntime = (): Store.Runtime => useAgentPhoneStore().runtime
