import { Result } from "@agentphone-effect/react"
import type { Cause } from "effect"
import type { ReactNode } from "react"

/** A readable box for a failed request: what failed, and the server's words when there are any. */
export const ErrorBox = (
  props: { readonly title: string; readonly error: { readonly _tag: string; readonly message: string } }
) => (
  <div className="error" role="alert">
    <strong>{props.title}</strong>
    <span className="tag">{props.error._tag}</span>
    <p>{props.error.message}</p>
  </div>
)

const Defect = (props: { readonly title: string; readonly cause: Cause.Cause<unknown> }) => (
  <div className="error" role="alert">
    <strong>{props.title}</strong>
    <span className="tag">unexpected</span>
    <pre>{String(props.cause)}</pre>
  </div>
)

/** Render a result with the app's loading and error states. */
export const Show = <A, E extends { readonly _tag: string; readonly message: string }>(props: {
  readonly result: Result.Result<A, E>
  readonly what: string
  readonly children: (value: A, waiting: boolean) => ReactNode
}): ReactNode =>
  Result.match(props.result, {
    onInitial: () => <p className="muted">Loading {props.what}…</p>,
    onSuccess: (value, waiting) => props.children(value, waiting),
    onFailure: (error) => <ErrorBox title={`Could not load ${props.what}`} error={error} />,
    onDefect: (cause) => <Defect title={`Could not load ${props.what}`} cause={cause} />
  })
