/**
 * The hardhat suites start a real node; one that fails to start fails them.
 * FUNDTRACE_SKIP_HARDHAT=1 is the only way to skip them. Kept apart from
 * hardhat.ts so the global setup can read it without loading solc.
 */
export function skipHardhat(
  env: Record<string, string | undefined> = process.env,
): boolean {
  return env.FUNDTRACE_SKIP_HARDHAT === '1'
}

export const HARDHAT_SKIP_LINE =
  'hardhat tests skipped: FUNDTRACE_SKIP_HARDHAT=1 is set; unset it to run them against a local hardhat 2 node'
