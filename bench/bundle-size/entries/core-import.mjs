// Cold import of the @agentphone-effect/core barrel (its built dist), nothing else.
import "@agentphone-effect/core"
