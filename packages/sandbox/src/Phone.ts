/**
 * Phone numbers: E.164 normalisation as the API does it for contacts, and plausible fictional
 * numbers for provisioning (the 555-01xx block in North America, Ofcom's drama range in the UK,
 * ACMA's fictional range in Australia).
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"

/**
 * Normalise a number to E.164: separators are dropped, `00` becomes `+`, a 10-digit number is
 * taken as North American (`+1`), an 11-digit number starting with 1 too. `None` when the result
 * is not `+` followed by 8–15 digits.
 *
 * @example
 * ```ts
 * import { Phone } from "@agentphone-effect/sandbox"
 *
 * Phone.normalize("(415) 555-0123") // Option.some("+14155550123")
 * ```
 *
 * @since 0.1.0
 */
export const normalize = (input: string): Option.Option<string> => {
  const trimmed = input.trim()
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return Option.none()
  let digits = trimmed.replace(/[^\d+]/g, "")
  if (digits.indexOf("+") > 0) return Option.none()
  if (digits.startsWith("00")) digits = "+" + digits.slice(2)
  if (!digits.startsWith("+")) {
    if (digits.length === 10) digits = "+1" + digits
    else if (digits.length === 11 && digits.startsWith("1")) digits = "+" + digits
    else digits = "+" + digits
  }
  return /^\+[1-9]\d{7,14}$/.test(digits) ? Option.some(digits) : Option.none()
}

/**
 * Countries the sandbox provisions numbers in (`POST /v1/numbers` with another country is a 422).
 *
 * @example
 * ```ts
 * import { Phone } from "@agentphone-effect/sandbox"
 *
 * Phone.countries.includes("GB") // true
 * ```
 *
 * @since 0.1.0
 */
export const countries: ReadonlyArray<string> = ["US", "CA", "GB", "AU"]

const northAmericanAreaCodes: Record<string, ReadonlyArray<string>> = {
  US: ["415", "212", "312", "646", "206", "512", "617", "303"],
  CA: ["604", "416", "514", "403"]
}

/**
 * A fictional number for `country`, from a random integer source. `areaCode` (North America only)
 * must be three digits.
 *
 * @example
 * ```ts
 * import { Phone } from "@agentphone-effect/sandbox"
 *
 * const nextInt = (max: number) => Math.floor(Math.random() * max)
 * Phone.provision("US", "415", nextInt) // e.g. "+14155550142" (the fictional 555-01xx block)
 * Phone.provision("GB", undefined, nextInt) // e.g. "+447700900123"
 * ```
 *
 * @since 0.1.0
 */
export const provision = (
  country: string,
  areaCode: string | undefined,
  nextInt: (max: number) => number
): string => {
  const suffix = (n: number, width: number) => String(nextInt(n)).padStart(width, "0")
  switch (country) {
    case "GB":
      return `+447700900${suffix(1000, 3)}`
    case "AU":
      return `+61491570${suffix(1000, 3)}`
    default: {
      const codes = northAmericanAreaCodes[country] ?? northAmericanAreaCodes.US
      const area = areaCode ?? codes[nextInt(codes.length)]
      return `+1${area}55501${suffix(100, 2)}`
    }
  }
}

/**
 * A stable small hash of a string (FNV-1a), for answers that must look random but repeat.
 *
 * @example
 * ```ts
 * import { Phone } from "@agentphone-effect/sandbox"
 *
 * // The same input always picks the same option.
 * const carriers = ["AT&T", "Verizon", "T-Mobile"]
 * const carrier = carriers[Phone.hash("+14155550123") % carriers.length]
 * ```
 *
 * @since 0.1.0
 */
export const hash = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}
