/**
 * Sub-accounts: separate workspaces under one account (act for one with
 * `AgentPhone.withSubAccount(id)`). Models and the endpoint table of the `subAccounts` group
 * (`ap.subAccounts.*`).
 *
 * The response shapes are not published (the official SDK types them `unknown`): a sub-account
 * has an `id` (the `X-Sub-Account-Id` value) and a `name`; the rest is decoded leniently.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

/**
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // the request object of `SubAccounts.listSubAccounts` (wire names, as the official SDK takes it)
 * const request: typeof SubAccounts.ListSubAccountsRequest.Type = {}
 * const result = SubAccounts.listSubAccounts(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListSubAccountsRequest = Schema.Struct({
  limit: Model.optionalNullable(Schema.Int),
  offset: Model.optional(Schema.Int)
})

/**
 * `name`: 1–100 characters (checked by the server).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // the request object of `SubAccounts.createSubAccount` (wire names, as the official SDK takes it)
 * const request: typeof SubAccounts.CreateSubAccountRequest.Type = { name: "West Coast Clinics" }
 * const result = SubAccounts.createSubAccount(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateSubAccountRequest = Schema.Struct({
  name: Schema.String
})

/**
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // the request object of `SubAccounts.deleteSubAccount` (wire names, as the official SDK takes it)
 * const request: typeof SubAccounts.SubAccountIdRequest.Type = { sub_account_id: "sub_77aa" }
 * const result = SubAccounts.deleteSubAccount(request)
 * ```
 *
 * @since 0.1.0
 */
export const SubAccountIdRequest = Schema.Struct({
  sub_account_id: Schema.String
})

/**
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // the request object of `SubAccounts.updateSubAccount` (wire names, as the official SDK takes it)
 * const request: typeof SubAccounts.UpdateSubAccountRequest.Type = { sub_account_id: "sub_77aa", name: "Midwest Clinics" }
 * const result = SubAccounts.updateSubAccount(request)
 * ```
 *
 * @since 0.1.0
 */
export const UpdateSubAccountRequest = Schema.Struct({
  sub_account_id: Schema.String,
  name: Schema.String
})

/**
 * A sub-account (shape not published: `id` and `name`; other keys are kept).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 * import { Schema } from "effect"
 *
 * // what `SubAccounts.createSubAccount` succeeds with
 * const response = SubAccounts.createSubAccount({ name: "West Coast Clinics" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(SubAccounts.SubAccount)
 * ```
 *
 * @since 0.1.0
 */
export class SubAccount extends Schema.Class<SubAccount>("SubAccount")({
  id: Schema.String,
  name: Schema.String,
  createdAt: Model.optionalNullable(Schema.String)
}) {}

/**
 * A page of sub-accounts (shape not published; `hasMore` and `total` when the server sends them).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 * import { Schema } from "effect"
 *
 * // what `SubAccounts.listSubAccounts` succeeds with
 * const response = SubAccounts.listSubAccounts({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(SubAccounts.SubAccountListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class SubAccountListResponse extends Schema.Class<SubAccountListResponse>("SubAccountListResponse")({
  data: Schema.Array(SubAccount),
  hasMore: Model.optional(Schema.Boolean),
  total: Model.optional(Schema.Finite)
}) {}

/**
 * `GET /v1/sub-accounts`: the row of `ap.subAccounts.listSubAccounts`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = SubAccounts.listSubAccounts({})
 * // every item of every page, fetched as far as you pull
 * const items = SubAccounts.listSubAccounts.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listSubAccounts = Endpoint.make("GET", "/v1/sub-accounts", {
  name: "subAccounts.listSubAccounts",
  request: ListSubAccountsRequest,
  query: ["limit", "offset"],
  response: Endpoint.json(SubAccountListResponse),
  paginate: Endpoint.offsetPaged((page: SubAccountListResponse) => page.data)
})

/**
 * `POST /v1/sub-accounts`: the row of `ap.subAccounts.createSubAccount`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = SubAccounts.createSubAccount({ name: "West Coast Clinics" })
 * ```
 *
 * @since 0.1.0
 */
export const createSubAccount = Endpoint.make("POST", "/v1/sub-accounts", {
  name: "subAccounts.createSubAccount",
  request: CreateSubAccountRequest,
  response: Endpoint.json(SubAccount)
})

/**
 * `DELETE /v1/sub-accounts/{sub_account_id}`: the row of `ap.subAccounts.deleteSubAccount`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = SubAccounts.deleteSubAccount({ sub_account_id: "sub_77aa" })
 * ```
 *
 * @since 0.1.0
 */
export const deleteSubAccount = Endpoint.make("DELETE", "/v1/sub-accounts/{sub_account_id}", {
  name: "subAccounts.deleteSubAccount",
  request: SubAccountIdRequest,
  response: Endpoint.json(Model.Acknowledgement)
})

/**
 * `PATCH /v1/sub-accounts/{sub_account_id}`: the row of `ap.subAccounts.updateSubAccount`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = SubAccounts.updateSubAccount({ sub_account_id: "sub_77aa", name: "Midwest Clinics" })
 * ```
 *
 * @since 0.1.0
 */
export const updateSubAccount = Endpoint.make("PATCH", "/v1/sub-accounts/{sub_account_id}", {
  name: "subAccounts.updateSubAccount",
  request: UpdateSubAccountRequest,
  response: Endpoint.json(SubAccount)
})

/**
 * The `subAccounts` group: one row per official method, plus `listSubAccountsStream`.
 *
 * @example
 * ```ts
 * import * as SubAccounts from "@agentphone-effect/core/SubAccounts"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(SubAccounts.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  listSubAccounts,
  createSubAccount,
  deleteSubAccount,
  updateSubAccount
} as const
