/** Starts a real hardhat 2 node on loopback as a child process, for tests. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CompiledContract, compileSources } from './solc.js'

export type HardhatNode = { url: string; stop(): Promise<void> }

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Resolves when the node prints its URL; rejects with its output on failure or after timeoutMs. */
export async function startHardhatNode(
  timeoutMs = 60_000,
): Promise<HardhatNode> {
  const port = await freePort()
  const bin = join(root, 'node_modules', '.bin', 'hardhat')
  const child: ChildProcess = spawn(
    bin,
    ['node', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: join(here, 'hardhat'),
      env: {
        ...process.env,
        HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
        CI: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `hardhat node did not start in ${timeoutMs} ms:\n${output}`,
          ),
        ),
      timeoutMs,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match =
        /Started HTTP and WebSocket JSON-RPC server at (http:\/\/[^\s/]+)/.exec(
          output,
        )
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`hardhat node exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Test contracts: a minimal ERC-20 and a forwarder that passes ETH on internally. */
export const TEST_CONTRACTS = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract TestToken {
  string public name = "Test USD";
  string public symbol = "TUSD";
  uint8 public decimals = 6;
  mapping(address => uint256) public balanceOf;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor(uint256 supply) { balanceOf[msg.sender] = supply; emit Transfer(address(0), msg.sender, supply); }
  function transfer(address to, uint256 value) external returns (bool) {
    require(balanceOf[msg.sender] >= value, "balance");
    balanceOf[msg.sender] -= value;
    balanceOf[to] += value;
    emit Transfer(msg.sender, to, value);
    return true;
  }
}
contract Forwarder {
  function forward(address payable to) external payable {
    (bool ok, ) = to.call{value: msg.value}("");
    require(ok, "forward failed");
  }
}
`

export type Compiled = Record<string, CompiledContract>

/** Compiles with the npm solc (bundled soljson, no download). */
export async function compileTestContracts(): Promise<Compiled> {
  return compileSources({ 'Test.sol': TEST_CONTRACTS })
}
