// Minimal config for the real-node tests: a bare in-memory chain, no compilation.
module.exports = {
  networks: { hardhat: { chainId: 31337, mining: { auto: true } } },
}
