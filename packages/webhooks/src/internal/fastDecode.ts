import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"

/**
 * A decoder compiled once from a Schema AST into plain closures, for the shapes webhook events
 * use (structs, optional and nullable fields, defaults, literals, primitives, brands, arrays,
 * records, `attachPropertySignature`). It gives the same value as `ParseResult.decodeUnknown*`
 * on the same input, or `Fail` when the input does not decode — it builds no error: the caller
 * then runs the Schema decoder for the error. `compile` returns `undefined` for any AST it does
 * not handle exactly (then the Schema decoder is always used).
 *
 * Why: Effect's generic parser builds `Either`s and issue trees per field; a 1 KB event costs
 * ~10x JSON.parse. Tests check it against the Schema decoder on generated and mutated inputs.
 *
 * @internal
 */
export const Fail: unique symbol = Symbol.for("@agentphone-effect/webhooks/FastDecode/Fail")

/** @internal */
export type Decoder = (input: unknown) => unknown

const hasOwn = Object.prototype.hasOwnProperty
const identity: Decoder = (u) => u

// Members whose output is the input itself (so, in a union, which one matched does not matter).
const isIdentity = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Literal":
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
    case "VoidKeyword":
    case "UnknownKeyword":
    case "AnyKeyword":
      return true
    case "Refinement":
      return isIdentity(ast.from)
    default:
      return false
  }
}

// Identity members that also accept objects or arrays (they could shadow a struct in a union).
const acceptsObjects = (ast: AST.AST): boolean =>
  ast._tag === "UnknownKeyword" || ast._tag === "AnyKeyword" ||
  (ast._tag === "Refinement" && acceptsObjects(ast.from))

const typeOf = (type: "string" | "number" | "boolean"): Decoder => (u) => typeof u === type ? u : Fail

/** @internal */
export const compile = (ast: AST.AST): Decoder | undefined => {
  if (
    Option.isSome(AST.getParseOptionsAnnotation(ast)) ||
    Option.isSome(AST.getDecodingFallbackAnnotation(ast))
  ) return undefined
  switch (ast._tag) {
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal ? u : Fail
    }
    case "StringKeyword":
      return typeOf("string")
    case "NumberKeyword":
      return typeOf("number")
    case "BooleanKeyword":
      return typeOf("boolean")
    case "UndefinedKeyword":
    case "VoidKeyword":
      return (u) => u === undefined ? u : Fail
    case "UnknownKeyword":
    case "AnyKeyword":
      return identity
    case "Refinement": {
      const from = compile(ast.from)
      if (from === undefined) return undefined
      const filter = ast.filter
      return (u) => {
        const a = from(u)
        return a === Fail || Option.isSome(filter(a, AST.defaultParseOption, ast)) ? Fail : a
      }
    }
    case "Union": {
      const shaping = ast.types.filter((t) => !isIdentity(t))
      if (shaping.length > 1 || (shaping.length === 1 && ast.types.some(acceptsObjects))) return undefined
      const members: Array<Decoder> = []
      for (const type of ast.types) {
        const member = compile(type)
        if (member === undefined) return undefined
        members.push(member)
      }
      return (u) => {
        for (let i = 0; i < members.length; i++) {
          const out = members[i](u)
          if (out !== Fail) return out
        }
        return Fail
      }
    }
    case "TupleType": {
      if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
      const item = compile(ast.rest[0].type)
      if (item === undefined) return undefined
      return (u) => {
        if (!Array.isArray(u)) return Fail
        const out = new Array(u.length)
        for (let i = 0; i < u.length; i++) {
          const v = item(u[i])
          if (v === Fail) return Fail
          out[i] = v
        }
        return out
      }
    }
    case "TypeLiteral": {
      if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
        return (u) => u === null || u === undefined ? Fail : u
      }
      const names: Array<string> = []
      const optional: Array<boolean> = []
      const decoders: Array<Decoder> = []
      const expected: Record<string, null> = {}
      for (const ps of ast.propertySignatures) {
        const decoder = compile(ps.type)
        if (typeof ps.name !== "string" || decoder === undefined) return undefined
        names.push(ps.name)
        optional.push(ps.isOptional)
        decoders.push(decoder)
        expected[ps.name] = null
      }
      let index: Decoder | undefined
      if (ast.indexSignatures.length > 0) {
        const [signature] = ast.indexSignatures
        if (ast.indexSignatures.length > 1 || signature.parameter._tag !== "StringKeyword") return undefined
        index = compile(signature.type)
        if (index === undefined) return undefined
      }
      return (u) => {
        if (typeof u !== "object" || u === null || Array.isArray(u)) return Fail
        const input = u as Record<string, unknown>
        const out: Record<string, unknown> = {}
        for (let i = 0; i < names.length; i++) {
          const name = names[i]
          if (!hasOwn.call(input, name) && optional[i]) continue
          const v = decoders[i](input[name])
          if (v === Fail) return Fail
          out[name] = v
        }
        if (index !== undefined) {
          for (const key of Object.keys(input)) {
            const v = index(input[key])
            if (v === Fail) return Fail
            if (!hasOwn.call(expected, key)) out[key] = v
          }
        }
        return out
      }
    }
    case "Transformation": {
      const transformation = ast.transformation
      if (transformation._tag !== "TypeLiteralTransformation") return undefined
      const from = compile(ast.from)
      const to = compile(ast.to)
      if (from === undefined || to === undefined) return undefined
      const steps = transformation.propertySignatureTransformations
      const targets = retained(ast)
      if (targets !== undefined) {
        // Only the transformed fields need the `to` side's check (see `retained`).
        return (u) => {
          const a = from(u)
          if (a === Fail) return Fail
          const out = a as Record<PropertyKey, unknown>
          for (const step of steps) {
            const has = hasOwn.call(out, step.from)
            const value = step.decode(has ? Option.some(out[step.from]) : Option.none())
            if (has && (step.from !== step.to || Option.isNone(value))) delete out[step.from]
            if (Option.isSome(value)) out[step.to] = value.value
          }
          for (let i = 0; i < targets.length; i++) {
            const [name, isOptional, decoder] = targets[i]
            if (!hasOwn.call(out, name) && isOptional) continue
            const v = decoder(out[name])
            if (v === Fail) return Fail
            out[name] = v
          }
          return out
        }
      }
      return (u) => {
        const a = from(u)
        if (a === Fail) return Fail
        const out = a as Record<PropertyKey, unknown>
        for (const step of steps) {
          const has = hasOwn.call(out, step.from)
          const value = step.decode(has ? Option.some(out[step.from]) : Option.none())
          // As Effect does (delete `from`, then set `to`), without a needless `delete`: it would
          // turn the object into a slow dictionary (key order does not matter, `to` rebuilds it).
          if (has && (step.from !== step.to || Option.isNone(value))) delete out[step.from]
          if (Option.isSome(value)) out[step.to] = value.value
        }
        return to(out)
      }
    }
    default:
      return undefined
  }
}

// The fields of what a decoder for `ast` returns, when that is a plain object of known keys.
const fieldsOf = (ast: AST.AST): AST.TypeLiteral | undefined =>
  ast._tag === "TypeLiteral" ?
    ast :
    ast._tag === "Transformation" && ast.transformation._tag === "TypeLiteralTransformation" ?
    fieldsOf(ast.to) :
    undefined

/**
 * Effect decodes a struct transformation (`optionalWith` defaults, `attachPropertySignature`) as
 * from-side decode, then the property transformations, then a full decode of the `to` side, which
 * rebuilds every nested object once per level. When the `to` side is a plain struct whose
 * untouched fields are exactly the from side's (same names and optionality, each type the
 * `typeAST` of the from field's), that re-decode returns a copy of what it is given: a value
 * decoded by a from-side decoder already satisfies the type side (these decoders only check, and
 * a refinement's filter was already applied). Then only the transformed fields need checking;
 * this returns them with their `to` decoders, else `undefined` (full re-decode).
 */
const retained = (
  ast: AST.Transformation
): ReadonlyArray<readonly [string, boolean, Decoder]> | undefined => {
  const from = fieldsOf(ast.from)
  const to = ast.to
  if (from === undefined || to._tag !== "TypeLiteral") return undefined
  if (from.indexSignatures.length > 0 || to.indexSignatures.length > 0) return undefined
  if (ast.transformation._tag !== "TypeLiteralTransformation") return undefined
  const steps = ast.transformation.propertySignatureTransformations
  const moved = new Set<PropertyKey>(steps.map((s) => s.from))
  const targetNames = new Set<PropertyKey>(steps.map((s) => s.to))
  const fromFields = new Map(from.propertySignatures.map((ps) => [ps.name, ps]))
  const out: Array<readonly [string, boolean, Decoder]> = []
  for (const ps of to.propertySignatures) {
    if (typeof ps.name !== "string") return undefined
    if (targetNames.has(ps.name)) {
      const decoder = compile(ps.type)
      if (decoder === undefined) return undefined
      out.push([ps.name, ps.isOptional, decoder])
      continue
    }
    const source = fromFields.get(ps.name)
    if (
      source === undefined || moved.has(ps.name) || source.isOptional !== ps.isOptional ||
      AST.typeAST(source.type) !== ps.type
    ) return undefined
  }
  const toNames = new Set(to.propertySignatures.map((ps) => ps.name))
  for (const ps of from.propertySignatures) {
    if (!moved.has(ps.name) && !toNames.has(ps.name)) return undefined
  }
  return out
}
