/**
 * Location: the last known location of a phone number, and a refresh request. Models and the
 * endpoint table of the `location` group (`ap.location.*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

/**
 * An E.164 number; it travels in the path (`+` becomes `%2B`).
 *
 * @example
 * ```ts
 * import * as Location from "@agentphone-effect/core/Location"
 *
 * // the request object of `Location.getLocation` (wire names, as the official SDK takes it)
 * const request: typeof Location.GetLocationRequest.Type = { phone_number: "+14155550123" }
 * const result = Location.getLocation(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetLocationRequest = Schema.Struct({
  phone_number: Schema.String
})

/**
 * The last known location. `lastUpdated` is a number whose unit is not documented (likely epoch
 * seconds).
 *
 * @example
 * ```ts
 * import * as Location from "@agentphone-effect/core/Location"
 * import { Schema } from "effect"
 *
 * // what `Location.getLocation` succeeds with
 * const response = Location.getLocation({ phone_number: "+14155550123" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Location.LocationResponse)
 * ```
 *
 * @since 0.1.0
 */
export class LocationResponse extends Schema.Class<LocationResponse>("LocationResponse")({
  phoneNumber: Schema.String,
  latitude: Model.optionalNullable(Schema.Finite),
  longitude: Model.optionalNullable(Schema.Finite),
  status: Schema.String,
  lastUpdated: Schema.Finite
}) {}

/**
 * Refresh accepted; read the locations again after `pollAfterSeconds`.
 *
 * @example
 * ```ts
 * import * as Location from "@agentphone-effect/core/Location"
 * import { Schema } from "effect"
 *
 * // what `Location.refreshLocations` succeeds with
 * const response = Location.refreshLocations()
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Location.LocationRefreshResponse)
 * ```
 *
 * @since 0.1.0
 */
export class LocationRefreshResponse extends Schema.Class<LocationRefreshResponse>("LocationRefreshResponse")({
  success: Schema.Boolean,
  pollAfterSeconds: Model.optional(Schema.Finite)
}) {}

/**
 * `GET /v1/location/{phone_number}`: the row of `ap.location.getLocation`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Location from "@agentphone-effect/core/Location"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Location.getLocation({ phone_number: "+14155550123" })
 * ```
 *
 * @since 0.1.0
 */
export const getLocation = Endpoint.make("GET", "/v1/location/{phone_number}", {
  name: "location.getLocation",
  request: GetLocationRequest,
  response: Endpoint.json(LocationResponse)
})

/**
 * `POST /v1/location/refresh`: the row of `ap.location.refreshLocations`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Location from "@agentphone-effect/core/Location"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Location.refreshLocations()
 * ```
 *
 * @since 0.1.0
 */
export const refreshLocations = Endpoint.make("POST", "/v1/location/refresh", {
  name: "location.refreshLocations",
  request: Endpoint.NoRequest,
  body: "none",
  response: Endpoint.json(LocationRefreshResponse)
})

/**
 * The `location` group: one row per official method (`refreshLocations` is a body-less POST).
 *
 * @example
 * ```ts
 * import * as Location from "@agentphone-effect/core/Location"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Location.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  getLocation,
  refreshLocations
} as const
