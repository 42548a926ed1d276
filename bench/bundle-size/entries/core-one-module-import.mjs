// Cold import of what one call needs from @agentphone-effect/core by subpath: the executor and one
// group module (its built dist), nothing else.
import "@agentphone-effect/core/AgentPhoneClient"
import "@agentphone-effect/core/Contacts"
