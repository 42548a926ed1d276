/**
 * A decoder compiled once from a Schema AST into plain closures. It gives the same value as
 * `ParseResult.decodeUnknownEither(schema, options)` on the same input (same classes, same own keys
 * in the same order), or `Fail` when the input does not decode, or when it cannot tell cheaply — it
 * builds no error: the caller then runs the Schema decoder, which gives the value or the error.
 * `compile` returns `undefined` for any AST or option it does not reproduce exactly (then the Schema
 * decoder is always used).
 *
 * Handled: literals, primitives, `Unknown`/`Any`, refinements (the refinement's own filter is run),
 * unions (Effect's candidate order, see `Compiler.union`), arrays, structs and records (excess keys
 * ignored or, under `onExcessProperty: "preserve"`, kept in Effect's key order), and any
 * `transform`/`Schema.Class`/`Redacted`: their own decode functions (`new Class(fields, true)`,
 * `Redacted.make`, the declaration's check) are called exactly as Effect calls them, so what they
 * build is what Effect builds. With `all` (see `Features`), also unions with literal-keyed members
 * and struct transformations (`optionalWith` defaults, renamed keys).
 *
 * Inputs are JSON data, as `JSON.parse` returns it: plain objects whose own keys are enumerable
 * strings (no symbols, no accessors), arrays, primitives.
 *
 * Why: Effect's generic parser builds an `Either` and an issue tree per field; a 4.5 KB list costs
 * about 8x its JSON.parse. Tests compare it with the Schema decoder on every response model, on
 * generated and mutated inputs.
 *
 * @internal
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"

/** @internal */
export const Fail: unique symbol = Symbol.for("@agentphone-effect/core/FastDecode/Fail")

/** @internal */
export type Decoder = (input: unknown) => unknown

const hasOwn = Object.prototype.hasOwnProperty
const identity: Decoder = (u) => u

const typeOf = (type: "string" | "number" | "boolean"): Decoder => (u) => typeof u === type ? u : Fail

/**
 * What a compiler handles beyond the forms every response model uses (literals, primitives,
 * refinements, unions without literal-keyed members, arrays, structs, records, classes, `transform`,
 * declarations). Each is a function of its own, so a bundle that never passes `all` (the endpoint
 * decoder) leaves them out; without one, a schema that needs it is not compiled (`undefined`).
 *
 * @internal
 */
export interface Features {
  /** A union some of whose members have required literal-typed keys (Effect's search tree). */
  readonly taggedUnion?: (
    tagged: ReadonlyArray<readonly [Tags, Decoder]>,
    otherwise: ReadonlyArray<Decoder>
  ) => Decoder | undefined
  /** A struct transformation: `optionalWith` defaults, renamed keys, `attachPropertySignature`. */
  readonly structTransformation?: (
    compiler: Compiling,
    ast: AST.Transformation,
    steps: ReadonlyArray<AST.PropertySignatureTransformation>,
    from: Decoder,
    to: Decoder
  ) => Decoder | undefined
}

/** What a feature sees of the compiler. @internal */
export interface Compiling {
  readonly preserve: boolean
  compile(ast: AST.AST): Decoder | undefined
}

/** A union member's required literal-typed keys (see `literalsOf`). @internal */
export type Tags = ReadonlyArray<readonly [PropertyKey, AST.Literal]>

/**
 * Compile `ast` for decoding with `options` (the very object later given to the Schema decoder it
 * stands in for: refinements and declarations receive it). Only `onExcessProperty` `"ignore"` or
 * `"preserve"` and `errors` (which does not change what is accepted) are supported; `features`
 * adds the forms beyond the core ones (`all` for every form this module reproduces).
 *
 * @internal
 */
export const compile = (
  ast: AST.AST,
  options: AST.ParseOptions = AST.defaultParseOption,
  features: Features = {}
): Decoder | undefined => {
  if (
    (options.onExcessProperty !== undefined && options.onExcessProperty !== "ignore" &&
      options.onExcessProperty !== "preserve") ||
    options.exact === true ||
    (options.propertyOrder !== undefined && options.propertyOrder !== "none")
  ) return undefined
  return new Compiler(options, features).compile(ast)
}

class Compiler implements Compiling {
  readonly preserve: boolean
  // Shared sub-schemas (a model used in a list and a detail) compile once; `null` marks one in
  // progress (a cycle through `Suspend` is not handled).
  readonly memo = new Map<AST.AST, Decoder | undefined | null>()
  constructor(readonly options: AST.ParseOptions, readonly features: Features) {
    this.preserve = options.onExcessProperty === "preserve"
  }

  compile(ast: AST.AST): Decoder | undefined {
    const memo = this.memo.get(ast)
    if (memo !== undefined) return memo === null ? undefined : memo
    if (this.memo.has(ast)) return undefined
    this.memo.set(ast, null)
    const out = this.go(ast)
    this.memo.set(ast, out)
    return out
  }

  go(ast: AST.AST): Decoder | undefined {
    if (
      Option.isSome(AST.getParseOptionsAnnotation(ast)) ||
      Option.isSome(AST.getDecodingFallbackAnnotation(ast))
    ) return undefined
    const options = this.options
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
        const from = this.compile(ast.from)
        if (from === undefined) return undefined
        const filter = ast.filter
        return (u) => {
          const a = from(u)
          return a === Fail || Option.isSome(filter(a, options, ast)) ? Fail : a
        }
      }
      case "Union":
        return this.union(ast)
      case "TupleType": {
        if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
        const item = this.compile(ast.rest[0].type)
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
      case "TypeLiteral":
        return this.typeLiteral(ast)
      case "Declaration": {
        // Effect's own check (for a `Schema.Class`, `instanceof`; for `Redacted`, its value's decode).
        const parse = ast.decodeUnknown(...ast.typeParameters)
        return (u) => {
          const result = parse(u, options, ast)
          return Either.isEither(result) && Either.isRight(result) ? result.right : Fail
        }
      }
      case "Transformation":
        return this.transformation(ast)
      default:
        return undefined
    }
  }

  /**
   * Effect's union: members with a required literal-typed key are tried only when the input's
   * value at that key names them (see `taggedUnion`), then the members without one, each in
   * declaration order; the first that decodes wins.
   */
  union(ast: AST.Union): Decoder | undefined {
    const tagged: Array<readonly [Tags, Decoder]> = []
    const otherwise: Array<Decoder> = []
    for (const member of ast.types) {
      const decoder = this.compile(member)
      const tags = literalsOf(member)
      if (decoder === undefined || tags === undefined) return undefined
      if (tags.length === 0) otherwise.push(decoder)
      else tagged.push([tags, decoder])
    }
    if (tagged.length > 0) return this.features.taggedUnion?.(tagged, otherwise)
    return otherwise.length === 1 ? otherwise[0] : firstOf(otherwise)
  }

  /** A struct's decoder; with `proto`, the output object is made with that prototype. */
  typeLiteral(ast: AST.TypeLiteral, proto?: object): Decoder | undefined {
    if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
      return (u) => u === null || u === undefined ? Fail : u
    }
    const names: Array<string> = []
    const optional: Array<boolean> = []
    const decoders: Array<Decoder> = []
    const expected = new Set<string>()
    for (const ps of ast.propertySignatures) {
      if (typeof ps.name !== "string") return undefined
      const decoder = this.compile(ps.type)
      if (decoder === undefined) return undefined
      names.push(ps.name)
      optional.push(ps.isOptional)
      decoders.push(decoder)
      expected.add(ps.name)
    }
    let index: Decoder | undefined
    if (ast.indexSignatures.length > 0) {
      const [signature] = ast.indexSignatures
      if (ast.indexSignatures.length > 1 || signature.parameter._tag !== "StringKeyword") return undefined
      index = this.compile(signature.type)
      if (index === undefined) return undefined
    }
    // With a string index signature every string key is expected: nothing is "excess".
    const preserve = this.preserve
    const count = names.length
    return (u) => {
      if (typeof u !== "object" || u === null || Array.isArray(u)) return Fail
      const input = u as Record<PropertyKey, unknown>
      const out: Record<PropertyKey, unknown> = proto === undefined ? {} : Object.create(proto)
      if (preserve && index === undefined) {
        // Excess keys first, in own-key order, as Effect writes them. (`Object.keys`, not Effect's
        // `Reflect.ownKeys`: the same keys for JSON data, and ~10x cheaper.) A key in declared
        // order is matched by identity (JSON.parse interns keys), others by lookup.
        // (`for…in` with an own-key check: `Object.keys`' keys in its order, without its array)
        let j = 0
        for (const key in input) {
          if (!hasOwn.call(input, key)) continue
          if (key === names[j]) j++
          else if (!expected.has(key)) {
            // (Effect writes `__proto__` to its struct, which changes that object's prototype and
            // adds no key, then copies the struct's own keys to the instance: no trace of it)
            if (key !== "__proto__" || proto === undefined) out[key] = input[key]
          }
        }
      }
      for (let i = 0; i < count; i++) {
        const name = names[i]
        if (optional[i] && !hasOwn.call(input, name)) continue
        const v = decoders[i](input[name])
        if (v === Fail) return Fail
        out[name] = v
      }
      if (index !== undefined) {
        const keys = Object.keys(input)
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]
          const v = index(input[key])
          if (v === Fail) return Fail
          if (!expected.has(key)) out[key] = v
        }
      }
      return out
    }
  }

  transformation(ast: AST.Transformation): Decoder | undefined {
    const transformation = ast.transformation
    const from = this.compile(ast.from)
    const to = this.compile(ast.to)
    if (from === undefined || to === undefined) return undefined
    const options = this.options
    switch (transformation._tag) {
      case "ComposeTransformation":
        return (u) => {
          const a = from(u)
          return a === Fail ? Fail : to(a)
        }
      case "FinalTransformation": {
        // `transform`, `Schema.Class` (`new Class(fields, true)`), `Redacted` (`Redacted.make`):
        // Effect's own function, called as Effect calls it.
        const decode = transformation.decode
        const proto = plainClassPrototype(ast, decode, options)
        if (proto !== undefined) {
          // A `Schema.Class` whose construction only copies the fields: the same instance, built
          // directly (and its `instanceof` check holds by construction); from a struct, its fields
          // are written to the instance as they are decoded (the same keys in the same order).
          const direct = ast.from._tag === "TypeLiteral" ? this.typeLiteral(ast.from, proto) : undefined
          if (direct !== undefined) return direct
          return (u) => {
            const a = from(u)
            return a === Fail ? Fail : Object.assign(Object.create(proto), a)
          }
        }
        return (u) => {
          const a = from(u)
          if (a === Fail) return Fail
          const result = decode(a, options, ast, u)
          return Either.isEither(result) && Either.isRight(result) ? to(result.right) : Fail
        }
      }
      case "TypeLiteralTransformation":
        return this.features.structTransformation?.(
          this,
          ast,
          transformation.propertySignatureTransformations,
          from,
          to
        )
    }
  }
}

/** The first member that decodes `u`, in order. */
const firstOf = (members: ReadonlyArray<Decoder>): Decoder => (u) => {
  for (let i = 0; i < members.length; i++) {
    const out = members[i](u)
    if (out !== Fail) return out
  }
  return Fail
}

/**
 * A union with literal-keyed members, as Effect decodes it: those members are tried only when the
 * input's value at their key names them (buckets, as `ParseResult.getSearchTree` builds them), then
 * the members without one (`otherwise`).
 */
const taggedUnion = (
  tagged: ReadonlyArray<readonly [Tags, Decoder]>,
  otherwise: ReadonlyArray<Decoder>
): Decoder | undefined => {
  const keys: Record<PropertyKey, Map<string, Array<Decoder>>> = Object.create(null)
  for (const [tags, decoder] of tagged) {
    for (let j = 0; j < tags.length; j++) {
      const [key, literal] = tags[j]
      const hash = String(literal.literal)
      // (Effect keeps these in plain objects, where `__proto__` would not be a key.)
      if (typeof key !== "string" || key === "__proto__" || hash === "__proto__") return undefined
      keys[key] ??= new Map()
      const bucket = keys[key].get(hash)
      if (bucket !== undefined) {
        if (j < tags.length - 1) continue
        bucket.push(decoder)
      } else {
        keys[key].set(hash, [decoder])
        break
      }
    }
  }
  const tree = (Reflect.ownKeys(keys) as Array<string>).map((name) => [name, keys[name]] as const)
  const rest = firstOf(otherwise)
  return (u) => {
    if (typeof u === "object" && u !== null) {
      const input = u as Record<string, unknown>
      for (let i = 0; i < tree.length; i++) {
        const [name, buckets] = tree[i]
        if (!hasOwn.call(input, name)) continue
        const candidates = buckets.get(String(input[name]))
        if (candidates === undefined) continue
        for (let j = 0; j < candidates.length; j++) {
          const out = candidates[j](u)
          if (out !== Fail) return out
        }
      }
    }
    return rest(u)
  }
}

/**
 * A struct transformation (`optionalWith` defaults, renamed keys, `attachPropertySignature`): the
 * from side's decode, then the property transformations, then the `to` side's.
 */
const structTransformation = (
  compiler: Compiling,
  ast: AST.Transformation,
  steps: ReadonlyArray<AST.PropertySignatureTransformation>,
  from: Decoder,
  to: Decoder
): Decoder => {
  const targets = compiler.preserve ? undefined : retained(compiler, ast, steps)
  if (targets !== undefined) {
    // The `to` side's check only for the transformed fields (see `retained`); the output is
    // built in the `to` side's field order, as its decode would.
    return (u) => {
      const a = from(u)
      if (a === Fail) return Fail
      const mid = applied(a as Record<PropertyKey, unknown>, steps)
      const out: Record<PropertyKey, unknown> = {}
      for (let i = 0; i < targets.length; i++) {
        const [name, isOptional, decoder] = targets[i]
        if (isOptional && !hasOwn.call(mid, name)) continue
        if (decoder === undefined) {
          out[name] = mid[name]
          continue
        }
        const v = decoder(mid[name])
        if (v === Fail) return Fail
        out[name] = v
      }
      return out
    }
  }
  return (u) => {
    const a = from(u)
    if (a === Fail) return Fail
    return to(applied(a as Record<PropertyKey, unknown>, steps))
  }
}

/** `mid` (a from-side decoder's own output) with the property transformations applied in place. */
const applied = (
  mid: Record<PropertyKey, unknown>,
  steps: ReadonlyArray<AST.PropertySignatureTransformation>
): Record<PropertyKey, unknown> => {
  for (const step of steps) {
    const has = hasOwn.call(mid, step.from)
    const value = step.decode(has ? Option.some(mid[step.from]) : Option.none())
    // As Effect does (delete `from`, then set `to`), without a needless `delete`: it would
    // turn the object into a slow dictionary (key order does not matter, `to` rebuilds it).
    if (has && (step.from !== step.to || Option.isNone(value))) delete mid[step.from]
    if (Option.isSome(value)) mid[step.to] = value.value
  }
  return mid
}

/**
 * Effect decodes a struct transformation (`optionalWith` defaults, `attachPropertySignature`) as
 * from-side decode, then the property transformations, then a full decode of the `to` side, which
 * rebuilds every nested object once per level. When excess keys are dropped and the `to` side is a
 * plain struct whose untouched fields are exactly the from side's (same names and optionality,
 * each type the `typeAST` of the from field's), that re-decode returns a copy of what it is given:
 * a value decoded by a from-side decoder already satisfies the type side (these decoders only
 * check, and a refinement's filter was already applied). Then only the transformed fields need
 * checking; this returns the `to` side's fields in order, each with its `to` decoder when it is
 * transformed, else `undefined` (copied as is); or `undefined` when this does not apply.
 */
const retained = (
  compiler: Compiling,
  ast: AST.Transformation,
  steps: ReadonlyArray<AST.PropertySignatureTransformation>
): ReadonlyArray<readonly [string, boolean, Decoder | undefined]> | undefined => {
  const from = fieldsOf(ast.from)
  const to = ast.to
  if (from === undefined || to._tag !== "TypeLiteral") return undefined
  if (from.indexSignatures.length > 0 || to.indexSignatures.length > 0) return undefined
  const moved = new Set<PropertyKey>(steps.map((s) => s.from))
  const targetNames = new Set<PropertyKey>(steps.map((s) => s.to))
  const fromFields = new Map(from.propertySignatures.map((ps) => [ps.name, ps]))
  const out: Array<readonly [string, boolean, Decoder | undefined]> = []
  for (const ps of to.propertySignatures) {
    if (typeof ps.name !== "string") return undefined
    if (targetNames.has(ps.name)) {
      const decoder = compiler.compile(ps.type)
      if (decoder === undefined) return undefined
      out.push([ps.name, ps.isOptional, decoder])
      continue
    }
    const source = fromFields.get(ps.name)
    if (
      source === undefined || moved.has(ps.name) || source.isOptional !== ps.isOptional ||
      AST.typeAST(source.type) !== ps.type || !isCheckOnly(source.type)
    ) return undefined
    out.push([ps.name, ps.isOptional, undefined])
  }
  const toNames = new Set(to.propertySignatures.map((ps) => ps.name))
  for (const ps of from.propertySignatures) {
    if (!moved.has(ps.name) && !toNames.has(ps.name)) return undefined
  }
  return out
}

/**
 * For a `Schema.Class` decode (`new Class(fields, true)`) that does nothing but copy the fields onto
 * a new instance, the instances' prototype; otherwise `undefined`. `new Class(fields, true)` copies
 * `fields`, adds constructor defaults, and assigns the result to `this` (Effect's `Data.Class`).
 * Told by the classes' own constructors (see `onlyEffectConstructors`) and by what it builds: from
 * no fields, an instance with no own keys (no defaults, no initializers); from a probe field, an
 * instance with exactly that key and value; and an instance the declaration side accepts.
 */
const plainClassPrototype = (
  ast: AST.Transformation,
  decode: AST.FinalTransformation["decode"],
  options: AST.ParseOptions
): object | undefined => {
  if (ast.to._tag !== "Declaration" || Option.isNone(AST.getSurrogateAnnotation(ast.to))) return undefined
  try {
    const empty = decode({}, options, ast, {})
    const probe = decode({ probe: 1 }, options, ast, { probe: 1 })
    if (!Either.isEither(empty) || !Either.isEither(probe) || Either.isLeft(empty) || Either.isLeft(probe)) {
      return undefined
    }
    const a: unknown = empty.right
    const b: unknown = probe.right
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return undefined
    const proto: object | null = Object.getPrototypeOf(a)
    if (
      proto === null || proto === Object.prototype || Object.getPrototypeOf(b) !== proto ||
      Reflect.ownKeys(a).length !== 0 || Reflect.ownKeys(b).length !== 1 ||
      (b as { readonly probe?: unknown }).probe !== 1
    ) return undefined
    if (!onlyEffectConstructors(proto)) return undefined
    const check = ast.to.decodeUnknown(...ast.to.typeParameters)(Object.create(proto), options, ast.to)
    return Either.isEither(check) && Either.isRight(check) ? proto : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether every class from `proto`'s up to Effect's base is either one `Schema.Class` made (it has
 * its own `ast` accessor and `fields`) or one that declares no constructor of its own (its source
 * has no `constructor`: conservative, a method that mentions the word also counts).
 */
const onlyEffectConstructors = (proto: object): boolean => {
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (!Object.hasOwn(p, "constructor")) continue
    const ctor: unknown = (p as { readonly constructor: unknown }).constructor
    if (typeof ctor !== "function") return false
    const made = typeof Object.getOwnPropertyDescriptor(ctor, "ast")?.get === "function" &&
      Object.hasOwn(ctor, "fields")
    if (
      !made && /\bconstructor\b/.test(Function.prototype.toString.call(ctor))
    ) {
      return false
    }
  }
  return true
}

// Types whose decoder only checks its input and copies plain data (no transformation, no
// declaration): re-decoding its output with the type side gives an equal copy.
const isCheckOnly = (ast: AST.AST): boolean => {
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
      return isCheckOnly(ast.from)
    case "Union":
      return ast.types.every(isCheckOnly)
    case "TupleType":
      return ast.elements.every((e) => isCheckOnly(e.type)) && ast.rest.every((r) => isCheckOnly(r.type))
    case "TypeLiteral":
      return ast.propertySignatures.every((ps) => isCheckOnly(ps.type)) &&
        ast.indexSignatures.every((is) => isCheckOnly(is.type))
    default:
      return false
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
 * The required literal-typed keys of a union member, as Effect's `getLiterals` finds them when
 * decoding (it picks the union's candidates by them); `undefined` for a member it would look into
 * in a way not reproduced here (`Suspend`).
 */
const literalsOf = (ast: AST.AST): ReadonlyArray<readonly [PropertyKey, AST.Literal]> | undefined => {
  switch (ast._tag) {
    case "Declaration": {
      const surrogate = AST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) ? literalsOf(surrogate.value) : []
    }
    case "TypeLiteral": {
      const out: Array<readonly [PropertyKey, AST.Literal]> = []
      for (const ps of ast.propertySignatures) {
        const type = AST.encodedAST(ps.type)
        if (AST.isLiteral(type) && !ps.isOptional) out.push([ps.name, type])
      }
      return out
    }
    case "TupleType":
      // Index keys would order before string keys in Effect's tree: not reproduced.
      return ast.elements.some((e) => !e.isOptional && AST.isLiteral(AST.encodedAST(e.type))) ? undefined : []
    case "Refinement":
      return literalsOf(ast.from)
    case "Transformation":
      return literalsOf(ast.from)
    case "Suspend":
      return undefined
    default:
      return []
  }
}

/**
 * Every form this module reproduces: tagged unions and struct transformations too (what
 * `Model.decodeJsonEither` compiles with, for the webhook events).
 *
 * @internal
 */
export const all: Features = { taggedUnion, structTransformation }
