// The benchmarks land with issue #10 ("pnpm bench").
console.log("agentphone-effect: no benchmarks yet (issue #10).")
