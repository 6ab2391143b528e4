/**
 * Compiles the Solidity sources under test/support/contracts with the npm
 * solc (its bundled soljson: no download, no cache), for tests that deploy
 * real contracts on a local node.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Abi, Hex } from 'viem'

export type CompiledContract = { abi: Abi; bytecode: Hex }

const CONTRACTS = fileURLToPath(new URL('./contracts/', import.meta.url))

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>
  >
}

/** Every contract of the named files, by contract name; throws on any compile error. */
export function compileContracts(
  files: readonly string[],
): Record<string, CompiledContract> {
  return compileSources(
    Object.fromEntries(
      files.map((f) => [f, readFileSync(CONTRACTS + f, 'utf8')]),
    ),
  )
}

/** Every contract of the given sources (file name to Solidity text), by contract name. */
export function compileSources(
  sources: Record<string, string>,
): Record<string, CompiledContract> {
  // solc ships no types: load it through require with the one method used.
  const solc = createRequire(import.meta.url)('solc') as {
    compile(input: string): string
  }
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(
      Object.entries(sources).map(([f, content]) => [f, { content }]),
    ),
    settings: {
      evmVersion: 'paris',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0)
    throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const out: Record<string, CompiledContract> = {}
  for (const contracts of Object.values(output.contracts ?? {}))
    for (const [name, c] of Object.entries(contracts))
      out[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
  return out
}
