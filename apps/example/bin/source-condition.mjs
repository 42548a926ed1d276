// A module resolution hook: resolve `@agentphone-effect/*` packages through their
// `@agentphone-effect/source` export condition (TypeScript sources) instead of `dist`.
export const resolve = (specifier, context, next) =>
  next(specifier, { ...context, conditions: ["@agentphone-effect/source", ...context.conditions] })
